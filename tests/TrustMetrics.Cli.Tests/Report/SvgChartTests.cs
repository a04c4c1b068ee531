using System.Globalization;
using System.Xml.Linq;
using TrustMetrics.Cli.Report.Svg;

namespace TrustMetrics.Cli.Tests.Report;

public sealed class SvgChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Every chart must parse as XML, declare the SVG namespace and contain no NaN or infinity.</summary>
    private static XDocument Parse(string svg)
    {
        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("∞", svg, StringComparison.Ordinal);
        var document = XDocument.Parse(svg);
        Assert.Equal(Svg + "svg", document.Root!.Name);
        return document;
    }

    private static double Attr(XElement element, string name) => double.Parse(element.Attribute(name)!.Value, CultureInfo.InvariantCulture);

    [Fact]
    public void Linear_scale_maps_the_domain_ends_and_midpoint_onto_the_range()
    {
        var scale = new LinearScale(10, 30, 300, 100); // a y axis: larger values higher up
        Assert.Equal(300, scale.Map(10), 12);
        Assert.Equal(100, scale.Map(30), 12);
        Assert.Equal(200, scale.Map(20), 12);
        Assert.Equal(100, scale.MapClamped(99), 12);
        Assert.Equal(300, scale.MapClamped(-5), 12);
    }

    [Fact]
    public void Zero_width_domain_is_widened_instead_of_dividing_by_zero()
    {
        var scale = new LinearScale(5, 5, 0, 100);
        Assert.Equal(50, scale.Map(5), 12);
    }

    [Theory]
    [InlineData(0.0, 1.0, 0.0, 1.0)]
    [InlineData(-28.3, 41.7, -40.0, 60.0)]
    [InlineData(3.0, 3.0, 2.6, 3.4)]
    public void Nice_ticks_cover_the_data_with_round_steps(double min, double max, double expectedLow, double expectedHigh)
    {
        var (scale, ticks) = LinearScale.Nice(min, max, 0, 100);
        Assert.Equal(expectedLow, scale.DomainMin, 9);
        Assert.Equal(expectedHigh, scale.DomainMax, 9);
        Assert.Equal(expectedLow, ticks[0], 9);
        Assert.Equal(expectedHigh, ticks[^1], 9);
        double step = ticks[1] - ticks[0];
        Assert.All(ticks.Zip(ticks.Skip(1)), pair => Assert.Equal(step, pair.Second - pair.First, 9));
    }

    [Theory]
    [InlineData(0.7, 1.0)]
    [InlineData(1.3, 2.0)]
    [InlineData(3.0, 5.0)]
    [InlineData(7.0, 10.0)]
    [InlineData(0.023, 0.05)]
    public void Nice_steps_are_one_two_or_five_times_a_power_of_ten(double rough, double expected) =>
        Assert.Equal(expected, LinearScale.NiceStep(rough), 12);

    [Fact]
    public void Writer_escapes_text_and_refuses_non_finite_coordinates()
    {
        var writer = new SvgWriter(100, 50, "a <b> & \"c\"");
        writer.Text(1, 2, "x < y & z > 'w'");
        var document = Parse(writer.ToString());
        Assert.Equal("a <b> & \"c\"", document.Root!.Element(Svg + "title")!.Value);
        Assert.Equal("x < y & z > 'w'", document.Root.Element(Svg + "text")!.Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Line(double.NaN, 0, 1, 1, "#000"));
        Assert.Equal("0", SvgWriter.Number(-0.001));
        Assert.Equal("12.35", SvgWriter.Number(12.3456));
    }

    [Fact]
    public void Bar_heights_are_proportional_to_the_values()
    {
        string svg = BarChart.Render("Bars", ["a", "b", "c"], [new BarSeries("s", [10, 20, 40])], "y", yMin: 0, yMax: 40);
        var bars = Parse(svg).Descendants(Svg + "rect").Where(r => r.Element(Svg + "title") is not null).ToList();
        Assert.Equal(3, bars.Count);
        double unit = Attr(bars[0], "height") / 10;
        Assert.Equal(20 * unit, Attr(bars[1], "height"), 1);
        Assert.Equal(40 * unit, Attr(bars[2], "height"), 1);
        // All bars stand on the same baseline.
        Assert.All(bars, b => Assert.Equal(Attr(bars[0], "y") + Attr(bars[0], "height"), Attr(b, "y") + Attr(b, "height"), 1));
    }

    [Fact]
    public void Bar_chart_skips_missing_values_and_draws_whiskers()
    {
        string svg = BarChart.Render("Top box by <group>", ["x", "y"], [new BarSeries("CSAT", [70, double.NaN], [60, double.NaN], [80, double.NaN])], "%", "group", 0, 100);
        var document = Parse(svg);
        Assert.Single(document.Descendants(Svg + "rect"), r => r.Element(Svg + "title") is not null);
        Assert.Contains(document.Descendants(Svg + "text"), t => t.Value == "Top box by <group>");
    }

    [Fact]
    public void Line_chart_breaks_at_missing_points_and_shades_bands()
    {
        string svg = LineChart.Render("NPS", ["2026-01", "2026-02", "2026-03", "2026-04"],
            [new LineSeries("All", [10, 12, double.NaN, 15], [5, 7, double.NaN, 9], [15, 17, double.NaN, 21])], "NPS");
        var document = Parse(svg);
        Assert.Equal(2, document.Descendants(Svg + "polyline").Count());
        Assert.Equal(2, document.Descendants(Svg + "polygon").Count());
        Assert.Equal(3, document.Descendants(Svg + "circle").Count());
    }

    [Fact]
    public void Line_chart_points_sit_where_the_scale_puts_them()
    {
        string svg = LineChart.Render("t", ["a", "b"], [new LineSeries("s", [0, 100])], "y", yMin: 0, yMax: 100);
        var circles = Parse(svg).Descendants(Svg + "circle").ToList();
        Assert.Equal(ChartFrame.Bottom, Attr(circles[0], "cy"), 1);
        Assert.Equal(ChartFrame.Top, Attr(circles[1], "cy"), 1);
    }

    [Fact]
    public void Step_path_holds_the_previous_value_until_each_time()
    {
        var x = new LinearScale(0, 10, 0, 100);
        var y = new LinearScale(0, 1, 100, 0);
        var points = StepChart.Steps([2, 5], i => i == 0 ? 0.5 : 0.25, 1.0, x, y, 10);
        Assert.Equal([(0.0, 0.0), (20.0, 0.0), (20.0, 50.0), (50.0, 50.0), (50.0, 75.0), (100.0, 75.0)], points);
    }

    [Fact]
    public void Step_chart_draws_a_curve_and_a_band_per_series_even_with_missing_bounds()
    {
        string svg = StepChart.Render("KM", [new StepSeries("A", [1, 2, 3], [0.8, 0.5, 0.0], [0.6, 0.3, double.NaN], [0.9, 0.7, double.NaN])], "months", "S");
        var document = Parse(svg);
        Assert.Single(document.Descendants(Svg + "polyline"));
        Assert.Single(document.Descendants(Svg + "polygon"));
    }

    [Fact]
    public void Histogram_bins_count_every_finite_value_and_clip_the_tail_into_the_last_bin()
    {
        var bins = Histogram.Bins([0, 0.5, 1, 1.5, 2, 100, double.NaN], 2, 0, 2);
        Assert.Equal(2, bins.Count);
        Assert.Equal(2, bins[0].Count);       // 0, 0.5
        Assert.Equal(4, bins[1].Count);       // 1, 1.5, 2 and the clipped 100
        Assert.Equal(2, bins[1].Upper);
        var document = Parse(Histogram.Render("H", bins, "x", "n"));
        Assert.Equal(2, document.Descendants(Svg + "rect").Count(r => r.Element(Svg + "title") is not null));
    }

    [Fact]
    public void Heatmap_colours_run_from_light_to_dark_and_blank_cells_stay_empty()
    {
        Assert.Equal("#f7fbff", Heatmap.Color(0));
        Assert.Equal("#08306b", Heatmap.Color(1));
        Assert.Equal("#08306b", Heatmap.Color(7));
        string svg = Heatmap.Render("Cohorts", ["2026-01", "2026-02"], ["0", "1"], [[1.0, 0.8], [1.0, null]], "age", "cohort");
        var cells = Parse(svg).Descendants(Svg + "rect").Where(r => r.Element(Svg + "title") is not null).ToList();
        Assert.Equal(3, cells.Count);
    }
}
