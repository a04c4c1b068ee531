using TrustMetrics.Estimation;

namespace TrustMetrics.TrustIndex.Sensitivity;

/// <summary>
/// First- and total-order Sobol indices of one factor for one output, with bootstrap standard errors and percentile intervals
/// (resampling the N base rows). S_i = V[E(Y|X_i)]/V(Y) is the share of the output variance explained by the factor alone;
/// S_Ti = E[V(Y|X_~i)]/V(Y) the share that involves the factor (alone or in interactions). Estimators: see
/// <see cref="SobolResult"/>. Every value is null when the output does not vary (V(Y) = 0: the indices are undefined), except in
/// <see cref="TrustIndexUncertaintyResult"/>, where 0/0 := 0 (no factor explains any of a zero variance).
/// </summary>
public sealed class SobolIndex
{
    internal SobolIndex(string factor, double? firstOrder, double? firstOrderStandardError, ConfidenceInterval? firstOrderInterval,
        double? totalOrder, double? totalOrderStandardError, ConfidenceInterval? totalOrderInterval)
    {
        Factor = factor;
        FirstOrder = firstOrder;
        FirstOrderStandardError = firstOrderStandardError;
        FirstOrderInterval = firstOrderInterval;
        TotalOrder = totalOrder;
        TotalOrderStandardError = totalOrderStandardError;
        TotalOrderInterval = totalOrderInterval;
    }

    /// <summary>The factor's name.</summary>
    public string Factor { get; }

    /// <summary>First-order index S_i (Saltelli et al. 2010 estimator); null when the output does not vary.</summary>
    public double? FirstOrder { get; }

    /// <summary>Bootstrap standard error of <see cref="FirstOrder"/>; null without bootstrap or when undefined.</summary>
    public double? FirstOrderStandardError { get; }

    /// <summary>Percentile bootstrap interval of <see cref="FirstOrder"/>; null without bootstrap or when undefined.</summary>
    public ConfidenceInterval? FirstOrderInterval { get; }

    /// <summary>Total-order index S_Ti (Jansen 1999 estimator); null when the output does not vary.</summary>
    public double? TotalOrder { get; }

    /// <summary>Bootstrap standard error of <see cref="TotalOrder"/>; null without bootstrap or when undefined.</summary>
    public double? TotalOrderStandardError { get; }

    /// <summary>Percentile bootstrap interval of <see cref="TotalOrder"/>; null without bootstrap or when undefined.</summary>
    public ConfidenceInterval? TotalOrderInterval { get; }

    /// <summary>"factor: S 0.314, ST 0.558", invariant culture.</summary>
    public override string ToString() =>
        $"{Factor}: S {Presentation.InvariantText.Optional(FirstOrder, "0.000")}, ST {Presentation.InvariantText.Optional(TotalOrder, "0.000")}";
}
