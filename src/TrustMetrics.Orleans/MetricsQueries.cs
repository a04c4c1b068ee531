using Microsoft.Extensions.Options;
using TrustMetrics.Churn;
using TrustMetrics.Nps;
using TrustMetrics.Survival;

namespace TrustMetrics.Orleans;

/// <summary>The queries both grain kinds answer from a snapshot, with the calculators configured in the options.</summary>
internal sealed class MetricsQueries(IOptions<TrustMetricsGrainOptions> options)
{
    private readonly NpsCalculator nps = new(options.Value.Calculators);
    private readonly SurvivalAnalyzer survival = new(options.Value.Calculators);
    private readonly ChurnCalculator churn = new(options.Value.Calculators);

    public TrustMetricsGrainOptions Options => options.Value;

    public NpsResult Nps(MetricsSnapshot snapshot, double? level) => nps.Calculate(snapshot.Nps, level);

    public KaplanMeierResult? Survival(MetricsSnapshot snapshot, double? level)
    {
        var tally = SurvivalTally.FromState(snapshot.Survival);
        return tally.IsEmpty ? null : survival.KaplanMeier(tally, level);
    }

    public CohortTable Cohorts(MetricsSnapshot snapshot, double? level) => churn.CohortTable(ChurnTally.FromState(snapshot.Churn), level);
}
