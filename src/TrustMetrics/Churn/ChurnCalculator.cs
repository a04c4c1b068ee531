using TrustMetrics.Estimation;

namespace TrustMetrics.Churn;

/// <summary>The standard <see cref="IChurnCalculator"/> (formulas in docs/churn.md); stateless after construction and thread-safe.</summary>
public sealed class ChurnCalculator : IChurnCalculator
{
    private readonly TrustMetricsOptions options;

    /// <summary>A calculator with the library defaults (95%, Wilson intervals, start-based churn).</summary>
    public ChurnCalculator()
        : this(new TrustMetricsOptions())
    {
    }

    /// <summary>A calculator with the given defaults (validated and copied): confidence level, proportion interval method, churn rate definition.</summary>
    /// <param name="options">Defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid.</exception>
    public ChurnCalculator(TrustMetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Snapshot();
    }

    /// <inheritdoc/>
    public IReadOnlyList<PeriodChurn> PeriodChurn(ChurnTally tally, ChurnRateDefinition? definition = null, double? confidenceLevel = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        var (chosen, level) = Settings(definition, confidenceLevel);
        return tally.PeriodCounts().Select(counts => Compute(counts, chosen, level)).ToList();
    }

    /// <inheritdoc/>
    public PeriodChurn PeriodChurn(ChurnPeriodCounts counts, ChurnRateDefinition? definition = null, double? confidenceLevel = null)
    {
        // Valid by construction: ChurnPeriodCounts.Create checks the counts and the default value is an empty period.
        var (chosen, level) = Settings(definition, confidenceLevel);
        return Compute(counts, chosen, level);
    }

    /// <inheritdoc/>
    public CohortTable CohortTable(ChurnTally tally, double? confidenceLevel = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        double level = confidenceLevel ?? options.ConfidenceLevel;
        Guard.ConfidenceLevel(level, nameof(confidenceLevel));
        var method = options.ProportionIntervalMethod;

        var rows = new List<CohortRow>();
        var activeSums = new List<long>();
        var sizeSums = new List<long>();
        var rateSums = new List<double>();
        var cohorts = new List<int>();
        foreach (var (start, lastDay, complete, size, active) in tally.CohortCounts())
        {
            var cells = new CohortCell[active.Length];
            for (int k = 0; k < active.Length; k++)
            {
                cells[k] = new CohortCell(k, active[k], size, ProportionIntervals.Estimate(active[k], size, level, method));
                if (k == activeSums.Count)
                {
                    activeSums.Add(0);
                    sizeSums.Add(0);
                    rateSums.Add(0);
                    cohorts.Add(0);
                }

                activeSums[k] = checked(activeSums[k] + active[k]);
                sizeSums[k] = checked(sizeSums[k] + size);
                rateSums[k] += (double)active[k] / size;
                cohorts[k]++;
            }

            rows.Add(new CohortRow(start, lastDay, complete, size, cells));
        }

        var summary = new CohortAgeSummary[activeSums.Count];
        for (int k = 0; k < summary.Length; k++)
        {
            summary[k] = new CohortAgeSummary(k, cohorts[k], activeSums[k], sizeSums[k],
                ProportionIntervals.Estimate(activeSums[k], sizeSums[k], level, method), rateSums[k] / cohorts[k]);
        }

        return new CohortTable(tally.Period, tally.EffectiveAsOf, [.. rows], summary);
    }

    /// <inheritdoc/>
    public RevenueRetention RevenueRetention(RevenueMovements movements, bool includeReactivation = false) =>
        Churn.RevenueRetention.Compute(movements, includeReactivation);

    private (ChurnRateDefinition Definition, double Level) Settings(ChurnRateDefinition? definition, double? confidenceLevel)
    {
        var chosen = definition ?? options.ChurnRateDefinition;
        Guard.Defined(chosen, nameof(definition));
        double level = confidenceLevel ?? options.ConfidenceLevel;
        Guard.ConfidenceLevel(level, nameof(confidenceLevel));
        return (chosen, level);
    }

    private PeriodChurn Compute(ChurnPeriodCounts counts, ChurnRateDefinition definition, double level)
    {
        Estimate? churn = null, retention = null;
        if (counts.CustomersAtStart > 0)
        {
            var method = options.ProportionIntervalMethod;
            churn = ProportionIntervals.Estimate(counts.LostFromStart, counts.CustomersAtStart, level, method);
            retention = ProportionIntervals.Estimate(counts.CustomersAtStart - counts.LostFromStart, counts.CustomersAtStart, level, method);
        }

        return new PeriodChurn(counts, definition, counts.Rate(definition), churn, retention);
    }
}
