using System.Globalization;
using TrustMetrics.Survival;

namespace TrustMetrics.Tests.Survival;

/// <summary>One subject of a reference data set: group, duration and event flag.</summary>
internal readonly record struct Subject(string Group, double Duration, bool Event);

/// <summary>Loads the lifelines data sets copied to Data/ (origin and licence in Data/README.md).</summary>
internal static class SurvivalData
{
    private static readonly Lazy<Subject[]> WaltonsRows = new(() => Read("waltons_dataset.csv", f => new Subject(f[2], Number(f[0]), f[1] == "1")));

    private static readonly Lazy<Subject[]> G3Rows = new(() => Read("g3.csv", f => new Subject(f[4], Number(f[6]), f[5] == "True")));

    private static readonly Lazy<Subject[]> LymphomaRows = new(() => Read("lymphoma.csv", f => new Subject(f[0], Number(f[1]), f[2] == "1")));

    // dd.csv: quoted name fields may hold commas, the last four fields (regime, start_year, duration, observed) never do.
    private static readonly Lazy<Subject[]> RegimeRows = new(() => Read("dd.csv", f => new Subject(f[^4], Number(f[^2]), f[^1] == "1")));

    /// <summary>waltons_dataset.csv: 163 flies, groups "miR-137" and "control".</summary>
    public static Subject[] Waltons => WaltonsRows.Value;

    /// <summary>g3.csv: 17 patients, groups "RIT" and "Control".</summary>
    public static Subject[] G3 => G3Rows.Value;

    /// <summary>lymphoma.csv: 80 patients, Stage_group "1" and "2".</summary>
    public static Subject[] Lymphoma => LymphomaRows.Value;

    /// <summary>dd.csv: 1,808 regimes, six regime types.</summary>
    public static Subject[] Regimes => RegimeRows.Value;

    /// <summary>The tally of the subjects of one group (all subjects when <paramref name="group"/> is null).</summary>
    public static SurvivalTally Tally(IEnumerable<Subject> subjects, string? group = null) =>
        SurvivalTally.FromDurations(subjects.Where(s => group is null || s.Group == group).Select(s => (s.Duration, s.Event)));

    private static Subject[] Read(string file, Func<string[], Subject> parse)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", file);
        return File.ReadLines(path).Skip(1).Where(line => line.Length > 0).Select(line => parse(line.Split(','))).ToArray();
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
