using System.Runtime.CompilerServices;
using TrustMetrics.Statistics;

namespace TrustMetrics.Survival;

/// <summary>
/// What a fit gives together with the data it was fitted on: residuals, the baseline hazard, per-customer predicted survival and
/// Harrell's concordance. Each call re-evaluates the risk sets once at β̂ (O(n·p²)).
/// </summary>
public static class CoxFitAnalyses
{
    /// <summary>The linear predictor xᵀβ̂ + offset (R <c>predict(fit, type = "lp", reference = "zero")</c>).</summary>
    /// <param name="fit">The fit.</param>
    /// <param name="covariates">One value per term, finite.</param>
    /// <param name="offset">Offset, finite.</param>
    /// <exception cref="ArgumentException">The number of values differs from the number of terms.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite.</exception>
    public static double LinearPredictor(this CoxFit fit, ReadOnlySpan<double> covariates, double offset = 0)
    {
        ArgumentNullException.ThrowIfNull(fit);
        CheckProfile(fit, covariates);
        Guard.Finite(offset);
        double eta = offset;
        for (int j = 0; j < covariates.Length; j++) eta += covariates[j] * fit.BetaArray[j];
        return eta;
    }

    /// <summary>Martingale, deviance, score and Schoenfeld residuals (R <c>residuals.coxph</c>, unweighted).</summary>
    /// <param name="fit">The fit.</param>
    /// <param name="data">The data it was fitted on (same terms).</param>
    /// <exception cref="ArgumentException">The data's covariates are not the fit's terms.</exception>
    public static CoxResiduals Residuals(this CoxFit fit, CoxData data)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(data);
        var state = CoxState.Compute(data, fit, ParallelWork.Serial);
        int n = data.N, p = data.P;
        var m = state.Martingale();
        var martingale = new double[n];
        var deviance = new double[n];
        var sr = state.ScoreResiduals();
        var score = new double[n * p];
        for (int r = 0; r < n; r++)
        {
            int i = data.Original[r];
            double mr = m[r] / data.Weight[r];
            martingale[i] = mr;
            double d = data.Event[r];
            double inner = mr + (d > 0 ? d * Math.Log(d - mr) : 0);
            deviance[i] = Math.Sign(mr) * Math.Sqrt(Math.Max(0, -2 * inner));
            for (int j = 0; j < p; j++) score[(i * p) + j] = sr[(r * p) + j] / data.Weight[r];
        }

        var times = new double[data.EventCount];
        var schoenfeld = new double[data.EventCount * p];
        int k = 0;
        for (int r = 0; r < n; r++)
        {
            int slot = data.DeathSlot[r];
            if (slot < 0) continue;
            times[k] = data.Stop[r];
            for (int j = 0; j < p; j++) schoenfeld[(k * p) + j] = data.X[(r * p) + j] - state.Details.MeanDeath[(slot * p) + j];
            k++;
        }

        return new CoxResiduals(martingale, deviance, score, times, schoenfeld, p);
    }

    /// <summary>
    /// Predicted survival of one covariate profile at the given horizons, as R <c>summary(survfit(fit, newdata), times)</c>: the
    /// Breslow (ties = Breslow) or Efron-adjusted (ties = Efron) cumulative hazard up to the last event time ≤ each horizon, times
    /// exp(xᵀβ̂ + offset); its standard error with the β uncertainty (the fit's covariance, robust when the fit is); log-scale interval.
    /// </summary>
    /// <param name="fit">The fit.</param>
    /// <param name="data">The data it was fitted on.</param>
    /// <param name="covariates">The profile, one finite value per term.</param>
    /// <param name="horizons">Times, finite.</param>
    /// <param name="offset">The profile's offset.</param>
    /// <param name="stratum">The stratum code of the profile (as given to <see cref="CoxData.Create"/>); null for unstratified data.</param>
    /// <exception cref="ArgumentException">The profile has the wrong length, the stratum is unknown or missing, or the data do not match the fit.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value or horizon is NaN or infinite.</exception>
    public static IReadOnlyList<CoxSurvivalPoint> PredictSurvival(this CoxFit fit, CoxData data, ReadOnlySpan<double> covariates, IReadOnlyList<double> horizons,
        double offset = 0, int? stratum = null)
    {
        ArgumentNullException.ThrowIfNull(horizons);
        var state = Prepare(fit, data, covariates, offset, stratum, out int s);
        var times = new double[horizons.Count];
        for (int h = 0; h < times.Length; h++)
        {
            times[h] = horizons[h];
            if (!double.IsFinite(times[h]))
            {
                throw new ArgumentOutOfRangeException(nameof(horizons), times[h], $"horizons[{h}] must be a finite number; got {Guard.Format(times[h])}.");
            }
        }

        return Curve(fit, state, covariates, offset, s, times);
    }

    /// <summary>
    /// The cumulative hazard and survival of one profile at every event time of its stratum (R <c>survfit(fit, newdata)</c>); with
    /// all covariates 0 this is the baseline (R <c>basehaz(fit, centered = FALSE)</c>).
    /// </summary>
    /// <param name="fit">The fit.</param>
    /// <param name="data">The data it was fitted on.</param>
    /// <param name="covariates">The profile, one finite value per term.</param>
    /// <param name="offset">The profile's offset.</param>
    /// <param name="stratum">The stratum code; null for unstratified data.</param>
    /// <exception cref="ArgumentException">The profile has the wrong length, the stratum is unknown or missing, or the data do not match the fit.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite.</exception>
    public static IReadOnlyList<CoxSurvivalPoint> SurvivalCurve(this CoxFit fit, CoxData data, ReadOnlySpan<double> covariates, double offset = 0, int? stratum = null)
    {
        var state = Prepare(fit, data, covariates, offset, stratum, out int s);
        var times = data.SlotTime.AsSpan(data.SlotBegin[s], data.SlotBegin[s + 1] - data.SlotBegin[s]).ToArray();
        return Curve(fit, state, covariates, offset, s, times);
    }

    private static CoxState Prepare(CoxFit fit, CoxData data, ReadOnlySpan<double> covariates, double offset, int? stratum, out int s)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(data);
        CheckProfile(fit, covariates);
        Guard.Finite(offset);
        if (stratum is null)
        {
            if (data.StratumCount > 1)
            {
                throw new ArgumentException($"The data have {data.StratumCount} strata; name the profile's stratum.", nameof(stratum));
            }

            s = 0;
        }
        else
        {
            s = Array.IndexOf(data.StratumCodes, stratum.Value);
            if (s < 0)
            {
                throw new ArgumentException($"The stratum {stratum.Value} is not one of the data's strata ({string.Join(", ", data.StratumCodes)}).", nameof(stratum));
            }
        }

        return CoxState.Compute(data, fit, ParallelWork.Serial);
    }

    private static CoxSurvivalPoint[] Curve(CoxFit fit, CoxState state, ReadOnlySpan<double> covariates, double offset, int s, double[] times)
    {
        var data = state.Data;
        int p = data.P;
        var beta = fit.BetaArray;
        var v = fit.RobustCovarianceArray ?? fit.CovarianceArray;
        var xc = new double[p];
        double eta = offset;
        for (int j = 0; j < p; j++)
        {
            xc[j] = covariates[j] - data.Center[j];
            eta += xc[j] * beta[j];
        }

        double r0 = Math.Exp(eta - state.Shift);
        double z = Distributions.NormalUpperQuantile((1 - fit.ConfidenceLevel) / 2);
        var result = new CoxSurvivalPoint[times.Length];
        int first = data.SlotBegin[s], last = data.SlotBegin[s + 1];
        var dvec = new double[p];
        for (int h = 0; h < times.Length; h++)
        {
            double haz = 0, varh = 0;
            Array.Clear(dvec);
            for (int m = first; m < last && data.SlotTime[m] <= times[h]; m++)
            {
                double c = state.Details.C[m];
                haz += c;
                varh += state.Details.V[m];
                for (int j = 0; j < p; j++) dvec[j] += (xc[j] * c) - state.Details.G[(m * p) + j];
            }

            double quad = 0;
            for (int j = 0; j < p; j++)
                for (int l = 0; l < p; l++) quad += dvec[j] * v[(j * p) + l] * dvec[l];
            double cumhaz = r0 * haz;
            double se = r0 * Math.Sqrt(Math.Max(0, varh + quad));
            result[h] = new CoxSurvivalPoint(times[h], cumhaz, se, z);
        }

        return result;
    }

    /// <summary>Harrell's concordance of the linear predictor with the outcome and its standard error (R <c>concordance(fit)</c>).</summary>
    /// <param name="fit">The fit.</param>
    /// <param name="data">The data it was fitted on (or holdout data with the same terms).</param>
    /// <exception cref="ArgumentException">The data's covariates are not the fit's terms.</exception>
    public static CoxConcordance Concordance(this CoxFit fit, CoxData data)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(data);
        if (!data.CovariateNames.SequenceEqual(fit.Terms, StringComparer.Ordinal))
        {
            throw new ArgumentException($"The data's covariates ({string.Join(", ", data.CovariateNames)}) are not the fit's terms ({string.Join(", ", fit.Terms)}).", nameof(data));
        }

        var eta = new double[data.N];
        for (int r = 0; r < data.N; r++)
        {
            double e = data.Offset[r];
            for (int j = 0; j < data.P; j++) e += data.X[(r * data.P) + j] * fit.BetaArray[j];
            eta[r] = e;
        }

        return CoxConcordance.Compute(data, eta, new ParallelWork(CancellationToken.None, null));
    }

    /// <summary>
    /// The proportional-hazards test per term and global (R <c>cox.zph(fit)</c>, transform "km"). <paramref name="terms"/> groups
    /// columns into terms (for example the treatment contrasts of one factor); null: each column its own term.
    /// </summary>
    /// <param name="fit">The fit.</param>
    /// <param name="data">The data it was fitted on.</param>
    /// <param name="terms">Term name → its column indices; null for one term per column.</param>
    /// <exception cref="ArgumentException">The data do not match the fit or hold no event, or a term names no column or a column outside [0, p).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CoxProportionalHazardsTest ProportionalHazardsTest(this CoxFit fit, CoxData data, IReadOnlyList<KeyValuePair<string, int[]>>? terms = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(data);
        if (!data.CovariateNames.SequenceEqual(fit.Terms, StringComparer.Ordinal))
        {
            throw new ArgumentException($"The data's covariates ({string.Join(", ", data.CovariateNames)}) are not the fit's terms ({string.Join(", ", fit.Terms)}).", nameof(data));
        }

        CoxData.RequireEvent(data, nameof(data));
        int p = data.P, n = data.N;
        terms ??= fit.Terms.Select((t, j) => new KeyValuePair<string, int[]>(t, [j])).ToArray();
        foreach (var term in terms)
        {
            if (term.Value is null || term.Value.Length == 0 || term.Value.Any(j => (uint)j >= (uint)p))
            {
                throw new ArgumentException($"The term '{term.Key}' must name columns in [0, {p}).", nameof(terms));
            }
        }

        // g(t) = 1 − KM(t−) of all rows pooled (unweighted, as survfitKM in cox.zph), centred by its mean over the event rows.
        // The pooled event times: each stratum's slots are already sorted; one stratum needs no search at all.
        var eventTimes = data.StratumCount == 1 ? data.SlotTime : data.SlotTime.Distinct().Order().ToArray();
        int slots = data.SlotTime.Length;
        var pooledSlot = new int[slots];
        for (int m = 0; m < slots; m++) pooledSlot[m] = data.StratumCount == 1 ? m : Array.BinarySearch(eventTimes, data.SlotTime[m]);
        var survBefore = new double[eventTimes.Length];
        {
            var deaths = new double[eventTimes.Length];
            var atRisk = new double[eventTimes.Length + 1];
            for (int r = 0; r < n; r++)
            {
                // event times ≤ stop and ≤ start; with one stratum these are the row's cumulative indices.
                int hi = data.StratumCount == 1 ? data.Hi[r] : UpperBound(eventTimes, data.Stop[r]);
                int lo = data.Start is null ? 0 : data.StratumCount == 1 ? data.Lo![r] : UpperBound(eventTimes, data.Start[r]);
                atRisk[lo]++;
                atRisk[hi]--;
                if (data.Event[r] != 0) deaths[pooledSlot[data.DeathSlot[r]]]++;
            }

            for (int k = 1; k < atRisk.Length; k++) atRisk[k] += atRisk[k - 1];

            double surv = 1;
            for (int k = 0; k < eventTimes.Length; k++)
            {
                survBefore[k] = surv;
                surv *= 1 - (deaths[k] / atRisk[k]);
            }
        }

        // Every event row's time is an event time: G(stop) = 1 − KM just before it.
        var slotG = new double[slots];
        for (int m = 0; m < slots; m++) slotG[m] = 1 - survBefore[pooledSlot[m]];
        double gMean = 0;
        for (int m = 0; m < slots; m++) gMean += slotG[m] * data.SlotDeathCount[m];
        gMean /= data.EventCount;
        for (int m = 0; m < slots; m++) slotG[m] -= gMean;

        var work = new ParallelWork(CancellationToken.None, null);
        var engine = new CoxEngine(data, fit.Ties);
        var details = new CoxSlotDetails(slots, p);
        var evaluation = engine.Evaluate(fit.BetaArray, work, details);
        var (u, info) = engine.ExtendedScore(evaluation, details, slotG, work);

        var names = new string[terms.Count];
        var tests = new CoxTest[terms.Count];
        for (int t = 0; t < terms.Count; t++)
        {
            names[t] = terms[t].Key;
            tests[t] = Extended(info, u, p, terms[t].Value);
        }

        return new CoxProportionalHazardsTest(names, tests, Extended(info, u, p, Enumerable.Range(0, p).ToArray()));
    }

    private static CoxTest Extended(double[] info, double[] u, int p, int[] columns)
    {
        var kk = Enumerable.Range(0, p).Concat(columns.Select(j => j + p)).ToArray();
        int q = kk.Length;
        var sub = new double[q * q];
        var vec = new double[q];
        for (int a = 0; a < q; a++)
        {
            for (int b = 0; b < q; b++) sub[(a * q) + b] = info[(kk[a] * 2 * p) + kk[b]];
            vec[a] = a < p ? 0 : u[kk[a] - p];
        }

        var factor = CoxLinearAlgebra.Factor(sub, q, out _, out _);
        return new CoxTest(CoxLinearAlgebra.QuadraticForm(factor, q, vec), columns.Length);
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1; else hi = mid;
        }

        return lo;
    }

    /// <summary>
    /// Predicted survival of many profiles at the same horizons (for scoring files): the risk sets are evaluated once and the
    /// hazard, its variance term and Σ w̄Σₖ x̄ₖ/denₖ summed once per stratum and horizon, so each profile costs O(H·p²).
    /// </summary>
    internal static CoxSurvivalPoint[][] PredictMany(CoxFit fit, CoxData data, double[][] profiles, int?[] strata, double[] horizons)
    {
        var state = CoxState.Compute(data, fit, ParallelWork.From(CancellationToken.None, null));
        int p = data.P, hcount = horizons.Length, scount = data.StratumCount;
        var haz = new double[scount * hcount];
        var varh = new double[scount * hcount];
        var gsum = new double[scount * hcount * p];
        for (int s = 0; s < scount; s++)
        {
            for (int h = 0; h < hcount; h++)
            {
                int at = (s * hcount) + h;
                for (int m = data.SlotBegin[s]; m < data.SlotBegin[s + 1] && data.SlotTime[m] <= horizons[h]; m++)
                {
                    haz[at] += state.Details.C[m];
                    varh[at] += state.Details.V[m];
                    for (int j = 0; j < p; j++) gsum[(at * p) + j] += state.Details.G[(m * p) + j];
                }
            }
        }

        var beta = fit.BetaArray;
        var v = fit.RobustCovarianceArray ?? fit.CovarianceArray;
        double z = Distributions.NormalUpperQuantile((1 - fit.ConfidenceLevel) / 2);
        var result = new CoxSurvivalPoint[profiles.Length][];
        var xc = new double[p];
        var dvec = new double[p];
        for (int k = 0; k < profiles.Length; k++)
        {
            int s = strata[k] is int code ? Math.Max(0, Array.IndexOf(data.StratumCodes, code)) : 0;
            double eta = 0;
            for (int j = 0; j < p; j++)
            {
                xc[j] = profiles[k][j] - data.Center[j];
                eta += xc[j] * beta[j];
            }

            double r0 = Math.Exp(eta - state.Shift);
            result[k] = new CoxSurvivalPoint[hcount];
            for (int h = 0; h < hcount; h++)
            {
                int at = (s * hcount) + h;
                for (int j = 0; j < p; j++) dvec[j] = (xc[j] * haz[at]) - gsum[(at * p) + j];
                double quad = 0;
                for (int j = 0; j < p; j++)
                    for (int l = 0; l < p; l++) quad += dvec[j] * v[(j * p) + l] * dvec[l];
                result[k][h] = new CoxSurvivalPoint(horizons[h], r0 * haz[at], r0 * Math.Sqrt(Math.Max(0, varh[at] + quad)), z);
            }
        }

        return result;
    }

    private static void CheckProfile(CoxFit fit, ReadOnlySpan<double> covariates)
    {
        if (covariates.Length != fit.Terms.Count)
        {
            throw new ArgumentException($"covariates must hold one value per term ({fit.Terms.Count}); got {covariates.Length}.", nameof(covariates));
        }

        Guard.AllFinite(covariates);
    }
}
