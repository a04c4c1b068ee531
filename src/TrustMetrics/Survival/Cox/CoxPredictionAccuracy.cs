using System.Globalization;

namespace TrustMetrics.Survival;

/// <summary>
/// How well a fitted Cox model predicts on a holdout: the time-dependent Brier score and the integrated Brier score with
/// inverse-probability-of-censoring weights (Graf, Schmoor, Sauerbrei &amp; Schumacher 1999), and calibration of predicted against
/// observed (Kaplan–Meier) survival at a horizon by groups of predicted risk.
/// </summary>
/// <remarks>
/// The predicted survival of holdout row i is Ŝ(t | xᵢ) = exp(−Λ₀(t)·exp(xᵢᵀβ̂ + offsetᵢ)), Λ₀ the fit's baseline cumulative
/// hazard on its training data (R <c>survfit(fit, newdata)</c>, Breslow or Efron-adjusted as the fit's ties), a step function
/// over the training event times. The censoring distribution Ĝ is the Kaplan–Meier estimate of the holdout's censoring times
/// (R <c>survfit(Surv(time, 1 − status) ~ 1)</c> on the holdout): the weights must undo the censoring of the sample being scored,
/// and the holdout's censoring need not be the training data's (as <c>pec</c> and <c>riskRegression::Score</c>, which estimate
/// it on the data scored). Right-censored, unstratified, unweighted data only.
/// </remarks>
public static class CoxPredictionAccuracy
{
    /// <summary>
    /// The IPCW Brier score at each time t:
    /// BS(t) = (1/n) Σᵢ [Ŝ(t | xᵢ)²·1(Tᵢ ≤ t, δᵢ = 1)/Ĝ(Tᵢ−) + (1 − Ŝ(t | xᵢ))²·1(Tᵢ &gt; t)/Ĝ(t)] over the n holdout rows
    /// (censored rows with Tᵢ ≤ t contribute 0 but count in n). Ĝ(Tᵢ−) is Ĝ just before Tᵢ (a censoring at the same time as an
    /// event is after it, as in Kaplan–Meier); Ĝ(t) includes t. The weights sum to n, so BS(t) ∈ [0, 1]. Null if Ĝ(t) = 0 while a row
    /// is still at risk after t (a 1/0 weight) — the Kaplan–Meier Ĝ reaches 0 only once no row remains, so in practice never.
    /// </summary>
    /// <param name="fit">The fit.</param>
    /// <param name="training">The data it was fitted on (gives the baseline hazard).</param>
    /// <param name="holdout">The rows to score: the fit's covariates, right-censored (no start times), no strata, no weights.</param>
    /// <param name="times">The times t, finite and ≥ 0.</param>
    /// <exception cref="ArgumentException">The data do not match the fit, are stratified, weighted or have start times, or no time is given.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A time is negative, NaN or infinite.</exception>
    public static IReadOnlyList<CoxBrierScore> BrierScores(this CoxFit fit, CoxData training, CoxData holdout, IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        if (times.Count == 0) throw new ArgumentException("Give at least one time.", nameof(times));
        var t = new double[times.Count];
        for (int k = 0; k < t.Length; k++)
        {
            t[k] = times[k];
            if (!double.IsFinite(t[k]) || t[k] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(times), t[k], $"times[{k}] must be a finite number ≥ 0; got {Guard.Format(t[k])}.");
            }
        }

        var scorer = Scorer.Create(fit, training, holdout);
        var result = new CoxBrierScore[t.Length];
        for (int k = 0; k < t.Length; k++) result[k] = new CoxBrierScore(t[k], scorer.Brier(t[k]));
        return Array.AsReadOnly(result);
    }

    /// <summary>
    /// The integrated Brier score IBS(τ) = (1/τ)∫₀^τ BS(t) dt, integrated exactly: BS is a right-continuous step function whose
    /// only jumps are at the training event times (Ŝ) and the holdout's observed times (the indicators and Ĝ), so the integral is
    /// Σₖ BS(uₖ)·(uₖ₊₁ − uₖ) over u₀ = 0 &lt; u₁ &lt; … those jump points below τ, and τ (BS = 0 before the first event time, where
    /// Ŝ = 1 and every Tᵢ &gt; t). Null when BS is undefined (Ĝ = 0) somewhere in [0, τ).
    /// </summary>
    /// <param name="fit">The fit.</param>
    /// <param name="training">The data it was fitted on.</param>
    /// <param name="holdout">The rows to score (see <see cref="BrierScores"/>).</param>
    /// <param name="tau">τ, finite and &gt; 0.</param>
    /// <exception cref="ArgumentException">The data do not match the fit, are stratified, weighted or have start times.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tau"/> is not finite and positive.</exception>
    public static double? IntegratedBrierScore(this CoxFit fit, CoxData training, CoxData holdout, double tau)
    {
        Guard.Finite(tau);
        Guard.Positive(tau);
        var scorer = Scorer.Create(fit, training, holdout);
        var grid = new SortedSet<double> { 0.0 };
        foreach (double u in scorer.BaselineTimes) if (u < tau && u > 0) grid.Add(u);
        foreach (double u in scorer.Time) if (u < tau && u > 0) grid.Add(u);
        var points = grid.ToArray();
        double sum = 0;
        for (int k = 0; k < points.Length; k++)
        {
            double next = k + 1 < points.Length ? points[k + 1] : tau;
            double? bs = scorer.Brier(points[k]);
            if (bs is null) return null;
            sum += bs.Value * (next - points[k]);
        }

        return sum / tau;
    }

    /// <summary>
    /// Calibration at a horizon h: the holdout rows ordered by predicted risk 1 − Ŝ(h | x) (ties in row order) and cut into
    /// <paramref name="groups"/> groups by rank, row of rank r (1-based) in group ⌈groups·r/n⌉ (R
    /// <c>ceiling(10 * rank(risk, ties.method = "first") / n)</c>); per group the mean predicted survival Ŝ(h | x) and the
    /// observed Kaplan–Meier survival of the group's rows at h with its Greenwood log-scale interval (R <c>survfit</c>'s default
    /// <c>conf.type = "log"</c>).
    /// </summary>
    /// <param name="fit">The fit.</param>
    /// <param name="training">The data it was fitted on.</param>
    /// <param name="holdout">The rows to score (see <see cref="BrierScores"/>); at least <paramref name="groups"/> rows.</param>
    /// <param name="horizon">h, finite and ≥ 0.</param>
    /// <param name="groups">Number of groups, ≥ 2 (10: deciles).</param>
    /// <param name="confidenceLevel">Level of the Kaplan–Meier interval, in (0, 1).</param>
    /// <exception cref="ArgumentException">The data do not match the fit, are stratified, weighted or have start times, or have fewer rows than groups.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public static IReadOnlyList<CoxCalibrationGroup> Calibration(this CoxFit fit, CoxData training, CoxData holdout, double horizon, int groups = 10,
        double confidenceLevel = 0.95)
    {
        Guard.Finite(horizon);
        Guard.NonNegative(horizon);
        Guard.ConfidenceLevel(confidenceLevel);
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 2);
        var scorer = Scorer.Create(fit, training, holdout);
        int n = scorer.Time.Length;
        if (n < groups)
        {
            throw new ArgumentException($"The holdout has {n} rows, fewer than the {groups} groups.", nameof(holdout));
        }

        var predicted = new double[n];
        for (int i = 0; i < n; i++) predicted[i] = scorer.Survival(i, horizon);

        // Rank by risk 1 − Ŝ ascending = Ŝ descending; ties by row order (rank "first").
        var order = Enumerable.Range(0, n).OrderByDescending(i => predicted[i]).ThenBy(i => i).ToArray();
        var result = new CoxCalibrationGroup[groups];
        int begin = 0;
        for (int g = 1; g <= groups; g++)
        {
            int end = begin;
            while (end < n && (((long)groups * (end + 1)) + n - 1) / n == g) end++;
            int count = end - begin;
            var durations = new double[count];
            var events = new bool[count];
            double mean = 0;
            for (int k = 0; k < count; k++)
            {
                int i = order[begin + k];
                durations[k] = scorer.Time[i];
                events[k] = scorer.Status[i];
                mean += predicted[i];
            }

            mean /= count;
            var km = KaplanMeierEstimator.Compute(SurvivalTally.FromDurations(durations, events), confidenceLevel, SurvivalIntervalMethod.Log);
            var estimate = km.EstimateAt(horizon);
            double? lower = double.IsFinite(estimate.Interval.Lower) ? estimate.Interval.Lower : null;
            double? upper = double.IsFinite(estimate.Interval.Upper) ? estimate.Interval.Upper : null;
            if (estimate.Value <= 0) lower = upper = null;
            result[g - 1] = new CoxCalibrationGroup(g, count, mean, estimate.Value, lower, upper);
            begin = end;
        }

        return Array.AsReadOnly(result);
    }

    /// <summary>Holdout rows in their original order with their linear predictors, the baseline and Ĝ.</summary>
    private sealed class Scorer
    {
        private double[] baseTime = [];
        private double[] baseHazard = [];
        private double[] risk = [];
        private double[] gTime = [];
        private double[] gSurvival = [];

        public double[] Time { get; private set; } = [];

        public bool[] Status { get; private set; } = [];

        public double[] BaselineTimes => baseTime;

        public static Scorer Create(CoxFit fit, CoxData training, CoxData holdout)
        {
            ArgumentNullException.ThrowIfNull(fit);
            ArgumentNullException.ThrowIfNull(training);
            ArgumentNullException.ThrowIfNull(holdout);
            Check(fit, training, nameof(training));
            Check(fit, holdout, nameof(holdout));
            if (holdout.HasWeights) throw new ArgumentException("The holdout must be unweighted.", nameof(holdout));

            int p = fit.Terms.Count;
            var baseline = fit.SurvivalCurve(training, new double[p]);
            var s = new Scorer
            {
                baseTime = baseline.Select(b => b.Time).ToArray(),
                baseHazard = baseline.Select(b => b.CumulativeHazard).ToArray(),
            };

            int n = holdout.N;
            var beta = fit.BetaArray;
            s.Time = new double[n];
            s.Status = new bool[n];
            s.risk = new double[n];
            for (int r = 0; r < n; r++)
            {
                int i = holdout.Original[r];
                double eta = holdout.Offset[r];
                for (int j = 0; j < p; j++) eta += (holdout.X[(r * p) + j] + holdout.Center[j]) * beta[j];
                s.Time[i] = holdout.Stop[r];
                s.Status[i] = holdout.Event[r] != 0;
                s.risk[i] = Math.Exp(eta);
            }

            // Ĝ: Kaplan–Meier of the censoring times (status 1 − δ) on the holdout.
            var censored = new bool[n];
            for (int i = 0; i < n; i++) censored[i] = !s.Status[i];
            var g = KaplanMeierEstimator.Compute(SurvivalTally.FromDurations(s.Time, censored), 0.95, SurvivalIntervalMethod.Log);
            s.gTime = g.Table.Select(row => row.Time).ToArray();
            s.gSurvival = g.Table.Select(row => row.Survival).ToArray();
            return s;
        }

        private static void Check(CoxFit fit, CoxData data, string name)
        {
            if (!data.CovariateNames.SequenceEqual(fit.Terms, StringComparer.Ordinal))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"The data's covariates ({string.Join(", ", data.CovariateNames)}) are not the fit's terms ({string.Join(", ", fit.Terms)})."), name);
            }

            if (data.HasStartTimes) throw new ArgumentException("Prediction accuracy needs right-censored rows, not (start, stop] rows.", name);
            if (data.StratumCount > 1) throw new ArgumentException("Prediction accuracy is for unstratified fits.", name);
        }

        /// <summary>Ŝ(t | xᵢ).</summary>
        public double Survival(int i, double t)
        {
            int k = Array.BinarySearch(baseTime, t);
            k = k >= 0 ? k : ~k - 1;
            return k < 0 ? 1.0 : Math.Exp(-baseHazard[k] * risk[i]);
        }

        /// <summary>Ĝ(t) (inclusive) or Ĝ(t−) (strictly before t).</summary>
        private double G(double t, bool before)
        {
            int k = Array.BinarySearch(gTime, t);
            k = k >= 0 ? (before ? k - 1 : k) : ~k - 1;
            return k < 0 ? 1.0 : gSurvival[k];
        }

        public double? Brier(double t)
        {
            double gt = G(t, before: false);
            double sum = 0;
            for (int i = 0; i < Time.Length; i++)
            {
                double s = Survival(i, t);
                if (Time[i] <= t)
                {
                    if (Status[i]) sum += s * s / G(Time[i], before: true);
                }
                else
                {
                    if (gt <= 0) return null;
                    sum += (1 - s) * (1 - s) / gt;
                }
            }

            return sum / Time.Length;
        }
    }
}

/// <summary>The IPCW Brier score at one time (see <see cref="CoxPredictionAccuracy.BrierScores"/>).</summary>
public sealed class CoxBrierScore
{
    internal CoxBrierScore(double time, double? score)
    {
        Time = time;
        Score = score;
    }

    /// <summary>The time t.</summary>
    public double Time { get; }

    /// <summary>BS(t) = (1/n) Σ [Ŝ(t|xᵢ)²·1(Tᵢ ≤ t, δᵢ = 1)/Ĝ(Tᵢ−) + (1 − Ŝ(t|xᵢ))²·1(Tᵢ &gt; t)/Ĝ(t)]; null if a 1/0 weight would be needed.</summary>
    public double? Score { get; }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"BS({Time:G6}) = {(Score is { } s ? s.ToString("F4", CultureInfo.InvariantCulture) : "undefined")}");
}

/// <summary>One group of predicted risk in a calibration table (see <see cref="CoxPredictionAccuracy.Calibration"/>).</summary>
public sealed class CoxCalibrationGroup
{
    internal CoxCalibrationGroup(int group, int customers, double predicted, double observed, double? lower, double? upper)
    {
        Group = group;
        Customers = customers;
        Predicted = predicted;
        Observed = observed;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>The group, 1 = lowest predicted risk (highest predicted survival).</summary>
    public int Group { get; }

    /// <summary>Holdout rows in the group.</summary>
    public int Customers { get; }

    /// <summary>Mean predicted survival at the horizon, (1/m) Σ Ŝ(h | xᵢ) over the group.</summary>
    public double Predicted { get; }

    /// <summary>The group's Kaplan–Meier survival at the horizon.</summary>
    public double Observed { get; }

    /// <summary>Lower bound of the Kaplan–Meier interval (Greenwood, log scale); null when Ŝ = 0.</summary>
    public double? Lower { get; }

    /// <summary>Upper bound of the Kaplan–Meier interval; null when Ŝ = 0.</summary>
    public double? Upper { get; }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"group {Group} ({Customers}): predicted {Predicted:F4}, observed {Observed:F4}");
}
