using System.CommandLine;

namespace TrustMetrics.Cli.Input;

/// <summary>How fields are separated in a text input file.</summary>
internal enum Delimiter
{
    /// <summary>Detected from the first lines: comma, semicolon, tab or pipe (Sylvan.Data.Csv), else runs of whitespace.</summary>
    Auto,

    /// <summary>Comma-separated values.</summary>
    Comma,

    /// <summary>Semicolon-separated values (spreadsheets saved in locales with a decimal comma).</summary>
    Semicolon,

    /// <summary>Tab-separated values.</summary>
    Tab,

    /// <summary>Fields separated by runs of spaces or tabs, leading and trailing whitespace ignored, no quoting (CDNOW's .txt files).</summary>
    Whitespace,
}

/// <summary>
/// The reading options every command shares (<c>--delimiter</c>, <c>--no-header</c>, <c>--columns</c>, <c>--date-format</c>):
/// recursive options of the root command, set once per run in <see cref="Current"/> and captured by every
/// <see cref="SurveySource.FromFile"/> of that run. The run also records which files it read, so an <c>--output</c> that names one
/// of them is refused (<see cref="IsInput"/>).
/// </summary>
internal sealed class InputSettings
{
    private static readonly AsyncLocal<InputSettings?> Ambient = new();

    private readonly HashSet<string> inputs = new(StringComparer.Ordinal);

    public InputSettings(Delimiter delimiter = Delimiter.Auto, IReadOnlyList<string>? columns = null, string? dateFormat = null, int maxGroups = GroupLimit.Default)
    {
        MaxGroups = maxGroups;
        Delimiter = delimiter;
        Columns = columns;
        DateFormat = dateFormat;
    }

    /// <summary>The defaults: delimiter detected, a header row, ISO 8601 dates only.</summary>
    public static InputSettings Default { get; } = new();

    /// <summary>The settings of the running command (the defaults outside a run, e.g. for the embedded sample).</summary>
    public static InputSettings Current => Ambient.Value ?? Default;

    public Delimiter Delimiter { get; }

    /// <summary>Column names of a file without a header row (<c>--no-header --columns a,b,c</c>); null = the file has a header row.</summary>
    public IReadOnlyList<string>? Columns { get; }

    /// <summary>A .NET date format (<c>--date-format dd/MM/yyyy</c>) accepted besides ISO 8601; null = ISO 8601 only.</summary>
    public string? DateFormat { get; }

    /// <summary>The most distinct groups a <c>--group</c> column may have (<c>--max-groups</c>).</summary>
    public int MaxGroups { get; }

    /// <summary>Makes these the settings of the code run until the returned scope is disposed.</summary>
    public IDisposable Use()
    {
        var previous = Ambient.Value;
        Ambient.Value = this;
        return new Scope(() => Ambient.Value = previous);
    }

    /// <summary>Records a file read in this run.</summary>
    public void AddInput(string path)
    {
        lock (inputs)
        {
            inputs.Add(Normalize(path));
        }
    }

    /// <summary>True when <paramref name="path"/> is a file read in this run (same full path, symbolic links resolved).</summary>
    public bool IsInput(string path)
    {
        lock (inputs)
        {
            return inputs.Contains(Normalize(path));
        }
    }

    private static string Normalize(string path)
    {
        string full = Path.GetFullPath(path);
        try
        {
            var target = new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true);
            return target?.FullName ?? full;
        }
        catch (IOException)
        {
            return full;
        }
    }

    private sealed class Scope(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }

    /// <summary>The four options, added to the root command as recursive options so every command accepts them.</summary>
    internal sealed class Options
    {
        public Option<string> Delimiter { get; } = new("--delimiter")
        {
            Description = "Field separator of text input: auto (default: comma, semicolon, tab or pipe from the first line, else runs of whitespace), comma, semicolon, tab or whitespace.",
            DefaultValueFactory = _ => "auto",
            Recursive = true,
        };

        public Option<bool> NoHeader { get; } = new("--no-header")
        {
            Description = "The input has no header row; name its columns with --columns.",
            Recursive = true,
        };

        public Option<string?> Columns { get; } = new("--columns")
        {
            Description = "Comma-separated column names of an input without a header row (with --no-header), e.g. id,sample,date,cds,amount.",
            Recursive = true,
        };

        public Option<string?> DateFormat { get; } = new("--date-format")
        {
            Description = "A .NET date layout accepted besides ISO 8601 (e.g. dd/MM/yyyy or MM/dd/yyyy); without it only yyyy-MM-dd, yyyyMMdd and ISO date-times are read.",
            Recursive = true,
        };

        public Option<int> MaxGroups { get; } = new("--max-groups")
        {
            Description = "Most distinct groups a --group column may have (default 1000; a column with more is usually an id).",
            DefaultValueFactory = _ => GroupLimit.Default,
            Recursive = true,
        };

        public Options()
        {
            MaxGroups.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 1)
                {
                    result.AddError("--max-groups must be ≥ 1.");
                }
            });
            Delimiter.AcceptOnlyFromAmong("auto", "comma", "semicolon", "tab", "whitespace");
        }

        public void AddTo(Command root)
        {
            root.Add(Delimiter);
            root.Add(NoHeader);
            root.Add(Columns);
            root.Add(DateFormat);
            root.Add(MaxGroups);
        }

        /// <summary>The settings, or an error message for an invalid combination (exit code 1).</summary>
        public (InputSettings? Settings, string? Error) Get(ParseResult parse)
        {
            var delimiter = parse.GetValue(Delimiter) switch
            {
                "comma" => Input.Delimiter.Comma,
                "semicolon" => Input.Delimiter.Semicolon,
                "tab" => Input.Delimiter.Tab,
                "whitespace" => Input.Delimiter.Whitespace,
                _ => Input.Delimiter.Auto,
            };
            bool noHeader = parse.GetValue(NoHeader);
            string? columnText = parse.GetValue(Columns);
            if (noHeader != columnText is not null)
            {
                return (null, noHeader
                    ? "--no-header needs --columns naming the file's columns in order (e.g. --columns id,sample,date,cds,amount)."
                    : "--columns names the columns of a file without a header row: add --no-header.");
            }

            string[]? columns = columnText?.Split(',', StringSplitOptions.TrimEntries);
            if (columns is not null && (columns.Any(c => c.Length == 0) || columns.Distinct(StringComparer.OrdinalIgnoreCase).Count() != columns.Length))
            {
                return (null, $"--columns '{columnText}': every column needs a name, and names must differ.");
            }

            string? format = parse.GetValue(DateFormat);
            if (format is not null)
            {
                try
                {
                    _ = new DateTime(2026, 12, 31).ToString(format, System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (FormatException)
                {
                    return (null, $"--date-format '{format}' is not a .NET date layout (e.g. dd/MM/yyyy).");
                }
            }

            return (new InputSettings(delimiter, columns, format, parse.GetValue(MaxGroups)), null);
        }
    }
}
