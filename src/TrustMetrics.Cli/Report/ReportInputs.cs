using TrustMetrics.Cli.Input;

namespace TrustMetrics.Cli.Report;

/// <summary>
/// The report's data: with no file option at all, every input is the embedded sample company; as soon as one file is given,
/// only the given files are read (a report on your survey never mixes in the sample's customers).
/// </summary>
internal sealed class ReportInputs
{
    public const string Survey = "survey";
    public const string Transactions = "transactions";
    public const string Customers = "customers";
    public const string Tickets = "tickets";
    public const string Reviews = "reviews";

    /// <summary>Every input name, in the order the options and the report list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [Survey, Transactions, Customers, Tickets, Reviews];

    private readonly Dictionary<string, SurveySource> sources;

    private ReportInputs(Dictionary<string, SurveySource> sources, bool isSample)
    {
        this.sources = sources;
        IsSample = isSample;
    }

    /// <summary>True when the report runs on the embedded sample company.</summary>
    public bool IsSample { get; }

    /// <summary>Files by input name (null or missing = not given).</summary>
    public static ReportInputs From(IReadOnlyDictionary<string, string?> files)
    {
        var given = files.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => SurveySource.FromFile(f.Value!), StringComparer.Ordinal);
        if (given.Count > 0)
        {
            return new ReportInputs(given, isSample: false);
        }

        return new ReportInputs(Names.ToDictionary(name => name, name => SurveySource.Embedded(name + ".csv",
            name == Survey ? "embedded sample (Hanbit Home Appliances survey)" : $"embedded sample (Hanbit Home Appliances {name})"), StringComparer.Ordinal), isSample: true);
    }

    public SurveySource? this[string name] => sources.GetValueOrDefault(name);

    public bool Has(string name) => sources.ContainsKey(name);
}
