namespace TrustMetrics.Weighting;

/// <summary>
/// How <see cref="Raking"/> iterates: the convergence tolerance on the largest margin error, the largest number of sweeps,
/// and optional trimming bounds on the weights (relative to the mean weight 1).
/// </summary>
public sealed class RakingOptions
{
    /// <summary>Options with the defaults: tolerance 10⁻¹², at most 1000 sweeps, no trimming.</summary>
    public RakingOptions()
        : this(1e-12, 1000, null, null)
    {
    }

    /// <summary>Options with the given settings.</summary>
    /// <param name="tolerance">Raking stops once every weighted margin share is within this of its target: finite, &gt; 0 and &lt; 1.</param>
    /// <param name="maxIterations">The largest number of sweeps over all margins, ≥ 1.</param>
    /// <param name="lowerBound">Trimming: the smallest weight allowed, relative to the mean weight 1 (finite, ≥ 0 and ≤ 1); null for none.</param>
    /// <param name="upperBound">Trimming: the largest weight allowed, relative to the mean weight 1 (finite, ≥ 1); null for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it and its value.</exception>
    public RakingOptions(double tolerance, int maxIterations, double? lowerBound = null, double? upperBound = null)
    {
        if (!(double.IsFinite(tolerance) && tolerance > 0 && tolerance < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, $"tolerance must lie strictly between 0 and 1; got {Guard.Format(tolerance)}.");
        }

        if (maxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, $"maxIterations must be at least 1; got {maxIterations}.");
        }

        if (lowerBound is double lo && !(double.IsFinite(lo) && lo >= 0 && lo <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(lowerBound), lo, $"lowerBound is relative to the mean weight 1 and must lie in [0, 1]; got {Guard.Format(lo)}.");
        }

        if (upperBound is double hi && !(double.IsFinite(hi) && hi >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(upperBound), hi, $"upperBound is relative to the mean weight 1 and must be a finite number ≥ 1; got {Guard.Format(hi)}.");
        }

        Tolerance = tolerance;
        MaxIterations = maxIterations;
        LowerBound = lowerBound;
        UpperBound = upperBound;
    }

    /// <summary>Largest absolute difference between a weighted margin share and its target at convergence.</summary>
    public double Tolerance { get; }

    /// <summary>Largest number of sweeps over all margins.</summary>
    public int MaxIterations { get; }

    /// <summary>Smallest weight relative to the mean weight 1; null for no lower trimming bound.</summary>
    public double? LowerBound { get; }

    /// <summary>Largest weight relative to the mean weight 1; null for no upper trimming bound.</summary>
    public double? UpperBound { get; }
}
