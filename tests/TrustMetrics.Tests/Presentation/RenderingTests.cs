using System.Globalization;
using System.Reflection;
using System.Xml.Linq;
using TrustMetrics.Presentation;

namespace TrustMetrics.Tests.Presentation;

/// <summary>
/// ToString/ToHtml/ToMarkdown of every rendered result: HTML is well-formed (parses as XML) with one table, markdown is a pipe
/// table whose rows all have the header's cell count, and nothing changes with the current culture.
/// </summary>
public class RenderingTests
{
    public static TheoryData<string> Results => RenderedResults.Names();

    [Theory]
    [MemberData(nameof(Results))]
    public void Html_is_one_well_formed_element_with_a_captioned_table(string name)
    {
        string html = Html(RenderedResults.Get(name));

        var root = XElement.Parse(html); // throws on anything that is not well-formed XML
        Assert.Equal("div", root.Name.LocalName);
        var table = Assert.Single(root.Elements("table"));
        Assert.False(string.IsNullOrWhiteSpace((string?)table.Element("caption")));
        int columns = table.Element("thead")!.Element("tr")!.Elements("th").Count();
        Assert.True(columns >= 2, name);
        var rows = table.Element("tbody")!.Elements("tr").ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Equal(columns, row.Elements("td").Count()));
    }

    [Theory]
    [MemberData(nameof(Results))]
    public void Markdown_is_a_pipe_table_with_a_caption_header_and_separator(string name)
    {
        string markdown = Markdown(RenderedResults.Get(name));
        var lines = markdown.Split('\n');

        Assert.StartsWith("**", lines[0], StringComparison.Ordinal);
        Assert.Equal("", lines[1]);
        var tableLines = lines.Skip(2).TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.True(tableLines.Count >= 3, markdown);
        int cells = CellCount(tableLines[0]);
        Assert.Matches(@"^\|---\|(---:\|)+$", tableLines[1]);
        Assert.All(tableLines, line => Assert.Equal(cells, CellCount(line)));
        Assert.DoesNotContain('\r', markdown);
    }

    [Theory]
    [MemberData(nameof(Results))]
    public void Text_html_and_markdown_do_not_depend_on_the_current_culture(string name)
    {
        // Guard: the cultures must really differ from the invariant one here (ICU present), or this test proves nothing.
        Assert.Equal(",", CultureInfo.GetCultureInfo("de-DE").NumberFormat.NumberDecimalSeparator);
        var result = RenderedResults.Get(name);
        var invariant = TestCulture.Run(CultureInfo.InvariantCulture, () => (result.ToString(), Html(result), Markdown(result)));
        foreach (string culture in new[] { "de-DE", "ko-KR", "ar-SA", "fr-FR" })
        {
            var local = TestCulture.Run(CultureInfo.GetCultureInfo(culture), () => (result.ToString(), Html(result), Markdown(result)));
            Assert.Equal(invariant, local);
        }
    }

    [Theory]
    [MemberData(nameof(Results))]
    public void To_string_is_a_readable_line_not_the_record_default(string name)
    {
        string text = RenderedResults.Get(name).ToString()!;
        Assert.DoesNotContain(" { ", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text);
    }

    [Fact]
    public void Estimate_reads_as_value_standard_error_and_interval()
    {
        var estimate = new TrustMetrics.Estimation.Estimate(23.4, 2.7, new TrustMetrics.Estimation.ConfidenceInterval(18.1, 28.6, 0.95, "score"));
        Assert.Equal("23.4 (SE 2.7, 95% CI 18.1 to 28.6, score)", estimate.ToString());
    }

    [Fact]
    public void Nps_markdown_is_the_documented_table()
    {
        var nps = new TrustMetrics.Nps.NpsCalculator().Calculate(new TrustMetrics.Nps.NpsTally(200, 304, 700));
        Assert.Equal(
            "**Net Promoter Score**\n\n" +
            "| NPS | SE | 95% CI | n | promoters | passives | detractors |\n" +
            "|---|---:|---:|---:|---:|---:|---:|\n" +
            "| 41.5 | 2.2 | 37.1 to 45.7 | 1,204 | 700 (58.1%) | 304 (25.2%) | 200 (16.6%) |\n" +
            "\nInterval method: score. NPS = % promoters (9–10) − % detractors (0–6), in points.\n",
            TrustMetrics.Presentation.ResultFormatter.ToMarkdown(nps));
    }

    [Fact]
    public void Long_step_tables_are_shortened_and_say_so()
    {
        double[] durations = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        bool[] events = durations.Select(d => d % 3 != 0).ToArray();
        var km = new TrustMetrics.Survival.SurvivalAnalyzer().KaplanMeier(durations, events);
        Assert.Equal(100, km.Table.Count);
        var root = XElement.Parse(TrustMetrics.Presentation.ResultFormatter.ToHtml(km));
        Assert.Equal(40, root.Element("table")!.Element("tbody")!.Elements("tr").Count());
        Assert.Contains("Showing the first 40 of 100 rows; all rows are in Table.", TrustMetrics.Presentation.ResultFormatter.ToMarkdown(km), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_public_type_with_to_html_also_renders_in_notebooks_and_markdown()
    {
        // Every rendered result implements the internal ITabularResult (ResultFormatter renders it); some still have ToHtml members.
        var types = typeof(TrustMetrics.Nps.NpsResult).Assembly.GetExportedTypes()
            .Where(t => typeof(ITabularResult).IsAssignableFrom(t) || t.GetMethod("ToHtml", Type.EmptyTypes) is not null)
            .ToList();
        Assert.True(types.Count >= 15, $"only {types.Count} types render as tables");
        foreach (var type in types)
        {
            Assert.True(typeof(ITabularResult).IsAssignableFrom(type), $"{type.Name} has ToHtml() but is not an ITabularResult");
            Assert.Contains(type.GetCustomAttributes(false), a => a.GetType().Name == "TypeFormatterSourceAttribute");
        }

        var rendered = RenderedResults.Each.Select(r => r.GetType().IsGenericType ? r.GetType().GetGenericTypeDefinition() : r.GetType()).ToHashSet();
        var missing = types.Where(t => !rendered.Contains(t)).Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0, "Add these to RenderedResults so their rendering is tested: " + string.Join(", ", missing));
    }

    internal static string Html(object result) => TrustMetrics.Presentation.ResultFormatter.ToHtml(result);

    internal static string Markdown(object result) => TrustMetrics.Presentation.ResultFormatter.ToMarkdown(result);

    private static int CellCount(string line)
    {
        int count = 0;
        for (int i = 1; i < line.Length; i++)
        {
            if (line[i] == '|' && line[i - 1] != '\\')
            {
                count++;
            }
        }

        return count;
    }
}
