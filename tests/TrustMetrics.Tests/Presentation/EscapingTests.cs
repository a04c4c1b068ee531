using System.Xml.Linq;
using TrustMetrics.Presentation;
using TrustMetrics.Survival;

namespace TrustMetrics.Tests.Presentation;

/// <summary>Text that reaches a table (captions, group keys, messages) is escaped in HTML and markdown.</summary>
public class EscapingTests
{
    private const string Nasty = "<script>alert('x & \"y\"')</script> | *bold* _it_ `code` [link] #1\r\nnext";

    [Fact]
    public void Html_escapes_markup_characters_and_round_trips_through_an_xml_parser()
    {
        var table = new ResultTable(Nasty, "key", Nasty).Row(Nasty, "1").Note(Nasty);

        string html = table.ToHtml();

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x &amp; &quot;y&quot;&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
        var root = XElement.Parse(html);
        Assert.Equal(Nasty.Replace("\r\n", "\n", StringComparison.Ordinal), root.Element("table")!.Element("caption")!.Value);
        Assert.Equal(Nasty.Replace("\r\n", "\n", StringComparison.Ordinal), root.Element("p")!.Value);
    }

    [Fact]
    public void Markdown_escapes_pipes_and_formatting_and_keeps_each_row_on_one_line()
    {
        var table = new ResultTable("caption", "key", "value").Row(Nasty, "1");

        string markdown = table.ToMarkdown();
        var row = markdown.Split('\n')[4];

        Assert.StartsWith("| \\<script\\>alert('x & \"y\"')\\</script\\> \\| \\*bold\\* \\_it\\_ \\`code\\` \\[link\\] \\#1 next | 1 |", row, StringComparison.Ordinal);
        Assert.Equal(6, markdown.Split('\n').Length); // caption, blank, header, separator, row, trailing ""
    }

    [Fact]
    public void A_group_key_with_markup_is_escaped_in_a_real_result()
    {
        var subjects = new[] { ("<b>A|B</b>", 1.0, true), ("<b>A|B</b>", 3.0, false), ("plain", 2.0, true), ("plain", 4.0, true) };
        var comparison = new SurvivalAnalyzer().KaplanMeierByGroup(subjects);

        var root = XElement.Parse(TrustMetrics.Presentation.ResultFormatter.ToHtml(comparison));
        Assert.Contains(root.Descendants("td"), td => td.Value == "<b>A|B</b>");
        Assert.Contains("| \\<b\\>A\\|B\\</b\\> |", TrustMetrics.Presentation.ResultFormatter.ToMarkdown(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_must_match_the_header()
    {
        var table = new ResultTable("caption", "a", "b");
        Assert.Throws<InvalidOperationException>(() => table.Row("only one"));
    }
}
