using System.Globalization;
using TrustMetrics.Estimation;
using TrustMetrics.Statistics;

namespace TrustMetrics.Tests;

/// <summary>
/// The quantiles of the statistics layer against exact values: mpmath 1.3.0 at 40 digits, computed by
/// Data/quantile-references.py and printed to Data/quantile-references.txt (30 significant digits) — the t at confidence
/// 0.9999–0.999999 with 1, 2, 3, 7.5, 30 and 10⁶ degrees of freedom, the normal up to 0.999999 and in the far tail (1e-300),
/// Clopper–Pearson and Jeffreys bounds at 0.99999 and Jeffreys at 95 % with n = 200,000, x = 0, gamma and χ² quantiles.
/// Every value to 1e-12 relative.
/// </summary>
public class DistributionQuantileTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string, string> References()
    {
        var data = new TheoryData<string, string>();
        foreach (string line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "quantile-references.txt")))
        {
            if (line.StartsWith('#') || !line.Contains(" = ", StringComparison.Ordinal))
            {
                continue;
            }

            int split = line.LastIndexOf(" = ", StringComparison.Ordinal);
            data.Add(line[..split], line[(split + 3)..]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(References))]
    public void Quantile_matches_mpmath(string name, string reference)
    {
        double expected = double.Parse(reference, CultureInfo.InvariantCulture);
        Approx.Relative(expected, Compute(name), Tolerance, name + " (mpmath, Data/quantile-references.txt)");
    }

    [Fact]
    public void Reference_file_covers_every_case_of_the_issue()
    {
        var names = References().Select(row => (string)row[0]).ToList();
        Assert.Equal(85, names.Count);
        Assert.Contains("t level=0.9999 df=1", names);
        Assert.Contains("t level=0.99999 df=7.5", names);
        Assert.Contains("jeffreys level=0.95 x=0 n=200000 upper", names);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(1.5)]
    [InlineData(1e6)]
    public void T_quantile_never_throws_and_is_monotone_up_to_the_far_tail(double degreesOfFreedom)
    {
        // MathNet's StudentT.InvCDF throws NonConvergenceException at df = 1, p ≥ 0.99995 (issue 12); the layer never throws.
        double previous = 0;
        foreach (double level in new[] { 0.5, 0.9, 0.99, 0.9999, 0.99995, 0.99999, 0.999999, 0.9999999999 })
        {
            double t = CriticalValues.TwoSidedT(level, degreesOfFreedom);
            Assert.True(double.IsFinite(t) && t > previous, $"df {degreesOfFreedom}, level {level}: {t}");
            previous = t;
        }
    }

    [Fact]
    public void T_and_normal_cdf_invert_their_quantiles()
    {
        // Round trip through the distribution functions of the layer (closed form: P(T > t_q) = q).
        foreach (double df in new[] { 1.0, 2.0, 3.3, 12.0, 250.0 })
        {
            foreach (double q in new[] { 0.4, 0.05, 1e-4, 1e-9 })
            {
                Approx.Relative(q, Distributions.StudentTUpperTail(Distributions.StudentTUpperQuantile(q, df), df), 1e-11, $"t df {df} q {q}");
            }
        }

        Approx.Relative(0.025, Distributions.NormalCdf(-Distributions.NormalUpperQuantile(0.025)), 1e-14, "Φ(−z) = 0.025");
    }

    [Fact]
    public void Beta_quantile_is_exact_at_the_closed_forms()
    {
        // Beta(1, b): I_x = 1 − (1 − x)^b ⇒ x = 1 − (1 − p)^{1/b} = −expm1(log1p(−p)/b); Beta(a, 1): x = p^{1/a}.
        foreach (double b in new[] { 1.0, 3.0, 200_000.0 })
        {
            foreach (double p in new[] { 1e-8, 0.025, 0.5 })
            {
                Approx.Relative(-PreciseMath.Expm1(PreciseMath.Log1p(-p) / b), Distributions.BetaQuantile(1.0, b, p, upper: false), 1e-13, $"Beta(1,{b}) {p}");
                Approx.Relative(Math.Pow(p, 1.0 / b), Distributions.BetaQuantile(b, 1.0, p, upper: false), 1e-13, $"Beta({b},1) {p}");
            }
        }
    }

    private static double Compute(string name)
    {
        var fields = name.Split(' ').Skip(1).Where(f => f.Contains('=')).ToDictionary(f => f[..f.IndexOf('=')], f => Parse(f[(f.IndexOf('=') + 1)..]));
        string kind = name.Split(' ')[0];
        bool upper = name.EndsWith(" upper", StringComparison.Ordinal) || name.Contains(" upper ", StringComparison.Ordinal);
        switch (kind)
        {
            case "t":
                return CriticalValues.TwoSidedT(fields["level"], fields["df"]);
            case "z" when fields.ContainsKey("q"):
                return Distributions.NormalUpperQuantile(fields["q"]);
            case "z":
                return CriticalValues.TwoSidedZ(fields["level"]);
            case "cp":
            case "jeffreys":
                var interval = ProportionIntervals.Compute((long)fields["x"], (long)fields["n"], fields["level"],
                    kind == "cp" ? ProportionIntervalMethod.ClopperPearson : ProportionIntervalMethod.Jeffreys);
                return upper ? interval.Upper : interval.Lower;
            case "gamma":
                return Distributions.GammaQuantile(fields["shape"], fields["p"], upper);
            case "chisq":
                return Distributions.ChiSquareQuantile(fields["df"], fields["alpha"], upper: true);
            default:
                throw new InvalidOperationException(name);
        }

        static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);
    }
}
