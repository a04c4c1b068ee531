using System.Runtime.InteropServices;

namespace TrustMetrics.Cli.Input;

/// <summary>Per-group tallies keyed by the group cell's text, listed in ordinal order; a blank cell is the group "(blank)".</summary>
internal sealed class GroupedTallies<TTally>(Func<TTally> empty)
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
                slot = empty();
            }

            return ref slot!;
        }
    }

    public IEnumerable<KeyValuePair<string, TTally>> Ordered() => groups.OrderBy(pair => pair.Key, StringComparer.Ordinal);
}
