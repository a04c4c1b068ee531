using System.Reflection;
using System.Text;

namespace TrustMetrics.Cli.Input;

/// <summary>
/// Where rows come from: a user's file (CSV or other delimited text, or Parquet by its <c>.parquet</c> extension) or a file
/// of the sample embedded in the tool. A file source captures the run's <see cref="InputSettings"/> and is recorded as an input
/// of the run, so <c>--output</c> can never overwrite it.
/// </summary>
internal sealed class SurveySource
{
    private const string SampleResourcePrefix = "TrustMetrics.Cli.Sample.";

    private readonly Func<Stream> open;

    private SurveySource(string displayName, string? path, InputSettings settings, Func<Stream> open)
    {
        DisplayName = displayName;
        Path = path;
        Settings = settings;
        this.open = open;
    }

    /// <summary>The name used in messages and reports (the path as given, or "embedded sample").</summary>
    public string DisplayName { get; }

    /// <summary>The file's path; null for the embedded sample.</summary>
    public string? Path { get; }

    /// <summary>How to read it (delimiter, header, date layout).</summary>
    public InputSettings Settings { get; }

    /// <summary>True for a Parquet file (by extension).</summary>
    public bool IsParquet => Path is not null && Path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    /// <summary>A file; text is UTF-8 with or without BOM (a UTF-16 BOM is honoured too). A missing or unreadable file is exit code 2.</summary>
    public static SurveySource FromFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new InputException($"{path}: is a folder, not a file.");
        }

        if (!File.Exists(path))
        {
            throw new InputException($"{path}: file not found.");
        }

        var settings = InputSettings.Current;
        settings.AddInput(path);
        return new SurveySource(path, path, settings, () =>
        {
            try
            {
                return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputException($"{path}: cannot be read ({e.Message}).");
            }
        });
    }

    /// <summary>The sample survey compiled into the tool (see Sample/README.md).</summary>
    public static SurveySource EmbeddedSample() => Embedded("survey.csv", "embedded sample (Hanbit Home Appliances survey)");

    /// <summary>One file of the sample company compiled into the tool (survey, transactions, customers, tickets, reviews).</summary>
    public static SurveySource Embedded(string file, string displayName) => new(displayName, null, InputSettings.Default, () =>
    {
        string resource = SampleResourcePrefix + file;
        return Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource {resource} is missing from the build.");
    });

    /// <summary>Opens the raw bytes.</summary>
    public Stream OpenStream() => open();

    /// <summary>Opens a fresh reader over the text.</summary>
    public TextReader Open() => new StreamReader(open(), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
}
