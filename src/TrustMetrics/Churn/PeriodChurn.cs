using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Churn;

/// <summary>
/// Churn and retention of one period. <see cref="Rate"/> follows the requested <see cref="Definition"/>;
/// <see cref="Churn"/> and <see cref="Retention"/> are always start-based, (L − L_new)/S and (S − (L − L_new))/S, with the
/// configured proportion interval (Wilson by default), because only they are binomial proportions of S. Retention is the
/// consistent complement 1 − start-based churn, not the widely quoted (E − N)/S = 1 − L/S (survey-metrics.md §5.1 caution).
/// All three are null when S = 0 (nothing to churn from; never NaN).
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class PeriodChurn : ITabularResult
{
    internal PeriodChurn(ChurnPeriodCounts counts, ChurnRateDefinition definition, double? rate, Estimate? churn, Estimate? retention)
    {
        Counts = counts;
        Definition = definition;
        Rate = rate;
        Churn = churn;
        Retention = retention;
    }

    /// <summary>S, N, L, L_new, E and the period's dates.</summary>
    public ChurnPeriodCounts Counts { get; }

    /// <summary>The definition <see cref="Rate"/> follows.</summary>
    public ChurnRateDefinition Definition { get; }

    /// <summary>The churn rate under <see cref="Definition"/>; null when its denominator is 0.</summary>
    public double? Rate { get; }

    /// <summary>Start-based churn (L − L_new)/S with standard error √(p(1−p)/S) and interval; null when S = 0.</summary>
    public Estimate? Churn { get; }

    /// <summary>Start-based retention (S − (L − L_new))/S with its interval; null when S = 0.</summary>
    public Estimate? Retention { get; }

    /// <summary>First day of the period.</summary>
    internal DateOnly Start => Counts.Start;

    /// <summary>Last day of the period (inclusive).</summary>
    internal DateOnly LastDay => Counts.LastDay;

    /// <summary>False when the data end before the period does.</summary>
    internal bool IsComplete => Counts.IsComplete;

    /// <summary>
    /// "2024-01-01 to 2024-01-31: churn 4.2% (95% CI 3.1% to 5.6%, wilson), S = 1,000, N = 120, L = 50, E = 1,070" (start-based churn;
    /// "no customers at start" when S = 0; "(partial)" when the period is not over); invariant culture.
    /// </summary>
    public override string ToString()
    {
        string period = $"{InvariantText.Date(Start)} to {InvariantText.Date(LastDay)}{(IsComplete ? "" : " (partial)")}";
        string churn = Churn is { } c
            ? $"churn {InvariantText.Percent(c.Value)} ({InvariantText.IntervalHeader(c.Interval)} {InvariantText.Percent(c.Interval.Lower)} to {InvariantText.Percent(c.Interval.Upper)}, {c.Interval.Method})"
            : "no customers at start";
        return $"{period}: {churn}, S = {InvariantText.Count(Counts.CustomersAtStart)}, N = {InvariantText.Count(Counts.Acquired)}, " +
            $"L = {InvariantText.Count(Counts.Lost)}, E = {InvariantText.Count(Counts.CustomersAtEnd)}";
    }

    ResultTable ITabularResult.ToTable()
    {
        string level = Churn is { } c ? InvariantText.IntervalHeader(c.Interval) : "CI";
        return new ResultTable("Period churn", "period", "S", "N", "L", "E", $"rate ({Definition})", "churn", level, "retention")
            .Row($"{InvariantText.Date(Start)} to {InvariantText.Date(LastDay)}{(IsComplete ? "" : " *")}",
                InvariantText.Count(Counts.CustomersAtStart), InvariantText.Count(Counts.Acquired), InvariantText.Count(Counts.Lost),
                InvariantText.Count(Counts.CustomersAtEnd), Rate is { } r ? InvariantText.Percent(r) : "–",
                Churn is { } churn ? InvariantText.Percent(churn.Value) : "–",
                Churn is { } ci ? $"{InvariantText.Percent(ci.Interval.Lower)} to {InvariantText.Percent(ci.Interval.Upper)}" : "–",
                Retention is { } retention ? InvariantText.Percent(retention.Value) : "–")
            .Note("S customers at start, N acquired, L lost, E at end; churn and retention are start-based, (L − L_new)/S." +
                (IsComplete ? "" : " * The data end before the period does."));
    }
}
