using System.Globalization;
using System.Runtime.InteropServices;

namespace TrustMetrics.Cli.Input;

/// <summary>Per-group tallies keyed by the group cell's text, listed in ordinal order; a blank cell is the group "(blank)".</summary>
/// <param name="empty">A fresh tally.</param>
/// <param name="limit">When given, more distinct groups than <c>--max-groups</c> stop the command (exit code 2).</param>
internal sealed class GroupedTallies<TTally>(Func<TTally> empty, GroupLimit? limit = null)
{
    public const string BlankGroup = "(blank)";

    private readonly Dictionary<string, TTally> groups = new(StringComparer.Ordinal);

    public ref TTally this[string group]
    {
        get
        {
            ref TTally? slot = ref CollectionsMarshal.GetValueRefOrAddDefault(groups, group.Length == 0 ? BlankGroup : group, out bool exists);
            if (!exists)
            {
                limit?.Check(groups.Count, group);
                slot = empty();
            }

            return ref slot!;
        }
    }

    public IEnumerable<KeyValuePair<string, TTally>> Ordered() => groups.OrderBy(pair => pair.Key, StringComparer.Ordinal);
}

/// <summary>
/// The cap on distinct groups of a <c>--group</c> column (<c>--max-groups</c>, default 1,000): a column with more groups is
/// usually an id, and a table of 200,000 one-row groups helps no one and costs gigabytes. The first group past the cap stops the
/// command with file, line, column and value.
/// </summary>
internal sealed class GroupLimit(CsvTable table, string column)
{
    /// <summary>The default cap.</summary>
    public const int Default = 1000;

    private HashSet<string>? seen;

    /// <summary>Throws when <paramref name="count"/> (the number of distinct groups including <paramref name="group"/>) exceeds the cap.</summary>
    public void Check(int count, string group)
    {
        int max = table.Source.Settings.MaxGroups;
        if (count > max)
        {
            throw InputException.AtCell(table.Source.DisplayName, table.Line, column, group,
                $"is group number {count.ToString("N0", CultureInfo.InvariantCulture)}: more than {max.ToString("N0", CultureInfo.InvariantCulture)} groups (is '{column}' an id column?); give --max-groups N to allow more.");
        }
    }

    /// <summary>Counts <paramref name="group"/> for commands that collect rows rather than tallies.</summary>
    public void See(string group)
    {
        seen ??= new HashSet<string>(StringComparer.Ordinal);
        if (seen.Add(group))
        {
            Check(seen.Count, group);
        }
    }
}
