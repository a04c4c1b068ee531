using System.Globalization;

namespace TrustMetrics.Clv;

/// <summary>
/// Per-customer discounted CLV with a predictive interval, in the order of the histories given
/// (<see cref="IPredictionIntervalCalculator.ComputeValue{TModel}(ClvFit{TModel}, ClvFit{GammaGammaModel}, ReadOnlySpan{PurchaseHistory}, ReadOnlySpan{double}, int, double, double, double, double, CancellationToken, int?)"/>; docs/clv.md §Prediction intervals). The point value is
/// <see cref="CustomerLifetimeValue.Discounted"/> with the Gamma–Gamma expected spend × margin; the interval is the equal-tailed
/// interval of the <b>realised</b> discounted value of the customer's purchases in the horizon: purchase-count and spend process
/// uncertainty plus the parameter uncertainty of both fits (joint sigma points). It has an atom at 0 (no purchase), so the lower
/// bound is often 0 and the interval need not contain the point value.
/// </summary>
public sealed class ValueIntervals
{
    internal ValueIntervals(int months, double level, bool purchaseUncertainty, bool spendUncertainty, double[] spend, double[] value, double[] lower, double[] upper)
    {
        Months = months;
        Level = level;
        PurchaseParameterUncertainty = purchaseUncertainty;
        SpendParameterUncertainty = spendUncertainty;
        ExpectedSpend = Array.AsReadOnly(spend);
        Value = Array.AsReadOnly(value);
        Lower = Array.AsReadOnly(lower);
        Upper = Array.AsReadOnly(upper);
    }

    /// <summary>Horizon in months.</summary>
    public int Months { get; }

    /// <summary>Nominal level (0.9 = 90 %).</summary>
    public double Level { get; }

    /// <summary>True when the purchase fit's covariance is finite and positive definite (its parameter uncertainty is included).</summary>
    public bool PurchaseParameterUncertainty { get; }

    /// <summary>True when the Gamma–Gamma fit's covariance is finite and positive definite (its parameter uncertainty is included).</summary>
    public bool SpendParameterUncertainty { get; }

    /// <summary>Number of customers.</summary>
    public int Count => Value.Count;

    /// <summary>E[M | x, m̄] = p(γ + x m̄)/(px + q − 1) at the estimates (the population mean pγ/(q − 1) at x = 0); ∞ when px + q ≤ 1.</summary>
    public IReadOnlyList<double> ExpectedSpend { get; }

    /// <summary>Discounted CLV at the estimates: margin · E[M | x, m̄] · Σₖ (E[Y(k f)] − E[Y((k−1) f)]) / (1 + d)ᵏ.</summary>
    public IReadOnlyList<double> Value { get; }

    /// <summary>Lower end of the equal-tailed predictive interval of the realised discounted value (0 when P(no purchase) ≥ (1 − level)/2 and the margin is positive).</summary>
    public IReadOnlyList<double> Lower { get; }

    /// <summary>Upper end of the equal-tailed predictive interval of the realised discounted value.</summary>
    public IReadOnlyList<double> Upper { get; }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"ValueIntervals({Count} customers, {Months} months, level {Level:R}, parameter uncertainty: purchases {(PurchaseParameterUncertainty ? "included" : "not available")}, spend {(SpendParameterUncertainty ? "included" : "not available")})");
}
