namespace TrustMetrics.Cli.Output;

/// <summary>How a command prints its result.</summary>
internal enum OutputFormat
{
    /// <summary>Tables for a person at a terminal.</summary>
    Text,

    /// <summary>One JSON object, for scripts (field names are a public contract).</summary>
    Json,

    /// <summary>Markdown tables, for pasting into reports and notebooks.</summary>
    Markdown,
}
