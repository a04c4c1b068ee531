using System.Reflection;
using System.Text;

namespace TrustMetrics.Cli.Input;

/// <summary>Where survey rows come from: a user's CSV file or the sample embedded in the tool.</summary>
internal sealed class SurveySource
{
    private const string SampleResourcePrefix = "TrustMetrics.Cli.Sample.";

    private readonly Func<TextReader> open;

    private SurveySource(string displayName, Func<TextReader> open)
    {
        DisplayName = displayName;
        this.open = open;
    }

    /// <summary>The name used in messages and reports (the path as given, or "embedded sample").</summary>
    public string DisplayName { get; }

    /// <summary>A CSV file; UTF-8 with or without BOM (a UTF-16 BOM is honoured too).</summary>
    public static SurveySource FromFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{path}: file not found.");
        }

        return new SurveySource(path, () => new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true));
    }

    /// <summary>The sample survey compiled into the tool (see Sample/README.md).</summary>
    public static SurveySource EmbeddedSample() => Embedded("survey.csv", "embedded sample (Hanbit Home Appliances survey)");

    /// <summary>One file of the sample company compiled into the tool (survey, transactions, customers, tickets, reviews).</summary>
    public static SurveySource Embedded(string file, string displayName) => new(displayName, () =>
    {
        string resource = SampleResourcePrefix + file;
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource {resource} is missing from the build.");
        return new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
    });

    /// <summary>Opens a fresh reader over the CSV text.</summary>
    public TextReader Open() => open();
}
