using TrustMetrics.TrustIndex;
using TrustMetrics.TrustIndex.Sensitivity;
using Xunit.Abstractions;

namespace TrustMetrics.Tests.TrustIndex.Sensitivity;

/// <summary>Prints the figures quoted in docs/trust-index-sensitivity.md (run with console verbosity detailed).</summary>
public class SobolFigures(ITestOutputHelper output)
{
    [Fact]
    public void Print_figures()
    {
        var calculator = new SobolCalculator();
        SobolFactor[] factors = [SobolFactor.Uniform("x1", -Math.PI, Math.PI), SobolFactor.Uniform("x2", -Math.PI, Math.PI), SobolFactor.Uniform("x3", -Math.PI, Math.PI)];
        var ishigami = calculator.Analyze(factors, x => Math.Sin(x[0]) + (7 * Math.Pow(Math.Sin(x[1]), 2)) + (0.1 * Math.Pow(x[2], 4) * Math.Sin(x[0])),
            1 << 15, 200, seed: 20260501, outputName: "Ishigami");
        Print(ishigami);
        var segmented = calculator.TrustIndex(SobolTests.SegmentedSurvey(20260501), 4096, 500);
        output.WriteLine(string.Join(" | ", segmented.Normalizations) + " / " + string.Join(" | ", segmented.Weightings) + " / " + string.Join(" | ", segmented.MissingAnswerPolicies));
        foreach (var o in segmented.Outputs)
        {
            Print(o);
        }

        var items = new[] { "competence", "reliability", "benevolence", "honesty", "transparency" };
        var data = TrustIndexData.Trust5;
        var trust5 = calculator.TrustIndex(new TrustSurvey(items, TrustIndexData.Columns(data, 0, data.GetLength(1))), 4096, 500,
            new TrustIndexOptions { Scale = new Scales.RatingScale(1, 7), Dimensions = items.Select(i => new TrustDimension(i, [i])).ToArray() });
        output.WriteLine("trust5: " + string.Join(" | ", trust5.Weightings));
        Print(trust5.Outputs[0]);
    }

    private void Print(SobolResult r)
    {
        output.WriteLine($"{r.OutputName}: mean {r.Mean:F3} V {r.Variance:F4}");
        foreach (var i in r.Indices)
        {
            output.WriteLine($"  {i.Factor}: S {i.FirstOrder:F4} (SE {i.FirstOrderStandardError:F4}, {i.FirstOrderInterval?.Lower:F3}..{i.FirstOrderInterval?.Upper:F3})  ST {i.TotalOrder:F4} (SE {i.TotalOrderStandardError:F4}, {i.TotalOrderInterval?.Lower:F3}..{i.TotalOrderInterval?.Upper:F3})");
        }
    }
}
