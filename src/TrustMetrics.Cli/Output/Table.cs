namespace TrustMetrics.Cli.Output;

/// <summary>A titled table of preformatted cells: the one model the text and Markdown renderers share.</summary>
internal sealed record Table(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<string> Notes)
{
    /// <summary>Numbers right-aligned: every column but the first.</summary>
    public bool IsNumeric(int column) => column > 0;
}

/// <summary>A document: a heading, lines of summary and tables, rendered as text or Markdown.</summary>
internal sealed record Document(string Heading, IReadOnlyList<string> Summary, IReadOnlyList<Table> Tables);
