using TrustMetrics.Churn;
using TrustMetrics.Statistics;

namespace TrustMetrics.Survival;

/// <summary>
/// Cox proportional-hazards regression as R survival's <c>coxph</c> (3.5-3) computes it: Efron or Breslow partial likelihood over
/// (start, stop] risk sets with weights, offsets and strata; Newton–Raphson with step halving from β = 0 (iter.max 20, eps 1e-9);
/// model-based variance I(β̂)⁻¹; robust variance D ᵀD with D the dfbeta residuals (score residuals × I⁻¹) summed per cluster
/// (Lin &amp; Wei 1989; R <c>coxph(…, cluster = id)</c>). The risk-set sums run in O(n·p²) per iteration over both cores
/// (see the engine notes in docs/cox.md). Stateless and thread-safe.
/// </summary>
public sealed class CoxRegression : ICoxRegression
{
    /// <inheritdoc/>
    public CoxFit Fit(CoxData data, CoxFitOptions? options = null, CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        CoxData.RequireEvent(data, nameof(data));
        options ??= CoxFitOptions.Default;
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        var engine = new CoxEngine(data, options.Ties);
        var outcome = CoxNewton.Run(b => engine.Evaluate(b, work), data.CovariateNames, options, cancellationToken);
        int p = data.P;
        var covariance = CoxLinearAlgebra.Inverse(outcome.FinalFactor, p);
        double[]? robust = null;
        if (options.Robust ?? (data.Cluster is not null || data.HasNonIntegerWeights))
        {
            var state = CoxState.Compute(engine, outcome.Beta, work);
            robust = Sandwich(state.ScoreResiduals(), data, covariance);
        }

        var infinite = CoxNewton.MayBeInfinite(outcome, covariance, options.Tolerance);
        double gradient = Math.Sqrt(outcome.Final.U.Sum(u => u * u));
        string message = CoxNewton.Message(outcome, infinite, options.MaxIterations);
        string? boundary = infinite.Any(f => f) ? message : null;
        var convergence = new FitConvergence(outcome.Converged, outcome.Iterations, gradient, "newton-raphson", message, boundary);
        return new CoxFit(outcome.Names, outcome.Beta, covariance, robust, outcome.NullLogLikelihood, outcome.Final.LogLikelihood, outcome.ScoreTest,
            infinite, convergence, options, data.N, data.EventCount, data.Center);
    }

    /// <summary>V·(Σ_g R_g R_gᵀ)·V with R_g the (weighted) score residuals summed over the rows of cluster g (each row its own group without clusters).</summary>
    internal static double[] Sandwich(double[] scoreResiduals, CoxData data, double[] covariance)
    {
        int p = data.P, n = data.N;
        double[] grouped;
        if (data.Cluster is { } cluster)
        {
            grouped = new double[data.ClusterCount!.Value * p];
            for (int r = 0; r < n; r++)
            {
                int g = cluster[r];
                for (int j = 0; j < p; j++) grouped[(g * p) + j] += scoreResiduals[(r * p) + j];
            }
        }
        else
        {
            grouped = scoreResiduals;
        }

        int groups = grouped.Length / p;
        var meat = new double[p * p];
        for (int g = 0; g < groups; g++)
        {
            for (int j = 0; j < p; j++)
            {
                double a = grouped[(g * p) + j];
                for (int l = 0; l < p; l++) meat[(j * p) + l] += a * grouped[(g * p) + l];
            }
        }

        var vm = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int k = 0; k < p; k++)
            {
                double s = 0;
                for (int l = 0; l < p; l++) s += covariance[(i * p) + l] * meat[(l * p) + k];
                vm[(i * p) + k] = s;
            }

        var result = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int k = 0; k < p; k++)
            {
                double s = 0;
                for (int l = 0; l < p; l++) s += vm[(i * p) + l] * covariance[(l * p) + k];
                result[(i * p) + k] = s;
            }

        for (int i = 0; i < p; i++)
            for (int k = i + 1; k < p; k++)
            {
                double a = 0.5 * (result[(i * p) + k] + result[(k * p) + i]);
                result[(i * p) + k] = a;
                result[(k * p) + i] = a;
            }

        return result;
    }
}

/// <summary>
/// Everything per row and per event time at one β (the fitted one): η, r, the cumulative hazard weights and the slot details,
/// from which the martingale, score and Schoenfeld residuals and the baseline hazard follow.
/// </summary>
internal sealed class CoxState
{
    private CoxState(CoxEngine engine, CoxSlotDetails details, double[] beta)
    {
        Data = engine.Data;
        Engine = engine;
        Details = details;
        Beta = beta;
        Eta = engine.Eta.ToArray();
        Risk = engine.Risk.ToArray();
        Cum = engine.Cum.ToArray();
        SlotE = engine.SlotE.ToArray();
        Shift = engine.Shift;
    }

    public CoxData Data { get; }

    public CoxEngine Engine { get; }

    public CoxSlotDetails Details { get; }

    public double[] Beta { get; }

    public double[] Eta { get; }

    public double[] Risk { get; }

    public double[] Cum { get; }

    public double[] SlotE { get; }

    public double Shift { get; }

    public CoxEvaluation Evaluation { get; private set; } = null!;

    public static CoxState Compute(CoxEngine engine, double[] beta, ParallelWork work)
    {
        var details = new CoxSlotDetails(engine.Data.SlotTime.Length, engine.Data.P);
        var ev = engine.Evaluate(beta, work, details);
        return new CoxState(engine, details, beta) { Evaluation = ev };
    }

    public static CoxState Compute(CoxData data, CoxFit fit, ParallelWork work)
    {
        if (!data.CovariateNames.SequenceEqual(fit.Terms, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The data's covariates ({string.Join(", ", data.CovariateNames)}) are not the fit's terms ({string.Join(", ", fit.Terms)}).", nameof(data));
        }

        // The data may be centred differently from the fit's data; η only shifts by a constant, which cancels everywhere.
        return Compute(new CoxEngine(data, fit.Ties), fit.BetaArray, work);
    }

    /// <summary>C per sorted row: Σ c(t) over the row's risk interval minus e(t) at its own event.</summary>
    public double RowC(int r)
    {
        double c = Cum[Data.Hi[r]];
        if (Data.Lo is { } lo) c -= Cum[lo[r]];
        if (Data.Event[r] != 0) c -= SlotE[Data.DeathSlot[r]];
        return c;
    }

    /// <summary>Weighted martingale residuals δw − rC per sorted row.</summary>
    public double[] Martingale()
    {
        var m = new double[Data.N];
        for (int r = 0; r < Data.N; r++) m[r] = (Data.Event[r] * Data.Weight[r]) - (Risk[r] * RowC(r));
        return m;
    }

    /// <summary>Weighted score residuals (N·P, sorted rows): dN·(x − x̄̄) − r·(x·C − (G(stop) − G(start) − δ·h)).</summary>
    public double[] ScoreResiduals()
    {
        var d = Data;
        int p = d.P, n = d.N;
        var gcum = new double[(d.SlotTime.Length + d.StratumCount) * p];
        for (int s = 0; s < d.StratumCount; s++)
        {
            int baseIndex = d.SlotBegin[s] + s;
            for (int m = d.SlotBegin[s]; m < d.SlotBegin[s + 1]; m++)
            {
                int at = baseIndex + (m - d.SlotBegin[s]) + 1;
                for (int j = 0; j < p; j++) gcum[(at * p) + j] = gcum[((at - 1) * p) + j] + Details.G[(m * p) + j];
            }
        }

        var result = new double[n * p];
        for (int r = 0; r < n; r++)
        {
            double c = RowC(r);
            int hi = d.Hi[r];
            int lo = d.Lo?[r] ?? -1;
            int slot = d.DeathSlot[r];
            for (int j = 0; j < p; j++)
            {
                double xj = d.X[(r * p) + j];
                double g = gcum[(hi * p) + j] - (lo >= 0 ? gcum[(lo * p) + j] : 0);
                double value = 0;
                if (slot >= 0)
                {
                    g -= Details.H[(slot * p) + j];
                    value = d.Weight[r] * (xj - Details.MeanDeath[(slot * p) + j]);
                }

                result[(r * p) + j] = value - (Risk[r] * ((xj * c) - g));
            }
        }

        return result;
    }
}
