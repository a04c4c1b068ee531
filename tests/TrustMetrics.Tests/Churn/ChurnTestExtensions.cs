using TrustMetrics.Churn;

namespace TrustMetrics.Tests;

/// <summary>
/// The record-to-result shortcuts the tests use: a tally of the records, then the calculator (the public API has only the tally
/// overloads since Core 1.0; these are exactly <c>ChurnTally.FromCustomers</c> followed by the calculator).
/// </summary>
internal static class ChurnTestExtensions
{
    public static IReadOnlyList<PeriodChurn> PeriodChurn(this IChurnCalculator calculator, IEnumerable<CustomerSpan> customers, ChurnPeriod period,
        DateOnly? asOf = null, ChurnRateDefinition? definition = null) =>
        calculator.PeriodChurn(ChurnTally.FromCustomers(customers, period, asOf), definition);

    public static CohortTable CohortTable(this IChurnCalculator calculator, IEnumerable<CustomerSpan> customers, ChurnPeriod period, DateOnly? asOf = null) =>
        calculator.CohortTable(ChurnTally.FromCustomers(customers, period, asOf));
}
