namespace TrustMetrics.Estimation;

/// <summary>
/// A point estimate with its standard error and a confidence interval: <c>Value ± …</c> with
/// <c>Interval</c> computed by <c>Interval.Method</c>. Methods that shrink toward a prior (adjusted Wald, Bayesian)
/// centre the interval on the shrunk value, so the interval need not be symmetric around <see cref="Value"/>.
/// </summary>
/// <param name="Value">The point estimate (maximum-likelihood / sample value).</param>
/// <param name="StandardError">The estimated standard error of <see cref="Value"/>; <see cref="double.PositiveInfinity"/> when the sample cannot estimate it (a mean of one response).</param>
/// <param name="Interval">The confidence interval.</param>
public readonly record struct Estimate(double Value, double StandardError, ConfidenceInterval Interval)
{
    /// <summary>Multiplies value, standard error and interval by <paramref name="factor"/> (&gt; 0), for example share → percent.</summary>
    /// <param name="factor">A positive scale factor.</param>
    public Estimate Scale(double factor) => new(Value * factor, StandardError * factor, Interval.Scale(factor));
}
