namespace TrustMetrics.Cli;

/// <summary>
/// Command-line choices for an enum whose names the core owns (the names it writes into its results, e.g. an interval's
/// <c>method</c>): the option accepts exactly those names, case-insensitively, so the CLI never spells a method differently from
/// the JSON it prints. Enums that only the command line names (a churn period, a trust weighting) keep their own tables.
/// </summary>
internal static class CoreNames
{
    /// <summary>Every value of <typeparamref name="T"/> under the core's name for it, in declaration order.</summary>
    public static Dictionary<string, T> Map<T>(Func<T, string> name)
        where T : struct, Enum
    {
        var map = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in Enum.GetValues<T>())
        {
            map.Add(name(value), value);
        }

        return map;
    }
}
