using System.Globalization;

namespace TrustMetrics.Clv;

/// <summary>
/// Per-customer predictions with intervals, in the order of the histories given (<see cref="IPredictionIntervalCalculator"/>).
/// The bounds of E[Y(t)] and P(alive) describe parameter uncertainty only (they are expectations: no process noise); the
/// purchase-count bounds are the equal-tailed quantiles of the predictive distribution of Y(t), so they cover the count with
/// probability ≥ <see cref="Level"/> and need not contain E[Y(t)].
/// </summary>
public sealed class PredictionIntervals
{
    internal PredictionIntervals(double horizon, double level, bool parameterUncertainty, double[] expected, double[]? expectedLower, double[]? expectedUpper,
        double[] alive, double[]? aliveLower, double[]? aliveUpper, long[] countLower, long[] countUpper, int distinctRows)
    {
        Horizon = horizon;
        Level = level;
        ParameterUncertainty = parameterUncertainty;
        ExpectedPurchases = Array.AsReadOnly(expected);
        ExpectedPurchasesLower = expectedLower is null ? null : Array.AsReadOnly(expectedLower);
        ExpectedPurchasesUpper = expectedUpper is null ? null : Array.AsReadOnly(expectedUpper);
        ProbabilityAlive = Array.AsReadOnly(alive);
        ProbabilityAliveLower = aliveLower is null ? null : Array.AsReadOnly(aliveLower);
        ProbabilityAliveUpper = aliveUpper is null ? null : Array.AsReadOnly(aliveUpper);
        PurchasesLower = Array.AsReadOnly(countLower);
        PurchasesUpper = Array.AsReadOnly(countUpper);
        DistinctRows = distinctRows;
        Columns = new ColumnArrays(expected, expectedLower, expectedUpper, alive, aliveLower, aliveUpper, countLower, countUpper);
    }

    /// <summary>The arrays behind the read-only lists, for in-assembly readers of a million rows (an indexer call through the interface per value was a third of the CLI's serial time).</summary>
    internal readonly record struct ColumnArrays(double[] Expected, double[]? ExpectedLower, double[]? ExpectedUpper, double[] Alive, double[]? AliveLower,
        double[]? AliveUpper, long[] PurchasesLower, long[] PurchasesUpper);

    /// <summary>The columns as arrays (never written after construction).</summary>
    internal ColumnArrays Columns { get; }

    /// <summary>Horizon t in the model's time unit.</summary>
    public double Horizon { get; }

    /// <summary>Nominal level (0.9 = 90 %).</summary>
    public double Level { get; }

    /// <summary>
    /// True when the fit's covariance is finite and positive definite, so parameter uncertainty is included; false at a boundary
    /// fit (an infinite standard error): then the expectation bounds are null and the count interval is the process part alone.
    /// </summary>
    public bool ParameterUncertainty { get; }

    /// <summary>Number of customers.</summary>
    public int Count => ExpectedPurchases.Count;

    /// <summary>Distinct (x, t_x, T) rows computed (each computed once).</summary>
    public int DistinctRows { get; }

    /// <summary>E[Y(t) | x, t_x, T] at the estimates: the model's <c>ConditionalExpectedPurchases</c>, bit for bit.</summary>
    public IReadOnlyList<double> ExpectedPurchases { get; }

    /// <summary>Lower bound for E[Y(t)] (parameter uncertainty, log scale); null without <see cref="ParameterUncertainty"/>.</summary>
    public IReadOnlyList<double>? ExpectedPurchasesLower { get; }

    /// <summary>Upper bound for E[Y(t)]; null without <see cref="ParameterUncertainty"/>.</summary>
    public IReadOnlyList<double>? ExpectedPurchasesUpper { get; }

    /// <summary>P(alive | x, t_x, T) at the estimates: the model's <c>ProbabilityAlive</c>, bit for bit.</summary>
    public IReadOnlyList<double> ProbabilityAlive { get; }

    /// <summary>Lower bound for P(alive) (parameter uncertainty, logit scale); null without <see cref="ParameterUncertainty"/>.</summary>
    public IReadOnlyList<double>? ProbabilityAliveLower { get; }

    /// <summary>Upper bound for P(alive); null without <see cref="ParameterUncertainty"/>.</summary>
    public IReadOnlyList<double>? ProbabilityAliveUpper { get; }

    /// <summary>Lower end of the equal-tailed interval of the count Y(t): the smallest n with P(Y ≤ n) &gt; (1 − level)/2.</summary>
    public IReadOnlyList<long> PurchasesLower { get; }

    /// <summary>Upper end: the smallest n with P(Y ≤ n) ≥ (1 + level)/2.</summary>
    public IReadOnlyList<long> PurchasesUpper { get; }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"PredictionIntervals({Count} customers, horizon {Horizon:R}, level {Level:R}, parameter uncertainty {(ParameterUncertainty ? "included" : "not available")})");
}
