namespace TrustMetrics.Survival;

/// <summary>
/// Residuals of a Cox fit, as R <c>residuals.coxph</c> (unweighted, rows in the caller's order): martingale Mᵢ = δᵢ − exp(ηᵢ)·Λ̂ᵢ
/// (Efron-adjusted hazard for tied events when ties = Efron), deviance sign(M)·√(−2(M + δ·log(δ − M))), score residuals
/// (the rows' contributions to U, Lin–Wei), and Schoenfeld residuals xᵢ − x̄(tᵢ) for the event rows (x̄ averaged over Efron's
/// tie steps), ordered by event time.
/// </summary>
public sealed class CoxResiduals
{
    private readonly double[] score;
    private readonly double[] schoenfeld;
    private readonly int p;

    internal CoxResiduals(double[] martingale, double[] deviance, double[] score, double[] schoenfeldTimes, double[] schoenfeld, int p)
    {
        Martingale = Array.AsReadOnly(martingale);
        Deviance = Array.AsReadOnly(deviance);
        this.score = score;
        SchoenfeldTimes = Array.AsReadOnly(schoenfeldTimes);
        this.schoenfeld = schoenfeld;
        this.p = p;
    }

    /// <summary>Martingale residual per row.</summary>
    public IReadOnlyList<double> Martingale { get; }

    /// <summary>Deviance residual per row.</summary>
    public IReadOnlyList<double> Deviance { get; }

    /// <summary>Event times of the Schoenfeld residual rows, ascending (per stratum in stratum order).</summary>
    public IReadOnlyList<double> SchoenfeldTimes { get; }

    /// <summary>Score residuals of one term, one per row.</summary>
    /// <param name="term">Term index.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="term"/> is outside [0, p).</exception>
    public IReadOnlyList<double> Score(int term) => Column(score, term, Martingale.Count);

    /// <summary>Schoenfeld residuals of one term, one per event row (order of <see cref="SchoenfeldTimes"/>).</summary>
    /// <param name="term">Term index.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="term"/> is outside [0, p).</exception>
    public IReadOnlyList<double> Schoenfeld(int term) => Column(schoenfeld, term, SchoenfeldTimes.Count);

    private double[] Column(double[] values, int term, int rows)
    {
        if ((uint)term >= (uint)p)
        {
            throw new ArgumentOutOfRangeException(nameof(term), term, $"term must lie in [0, {p}); got {term}.");
        }

        var column = new double[rows];
        for (int i = 0; i < rows; i++) column[i] = values[(i * p) + term];
        return column;
    }
}

/// <summary>Predicted survival of one covariate profile at one time, with its interval (R <c>survfit.coxph</c>, log scale).</summary>
public sealed class CoxSurvivalPoint
{
    internal CoxSurvivalPoint(double time, double cumulativeHazard, double standardError, double z)
    {
        Time = time;
        CumulativeHazard = cumulativeHazard;
        StandardError = standardError;
        Survival = Math.Exp(-cumulativeHazard);
        Lower = Math.Exp(-cumulativeHazard - (z * standardError));
        Upper = Math.Min(1.0, Math.Exp(-cumulativeHazard + (z * standardError)));
    }

    /// <summary>The time (a horizon, or an event time of the baseline table).</summary>
    public double Time { get; }

    /// <summary>Λ(t | x) = exp(xᵀβ + offset)·Λ₀(t).</summary>
    public double CumulativeHazard { get; }

    /// <summary>Standard error of Λ(t | x), including the uncertainty of β (Tsiatis 1981; R <c>std.err</c>).</summary>
    public double StandardError { get; }

    /// <summary>S(t | x) = exp(−Λ(t | x)).</summary>
    public double Survival { get; }

    /// <summary>Lower bound exp(−Λ − z·SE) (R conf.type "log").</summary>
    public double Lower { get; }

    /// <summary>Upper bound min(1, exp(−Λ + z·SE)).</summary>
    public double Upper { get; }
}
