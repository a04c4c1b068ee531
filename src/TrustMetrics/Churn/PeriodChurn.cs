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
/// <param name="Counts">S, N, L, L_new, E and the period's dates.</param>
/// <param name="Definition">The definition <see cref="Rate"/> follows.</param>
/// <param name="Rate">The churn rate under <see cref="Definition"/>; null when its denominator is 0.</param>
/// <param name="Churn">Start-based churn (L − L_new)/S with standard error √(p(1−p)/S) and interval; null when S = 0.</param>
/// <param name="Retention">Start-based retention (S − (L − L_new))/S with its interval; null when S = 0.</param>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public readonly record struct PeriodChurn(
    ChurnPeriodCounts Counts,
    ChurnRateDefinition Definition,
    double? Rate,
    Estimate? Churn,
    Estimate? Retention) : ITabularResult
{
    /// <summary>First day of the period.</summary>
    public DateOnly Start => Counts.Start;

    /// <summary>Last day of the period (inclusive).</summary>
    public DateOnly LastDay => Counts.LastDay;

    /// <summary>False when the data end before the period does.</summary>
    public bool IsComplete => Counts.IsComplete;

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

    /// <summary>The period's counts, rate and start-based churn and retention with intervals as an HTML table (one well-formed <c>&lt;div&gt;</c>, text HTML-escaped, invariant culture) for notebooks and web pages.</summary>
    public string ToHtml() => ((ITabularResult)this).ToTable().ToHtml();

    /// <summary>The period's counts, rate and start-based churn and retention with intervals as a markdown pipe table (cells escaped, invariant culture) to paste into issues, wikis and docs.</summary>
    public string ToMarkdown() => ((ITabularResult)this).ToTable().ToMarkdown();

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
