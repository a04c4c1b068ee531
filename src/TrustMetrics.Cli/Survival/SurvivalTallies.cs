using System.Runtime.InteropServices;
using TrustMetrics.Survival;

namespace TrustMetrics.Cli.Survival;

/// <summary>
/// The survival reader's accumulator: rows stream in, per group, and leave as the core's tallies. Rows are buffered as packed
/// columns (duration 8 bytes, flag 1 byte; entry time and cause only when asked) and every <see cref="ChunkRows"/> rows (by default) in all
/// the buffer is reduced to one <see cref="SurvivalTally"/> (and <see cref="CompetingRisksTally"/>) per group and added to the
/// running ones (tallies of parts add up exactly to the tally of the whole). Memory is therefore bounded by the chunk plus the
/// distinct times, whatever the number of rows. The whole-sample tally is the sum of the group tallies.
/// </summary>
internal sealed class SurvivalTallies(bool delayedEntry, bool causes, int chunkRows = SurvivalTallies.ChunkRows)
{
    /// <summary>Rows buffered (over all groups) before they are reduced to tallies: 2²⁰ rows ≈ 9 MB (17 MB with entry times).</summary>
    internal const int ChunkRows = 1 << 20;

    private readonly Dictionary<string, Group> groups = new(StringComparer.Ordinal);
    private int buffered;
    private string lastKey = string.Empty;
    private Group? last;

    /// <summary>Number of rows added.</summary>
    public long Count { get; private set; }

    /// <summary>Number of distinct groups seen.</summary>
    public int GroupCount => groups.Count;

    /// <summary>Adds one subject of <paramref name="group"/> (no string is allocated for a group already seen); true when the group is new.</summary>
    public bool Add(ReadOnlySpan<char> group, double start, double duration, bool churned, string? cause)
    {
        bool isNew = false;
        if (last is null || !group.SequenceEqual(lastKey))
        {
            var lookup = groups.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(group, out string? key, out var found))
            {
                key = group.ToString();
                found = new Group();
                groups.Add(key, found);
                isNew = true;
            }

            (lastKey, last) = (key, found);
        }

        last!.Add(delayedEntry ? start : 0, duration, churned, causes ? cause : null, delayedEntry, causes);
        Count++;
        if (++buffered >= chunkRows)
        {
            Reduce();
        }

        return isNew;
    }

    /// <summary>The tallies per group, ordered by group (ordinal).</summary>
    public List<KeyValuePair<string, SurvivalTally>> Tallies()
    {
        Reduce();
        return [.. groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key, g.Value.Tally))];
    }

    /// <summary>The competing-risks tallies per group (with causes), ordered by group (ordinal).</summary>
    public List<KeyValuePair<string, CompetingRisksTally>> RiskTallies()
    {
        Reduce();
        return [.. groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key, g.Value.Risks))];
    }

    private void Reduce()
    {
        foreach (var group in groups.Values)
        {
            group.Reduce(delayedEntry, causes);
        }

        buffered = 0;
    }

    private sealed class Group
    {
        private readonly List<double> starts = [];
        private readonly List<double> durations = [];
        private readonly List<byte> flags = [];
        private readonly List<string?> causes = [];

        public SurvivalTally Tally { get; private set; } = SurvivalTally.Empty;

        public CompetingRisksTally Risks { get; private set; } = CompetingRisksTally.Empty;

        public void Add(double start, double duration, bool churned, string? cause, bool withStart, bool withCause)
        {
            if (withStart)
            {
                starts.Add(start);
            }

            durations.Add(duration);
            flags.Add(churned ? (byte)1 : (byte)0);
            if (withCause)
            {
                causes.Add(cause);
            }
        }

        public void Reduce(bool withStart, bool withCause)
        {
            if (durations.Count == 0)
            {
                return;
            }

            var stops = CollectionsMarshal.AsSpan(durations);
            var part = withStart
                ? SurvivalTally.FromStartStop(CollectionsMarshal.AsSpan(starts), stops, CollectionsMarshal.AsSpan(flags))
                : SurvivalTally.FromDurations(stops, CollectionsMarshal.AsSpan(flags));
            Tally += part;
            if (withCause)
            {
                var rows = new (double, string?)[durations.Count];
                for (int i = 0; i < rows.Length; i++)
                {
                    rows[i] = (durations[i], causes[i]);
                }

                Risks += CompetingRisksTally.FromRows(rows);
            }

            starts.Clear();
            durations.Clear();
            flags.Clear();
            causes.Clear();
        }
    }
}
