using System.Globalization;

namespace TrustMetrics.Survival;

/// <summary>
/// How well a fitted Cox model predicts on a holdout: the time-dependent Brier score and the integrated Brier score with
/// inverse-probability-of-censoring weights (Graf, Schmoor, Sauerbrei &amp; Schumacher 1999; Gerds &amp; Schumacher 2006), and calibration
/// of predicted against observed (Kaplan–Meier) survival at a horizon by groups of predicted risk. Stratified fits score each holdout
/// row with its own stratum's baseline; (start, stop] holdouts (time-varying covariates, delayed entry) are scored at a landmark.
/// </summary>
/// <remarks>
/// <para>The predicted survival of holdout row i is Ŝ(t | xᵢ) = exp(−Λ₀ₖ(t)·exp(xᵢᵀβ̂ + offsetᵢ)), Λ₀ₖ the fit's baseline cumulative
/// hazard of the row's stratum k on the training data (R <c>survfit(fit, newdata)</c>, Breslow or Efron-adjusted as the fit's
/// ties), a step function over the stratum's training event times. The censoring distribution Ĝ is the reverse Kaplan–Meier
/// estimate of the holdout's censoring times, pooled over strata (as <c>riskRegression::Score</c>'s default <c>cens.model = "km"</c>
/// and <c>pec</c>), with an event tied with a censoring taken to come first: Ĝ(t) = Πc≤t [1 − cₖ/(#{Tᵢ ≥ c} − dₖ)] over the
/// censoring times c (cₖ censorings, dₖ events at c; <c>prodlim(reverse = TRUE)</c>). It is estimated on the holdout: the weights
/// must undo the censoring of the sample being scored, and the holdout's censoring need not be the training data's.</para>
/// <para>Landmark (<c>landmark</c> = s): the conditional Brier score of Schoop, Graf &amp; Schumacher (2008, Biometrics 64:603–610;
/// van Houwelingen &amp; Putter 2012, ch. 7): only the customers still under observation just after s count — a row with
/// start ≤ s &lt; stop; rows are grouped into customers by the data's cluster codes (else each row is one customer) — each predicted
/// with the covariates and stratum of that row held fixed: π(t | s) = Ŝ(t)/Ŝ(s) = exp(−(Λ₀ₖ(t) − Λ₀ₖ(s))·exp(ηᵢ(s))), t ≥ s; their
/// outcome is the stop and event of their last row, and Ĝ is the reverse Kaplan–Meier estimate among them (all enter at s, so no
/// truncation is left). This is what a (start, stop] holdout needs: with time-varying covariates a prediction from 0 would need
/// the covariate path after the event or censoring, which does not exist, and with delayed entry the customers are only seen
/// alive from their entry. A customer with a gap after s or overlapping rows, or with an event before its last row, is refused.
/// Unweighted holdouts only.</para>
/// </remarks>
public static class CoxPredictionAccuracy
{
    /// <summary>
    /// The IPCW Brier score at each time t:
    /// BS(t) = (1/n) Σᵢ [Ŝ(t | xᵢ)²·1(Tᵢ ≤ t, δᵢ = 1)/Ĝ(Tᵢ−) + (1 − Ŝ(t | xᵢ))²·1(Tᵢ &gt; t)/Ĝ(t)] over the n holdout customers
    /// (censored rows with Tᵢ ≤ t contribute 0 but count in n). Ĝ(Tᵢ−) is Ĝ just before Tᵢ; Ĝ(t) includes t. The weights sum to
    /// n, so BS(t) ∈ [0, 1]. Null if Ĝ(t) = 0 while a customer is still at risk after t (a 1/0 weight) — in practice never. With a
    /// landmark s, Ŝ is the conditional π(t | s) and the sum runs over the customers under observation at s (see the type remarks).
    /// </summary>
    /// <param name="fit">The fit.</param>
    /// <param name="training">The data it was fitted on (gives the baseline hazard of each stratum).</param>
    /// <param name="holdout">The rows to score: the fit's covariates, the training's stratum codes, no weights; (start, stop] rows
    /// need a landmark.</param>
    /// <param name="times">The times t, finite and ≥ 0 (≥ the landmark when given).</param>
    /// <param name="landmark">The landmark s (finite); null: score every row from time 0 (right-censored holdouts only).</param>
    /// <exception cref="ArgumentException">The data do not match the fit (covariates, a stratum unseen in training), are weighted,
    /// have start times without a landmark, no customer is under observation at the landmark, or no time is given.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A time is NaN, infinite or below 0 (or below the landmark), or the landmark is not finite.</exception>
    public static IReadOnlyList<CoxBrierScore> BrierScores(this CoxFit fit, CoxData training, CoxData holdout, IReadOnlyList<double> times,
        double? landmark = null)
    {
        ArgumentNullException.ThrowIfNull(times);
        if (times.Count == 0) throw new ArgumentException("Give at least one time.", nameof(times));
        double from = From(landmark);
        var t = new double[times.Count];
        for (int k = 0; k < t.Length; k++)
        {
            t[k] = times[k];
            if (!double.IsFinite(t[k]) || t[k] < from)
            {
                throw new ArgumentOutOfRangeException(nameof(times), t[k],
                    $"times[{k}] must be a finite number ≥ {Guard.Format(from)}{(landmark is null ? "" : " (the landmark)")}; got {Guard.Format(t[k])}.");
            }
        }

        var scorer = Scorer.Create(fit, training, holdout, landmark);
        var result = new CoxBrierScore[t.Length];
        for (int k = 0; k < t.Length; k++) result[k] = new CoxBrierScore(t[k], scorer.Brier(t[k]));
        return Array.AsReadOnly(result);
    }

    /// <summary>
    /// The integrated Brier score IBS(τ) = (1/(τ − s))∫ₛ^τ BS(t) dt (s = 0 without a landmark), integrated exactly: BS is a
    /// right-continuous step function whose only jumps are at the training event times (Ŝ) and the holdout's observed times (the
    /// indicators and Ĝ), so the integral is Σₖ BS(uₖ)·(uₖ₊₁ − uₖ) over u₀ = s &lt; u₁ &lt; … those jump points below τ, and τ. Null when
    /// BS is undefined (Ĝ = 0) somewhere in [s, τ).
    /// </summary>
    /// <param name="fit">The fit.</param>
    /// <param name="training">The data it was fitted on.</param>
    /// <param name="holdout">The rows to score (see <see cref="BrierScores"/>).</param>
    /// <param name="tau">τ, finite and &gt; s.</param>
    /// <param name="landmark">The landmark s (finite); null: 0, right-censored holdouts only.</param>
    /// <exception cref="ArgumentException">The data do not match the fit or cannot be scored (see <see cref="BrierScores"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tau"/> is not finite and above s, or the landmark is not finite.</exception>
    public static double? IntegratedBrierScore(this CoxFit fit, CoxData training, CoxData holdout, double tau, double? landmark = null)
    {
        Guard.Finite(tau);
        double from = From(landmark);
        if (!(tau > from))
        {
            throw new ArgumentOutOfRangeException(nameof(tau), tau, $"tau must be above {Guard.Format(from)}{(landmark is null ? "" : " (the landmark)")}; got {Guard.Format(tau)}.");
        }

        var scorer = Scorer.Create(fit, training, holdout, landmark);
        var grid = new SortedSet<double> { from };
        foreach (double u in scorer.BaselineTimes) if (u < tau && u > from) grid.Add(u);
        foreach (double u in scorer.Time) if (u < tau && u > from) grid.Add(u);
        var points = grid.ToArray();
        double sum = 0;
        for (int k = 0; k < points.Length; k++)
        {
            double next = k + 1 < points.Length ? points[k + 1] : tau;
            double? bs = scorer.Brier(points[k]);
            if (bs is null) return null;
            sum += bs.Value * (next - points[k]);
        }

        return sum / (tau - from);
    }

    /// <summary>
    /// Calibration at a horizon h: the holdout customers ordered by predicted risk 1 − Ŝ(h | x) (ties in row order) and cut into
    /// <paramref name="groups"/> groups by rank, the customer of rank r (1-based) in group ⌈groups·r/n⌉ (R
    /// <c>ceiling(10 * rank(risk, ties.method = "first") / n)</c>); per group the mean predicted survival Ŝ(h | x) and the
    /// observed Kaplan–Meier survival of the group's customers at h with its Greenwood log-scale interval (R <c>survfit</c>'s default
    /// <c>conf.type = "log"</c>). With a landmark s, the customers under observation at s, Ŝ the conditional π(h | s) and the
    /// Kaplan–Meier estimate among them (conditional on surviving to s).
    /// </summary>
    /// <param name="fit">The fit.</param>
    /// <param name="training">The data it was fitted on.</param>
    /// <param name="holdout">The rows to score (see <see cref="BrierScores"/>); at least <paramref name="groups"/> customers.</param>
    /// <param name="horizon">h, finite and ≥ 0 (≥ the landmark when given).</param>
    /// <param name="groups">Number of groups, ≥ 2 (10: deciles).</param>
    /// <param name="confidenceLevel">Level of the Kaplan–Meier interval, in (0, 1).</param>
    /// <param name="landmark">The landmark s (finite); null: score every row from time 0 (right-censored holdouts only).</param>
    /// <exception cref="ArgumentException">The data do not match the fit or cannot be scored (see <see cref="BrierScores"/>), or have
    /// fewer customers than groups.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public static IReadOnlyList<CoxCalibrationGroup> Calibration(this CoxFit fit, CoxData training, CoxData holdout, double horizon, int groups = 10,
        double confidenceLevel = 0.95, double? landmark = null)
    {
        Guard.Finite(horizon);
        double from = From(landmark);
        if (!(horizon >= from))
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon,
                $"horizon must be ≥ {Guard.Format(from)}{(landmark is null ? "" : " (the landmark)")}; got {Guard.Format(horizon)}.");
        }

        Guard.ConfidenceLevel(confidenceLevel);
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 2);
        var scorer = Scorer.Create(fit, training, holdout, landmark);
        int n = scorer.Time.Length;
        if (n < groups)
        {
            throw new ArgumentException($"The holdout has {n} customers to score, fewer than the {groups} groups.", nameof(holdout));
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

    private static double From(double? landmark)
    {
        if (landmark is not { } s) return 0;
        if (!double.IsFinite(s)) throw new ArgumentOutOfRangeException(nameof(landmark), s, $"The landmark must be a finite number; got {Guard.Format(s)}.");
        return s;
    }

    /// <summary>The holdout customers (in the order of their scored row) with their risk, stratum baseline, outcome and Ĝ.</summary>
    private sealed class Scorer
    {
        private double[][] baseTime = [];
        private double[][] baseHazard = [];
        private int[] stratum = [];
        private double[] risk = [];
        private double[] offsetHazard = [];
        private double[] gTime = [];
        private double[] gSurvival = [];

        public double[] Time { get; private set; } = [];

        public bool[] Status { get; private set; } = [];

        public IEnumerable<double> BaselineTimes => baseTime.SelectMany(b => b);

        public static Scorer Create(CoxFit fit, CoxData training, CoxData holdout, double? landmark)
        {
            ArgumentNullException.ThrowIfNull(fit);
            ArgumentNullException.ThrowIfNull(training);
            ArgumentNullException.ThrowIfNull(holdout);
            Check(fit, training, nameof(training));
            Check(fit, holdout, nameof(holdout));
            if (holdout.HasWeights) throw new ArgumentException("The holdout must be unweighted.", nameof(holdout));
            if (holdout.HasStartTimes && landmark is null)
            {
                throw new ArgumentException("A (start, stop] holdout (time-varying covariates or delayed entry) is scored at a landmark s: give one. "
                    + "From time 0 its Brier score is undefined (the covariate path after an event or censoring does not exist; delayed entries are unseen before entry).",
                    nameof(landmark));
            }

            int p = fit.Terms.Count;
            int strata = training.StratumCount;
            var s = new Scorer { baseTime = new double[strata][], baseHazard = new double[strata][] };
            for (int k = 0; k < strata; k++)
            {
                var baseline = fit.SurvivalCurve(training, new double[p], stratum: strata > 1 ? training.StratumCodes[k] : null);
                s.baseTime[k] = baseline.Select(b => b.Time).ToArray();
                s.baseHazard[k] = baseline.Select(b => b.CumulativeHazard).ToArray();
            }

            // Each holdout stratum code → the training stratum index.
            var map = new int[holdout.StratumCount];
            for (int h = 0; h < map.Length; h++)
            {
                int code = holdout.StratumCodes[h];
                map[h] = strata == 1 && holdout.StratumCount == 1 ? 0 : Array.IndexOf(training.StratumCodes, code);
                if (map[h] < 0)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"The holdout's stratum {code} is not one of the training strata ({string.Join(", ", training.StratumCodes)}): it has no baseline hazard."), nameof(holdout));
                }
            }

            var rows = landmark is { } lm ? Subjects(holdout, lm) : AllRows(holdout);
            int n = rows.Count;
            if (n == 0)
            {
                throw new ArgumentException($"No holdout customer is under observation at the landmark {Guard.Format(landmark ?? 0)}.", nameof(landmark));
            }

            var beta = fit.BetaArray;
            s.Time = new double[n];
            s.Status = new bool[n];
            s.risk = new double[n];
            s.stratum = new int[n];
            s.offsetHazard = new double[n];
            for (int i = 0; i < n; i++)
            {
                var (r, time, status) = rows[i];
                double eta = holdout.Offset[r];
                for (int j = 0; j < p; j++) eta += (holdout.X[(r * p) + j] + holdout.Center[j]) * beta[j];
                s.Time[i] = time;
                s.Status[i] = status;
                s.risk[i] = Math.Exp(eta);
                s.stratum[i] = map[holdout.RowStratum[r]];
                s.offsetHazard[i] = landmark is { } at ? s.Hazard(s.stratum[i], at) : 0;
            }

            s.ReverseKaplanMeier();
            return s;
        }

        /// <summary>Every row a customer, in the caller's row order: (sorted row, time, event).</summary>
        private static List<(int Row, double Time, bool Status)> AllRows(CoxData holdout)
        {
            var rows = new (int, double, bool)[holdout.N];
            for (int r = 0; r < holdout.N; r++) rows[holdout.Original[r]] = (r, holdout.Stop[r], holdout.Event[r] != 0);
            return [.. rows];
        }

        /// <summary>
        /// The customers under observation just after s (a row with start ≤ s &lt; stop), grouped by cluster code (else one row each),
        /// in the caller's order of that row: (that row, the customer's last stop, its event).
        /// </summary>
        private static List<(int Row, double Time, bool Status)> Subjects(CoxData holdout, double s)
        {
            int n = holdout.N;
            var key = new int[n];
            for (int r = 0; r < n; r++) key[r] = holdout.Cluster is { } c ? c[r] : r;
            var byCustomer = Enumerable.Range(0, n).GroupBy(r => key[r]);
            var result = new List<(int Original, int Row, double Time, bool Status)>();
            foreach (var customer in byCustomer)
            {
                var rows = customer.OrderBy(r => holdout.Start?[r] ?? double.NegativeInfinity).ThenBy(r => holdout.Stop[r]).ToArray();
                int cover = -1;
                for (int k = 0; k < rows.Length; k++)
                {
                    int r = rows[k];
                    double start = holdout.Start?[r] ?? double.NegativeInfinity;
                    if (k > 0)
                    {
                        double previousStop = holdout.Stop[rows[k - 1]];
                        if (start < previousStop)
                        {
                            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                                $"Holdout row {holdout.Original[r]} overlaps an earlier row of the same customer (start {Guard.Format(start)} < stop {Guard.Format(previousStop)})."), nameof(holdout));
                        }

                        if (start > previousStop && previousStop > s)
                        {
                            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                                $"Holdout row {holdout.Original[r]} leaves a gap after the landmark ({Guard.Format(previousStop)} to {Guard.Format(start)}): the customer is not followed without interruption."), nameof(holdout));
                        }

                        if (holdout.Event[rows[k - 1]] != 0)
                        {
                            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                                $"Holdout row {holdout.Original[rows[k - 1]]} has an event before the customer's last row: the Brier score is for a first event."), nameof(holdout));
                        }
                    }

                    if (start <= s && s < holdout.Stop[r]) cover = r;
                }

                if (cover < 0) continue;
                int last = rows[^1];
                result.Add((holdout.Original[cover], cover, holdout.Stop[last], holdout.Event[last] != 0));
            }

            return [.. result.OrderBy(x => x.Original).Select(x => (x.Row, x.Time, x.Status))];
        }

        private static void Check(CoxFit fit, CoxData data, string name)
        {
            if (!data.CovariateNames.SequenceEqual(fit.Terms, StringComparer.Ordinal))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"The data's covariates ({string.Join(", ", data.CovariateNames)}) are not the fit's terms ({string.Join(", ", fit.Terms)})."), name);
            }
        }

        /// <summary>
        /// Ĝ, the reverse Kaplan–Meier estimate of the censoring distribution with events before censorings at a tie:
        /// Ĝ(t) = Πc≤t [1 − c(c)/(#{T ≥ c} − d(c))].
        /// </summary>
        private void ReverseKaplanMeier()
        {
            int n = Time.Length;
            var order = Enumerable.Range(0, n).OrderBy(i => Time[i]).ToArray();
            var times = new List<double>();
            var survival = new List<double>();
            double g = 1;
            for (int a = 0; a < n;)
            {
                double t = Time[order[a]];
                int b = a, deaths = 0, censored = 0;
                while (b < n && Time[order[b]] == t)
                {
                    if (Status[order[b]]) deaths++;
                    else censored++;
                    b++;
                }

                if (censored > 0)
                {
                    g *= 1 - (censored / (double)(n - a - deaths));
                    times.Add(t);
                    survival.Add(g);
                }

                a = b;
            }

            gTime = [.. times];
            gSurvival = [.. survival];
        }

        /// <summary>Λ₀ₖ(t), the stratum's baseline cumulative hazard.</summary>
        private double Hazard(int k, double t)
        {
            int m = Array.BinarySearch(baseTime[k], t);
            m = m >= 0 ? m : ~m - 1;
            return m < 0 ? 0.0 : baseHazard[k][m];
        }

        /// <summary>Ŝ(t | xᵢ), or the conditional π(t | s) with a landmark.</summary>
        public double Survival(int i, double t) => Math.Exp(-(Hazard(stratum[i], t) - offsetHazard[i]) * risk[i]);

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
