using TrustMetrics.Monitoring;

namespace TrustMetrics.Tests.Monitoring;

/// <summary>
/// The formulas of TrustMetrics.Monitoring against an independent computation: Data/monitoring_reference.py (mpmath 1.2.1
/// quadrature of the mixture martingales, numpy 1.24.2 dense Markov-chain solve), output in Data/monitoring_reference.quick.out.
/// </summary>
public class MonitoringReferenceTests
{
    [Theory]
    // Quadrature of the normal mixture ∫exp(λS − λ²V/2) N(λ; 0, 1/ρ) dλ = 1/α solved for S (mpmath, 40 digits), divided by n.
    [InlineData(1, 0.05, 250.0, 38.724851553906913)]
    [InlineData(100, 0.05, 250.0, 0.40912871445315157)]
    [InlineData(1000, 0.05, 250.0, 0.057812679092340666)]
    [InlineData(10000, 0.05, 250.0, 0.015189055107129762)]
    [InlineData(1000, 0.01, 50.0, 0.0574511092352556)]
    [InlineData(123456, 0.1, 3000.0, 0.0039518543494751993)]
    public void Mixture_radius_matches_the_quadrature_of_the_mixture_martingale(long n, double alpha, double rho, double expected) =>
        Approx.Relative(expected, MixtureBoundary.UnitMeanRadius(n, rho, -Math.Log(alpha)), 1e-12, "radius");

    [Theory]
    // Golden-section minimisation of (V0 + ρ)(log(1/α) + ½ log((V0 + ρ)/ρ)) over log ρ in mpmath (monitoring_reference.py).
    [InlineData(1000, 0.05, 30.4433721746642)]
    [InlineData(100, 0.01, 2.12650651522158)]
    [InlineData(50000, 0.1, 1882.99744755443)]
    public void Rho_minimises_the_radius_at_the_chosen_sample_size(double n0, double alpha, double expected) =>
        Approx.Relative(expected, new ConfidenceSequence(0, 1, alpha, n0).Rho, 1e-9, "rho");

    [Theory]
    // Quadrature of the half-normal mixture 2∫_{λ<0} exp(λS − λ²V/2) N(λ; 0, 1/ρ) dλ (mpmath, monitoring_reference.py).
    [InlineData(-30.0, 250.0, 100.0, 3.6566205117478826)]
    [InlineData(-5.0, 25.0, 10.0, 1.2238465285026022)]
    [InlineData(4.0, 100.0, 50.0, 0.45306241034610361)]
    [InlineData(0.0, 1.0, 1.0, 0.70710678118654752)]
    public void Drop_evalue_matches_the_quadrature_of_the_half_normal_mixture(double s, double v, double rho, double expected) =>
        Approx.Relative(expected, Math.Exp(MixtureBoundary.LogDropEValue(s, v, rho)), 1e-12, "E");

    [Fact]
    public void Mills_ratio_branch_joins_the_direct_formula()
    {
        // exp(z²/2)Φ(−z)√(2π) z → 1 (closed form limit); both branches agree at the switch (z = 30) to the series' 2e-10.
        double direct = 0.5 * 30 * 30 + Math.Log(Statistics.Distributions.NormalCdf(-30));
        Approx.Absolute(direct, MixtureBoundary.LogScaledUpperTail(30), 2e-10, "switch");
        Approx.Absolute(direct, MixtureBoundary.LogScaledUpperTail(29.999999), 1e-6, "left of switch");
    }

    [Theory]
    // Lattice increments and the smallest threshold with ARL₀ ≥ 1000 from the independent numpy dense solve of (I − P)L = 1.
    [InlineData(new[] { -1.0, 0.0, 1.0 }, new long[] { 30, 30, 40 }, 0.1, new long[] { 63, 3, -57 }, 931, 1006.3445054346505, 996.7664828477847)]
    [InlineData(new[] { 0.0, 1.0 }, new long[] { 80, 20 }, 0.05, new long[] { 20, -96 }, 777, 1009.336850646592, 993.5511365643822)]
    public void Cusum_threshold_and_arl_match_the_dense_markov_chain(double[] values, long[] counts, double drop, long[] increments, long threshold, double arl, double arlBelow)
    {
        var baseline = PreChangeDistribution.FromCounts(values, counts);
        var (theta, k) = CusumChain.Tilt(baseline.ValueSpan, baseline.ProbabilitySpan, baseline.Mean - drop);
        double step = CusumChain.Step(baseline.ValueSpan, baseline.ProbabilitySpan, theta, k);
        long[] d = values.Select(v => CusumChain.Increment(v, theta, k, step)).ToArray();
        Assert.Equal(increments, d);
        double[] p = baseline.Probabilities.ToArray();
        Assert.Equal(threshold, CusumChain.Threshold(d, p, 1000));
        Approx.Relative(arl, CusumChain.AverageRunLength(d, p, threshold), 1e-9, "ARL(H)");
        Approx.Relative(arlBelow, CusumChain.AverageRunLength(d, p, threshold - 1), 1e-9, "ARL(H−1)");
    }

    [Fact]
    public void Tilt_has_the_lowered_mean()
    {
        // Closed form for a Bernoulli: the tilt of p = 0.2 to mean 0.15 has θ = logit(0.15) − logit(0.2).
        var baseline = PreChangeDistribution.FromCounts([0.0, 1.0], [80, 20]);
        var (theta, k) = CusumChain.Tilt(baseline.ValueSpan, baseline.ProbabilitySpan, 0.15);
        Approx.Relative(Math.Log(0.15 / 0.85) - Math.Log(0.2 / 0.8), theta, 1e-12, "θ");
        Approx.Relative(Math.Log(0.8 + 0.2 * Math.Exp(theta)), k, 1e-12, "K(θ)");
    }
}
