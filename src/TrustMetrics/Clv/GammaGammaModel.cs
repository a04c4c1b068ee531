using MathNet.Numerics;

namespace TrustMetrics.Clv;

/// <summary>Gamma–Gamma spend predictions at fixed parameters (Fader &amp; Hardie 2013 note 025; ltv-churn.md §7). Immutable and thread-safe.</summary>
public sealed class GammaGammaModel
{
    private readonly double p, q, gamma;

    /// <summary>A model with the given parameters.</summary>
    /// <param name="parameters">p, q, γ, all finite and &gt; 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null (every instance holds valid values).</exception>
    public GammaGammaModel(GammaGammaParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        (p, q, gamma) = parameters;
    }

    /// <summary>The parameters.</summary>
    public GammaGammaParameters Parameters { get; }

    /// <summary>
    /// Population mean spend per transaction E[M] = pγ/(q−1); infinite when q ≤ 1 (lifetimes returns a negative number there,
    /// the root of its "negative CLV" reports).
    /// </summary>
    public double PopulationMeanSpend => q > 1 ? p * gamma / (q - 1) : double.PositiveInfinity;

    /// <summary>
    /// One customer's log-likelihood ℓ = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(x m̄ + γ) (note 025 eq. 1a).
    /// </summary>
    /// <param name="frequency">x ≥ 1.</param>
    /// <param name="monetaryValue">m̄ &gt; 0.</param>
    public double LogLikelihood(long frequency, double monetaryValue)
    {
        if (frequency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(frequency), frequency, $"frequency must be at least 1 for the spend likelihood; got {frequency}.");
        }

        Guard.Positive(monetaryValue);
        return GammaGammaFitter.RowLogLikelihood(p, q, gamma, frequency, monetaryValue);
    }

    /// <summary>Total log-likelihood Σ count·ℓ.</summary>
    /// <param name="data">Compressed spend rows.</param>
    public double LogLikelihood(CompressedSpend data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Span<double> gradient = stackalloc double[3];
        return -GammaGammaFitter.NegativeLogLikelihood(data, p, q, gamma, gradient);
    }

    /// <summary>
    /// Conditional expected average spend per transaction E[M | x, m̄] = (q−1)/(px+q−1)·pγ/(q−1) + px/(px+q−1)·m̄ = p(γ + x m̄)/(px+q−1)
    /// (note 025 eq. 5); the population mean pγ/(q−1) when x = 0. Infinite when px + q ≤ 1 (the posterior mean does not exist).
    /// </summary>
    /// <param name="frequency">x ≥ 0 repeat purchases.</param>
    /// <param name="monetaryValue">Their mean value m̄ (finite; ignored when x = 0, &gt; 0 otherwise).</param>
    public double ConditionalExpectedAverageSpend(long frequency, double monetaryValue)
    {
        Guard.NonNegative(frequency);
        if (frequency == 0)
        {
            return PopulationMeanSpend;
        }

        Guard.Positive(monetaryValue);
        double px = p * frequency;
        double denominator = px + q - 1;
        return denominator > 0 ? p * (gamma + (frequency * monetaryValue)) / denominator : double.PositiveInfinity;
    }
}
