
namespace TrustMetrics.Cli.Report;

/// <summary>What every section builder gets: the inputs, the survey options, the labels and the progress reporter.</summary>
internal sealed record ReportContext(ReportInputs Inputs, ReportCommand.Settings Settings, ReportLabels Labels, IReportProgress Progress)
{
    private readonly Dictionary<string, object> shared = new(StringComparer.Ordinal);
    private readonly List<ReportNote> notes = [];

    /// <summary>Sections skipped and parts left out, with the reason, in the order they happened.</summary>
    public IReadOnlyList<ReportNote> Notes => notes;

    /// <summary>Records why a section (or a part of one) was left out; the note is shown under the inputs and in report.json.</summary>
    public void Skip(string section, string title, string reason) => notes.Add(new ReportNote(section, title, reason));

    public double Confidence => Settings.Confidence;

    public string Level => Output.Formatting.Level(Settings.Confidence);

    /// <summary>A value computed once per report and shared by sections (customers.csv feeds both churn and survival).</summary>
    public T Shared<T>(string key, Func<T> create)
        where T : class
    {
        if (!shared.TryGetValue(key, out var value))
        {
            value = create();
            shared[key] = value;
        }

        return (T)value;
    }
}
