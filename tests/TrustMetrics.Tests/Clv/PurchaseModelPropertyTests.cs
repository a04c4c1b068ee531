using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Clv;

namespace TrustMetrics.Tests.Clv;

/// <summary>
/// The BG/NBD laws of issue 3 checked on MBG/NBD and Pareto/NBD as well, over random parameters and histories (x up to 300), which
/// exercises the ₂F₁ evaluations far from CDNOW: P(alive) ∈ [0, 1]; E[Y(t)] finite, ≥ 0 and non-decreasing in t; a dormant customer
/// is less likely alive than a fresh one.
/// </summary>
public class PurchaseModelPropertyTests
{
    private static Gen<double> Between(double low, double high) =>
        Gen.Choose(0, 1_000_000).Select(i => low + ((high - low) * i / 1_000_000.0));

    private static Gen<IPurchaseModel> Models =>
        from kind in Gen.Choose(0, 1)
        from p1 in Between(0.05, 5)
        from p2 in Between(0.1, 50)
        from p3 in Between(0.05, 5)
        from p4 in Between(0.05, 50)
        select kind == 0
            ? (IPurchaseModel)new MbgNbdModel(new BgNbdParameters(p1, p2, p3, Math.Min(p4, 10)))
            : new ParetoNbdModel(new ParetoNbdParameters(p1, p2, p3, p4));

    private static Gen<PurchaseHistory> History =>
        from x in Gen.Frequency((3, Gen.Choose(0, 10)), (1, Gen.Choose(0, 300)))
        from t in Between(0.5, 100)
        from share in Between(0, 1)
        select new PurchaseHistory(x, x == 0 ? 0 : share * t, t);

    [Property]
    public Property Probability_alive_is_a_probability_and_expectations_grow_with_the_horizon() =>
        Prop.ForAll(Models.ToArbitrary(), History.ToArbitrary(), Between(0, 60).Two().ToArbitrary(), (model, h, horizons) =>
        {
            double alive = model.ProbabilityAlive(h);
            Assert.InRange(alive, 0.0, 1.0);
            var (t1, t2) = horizons.Item1 <= horizons.Item2 ? horizons : (horizons.Item2, horizons.Item1);
            double e1 = model.ConditionalExpectedPurchases(t1, h), e2 = model.ConditionalExpectedPurchases(t2, h);
            Assert.True(double.IsFinite(e1) && double.IsFinite(e2) && e1 >= 0, $"{model.GetType().Name}: E[Y] {e1}, {e2}");
            Assert.True(e2 >= e1 - (1e-12 * Math.Max(1, e1)), $"{model.GetType().Name}: E[Y({t1})] = {e1} > E[Y({t2})] = {e2}");
            double n1 = model.ExpectedPurchases(t1), n2 = model.ExpectedPurchases(t2);
            Assert.True(n1 >= 0 && n2 >= n1 - (1e-12 * Math.Max(1, n1)), $"{model.GetType().Name}: E[X] {n1}, {n2}");
        });

    [Property]
    public Property A_long_dormant_customer_is_less_likely_alive_than_a_fresh_one() =>
        Prop.ForAll(Models.ToArbitrary(), Gen.Choose(0, 50).ToArbitrary(), Between(1, 50).Two().ToArbitrary(), (model, x, times) =>
        {
            var (tx, gap) = times;
            double recency = x == 0 ? 0 : tx;
            double fresh = model.ProbabilityAlive(new PurchaseHistory(x, recency, tx));
            double dormant = model.ProbabilityAlive(new PurchaseHistory(x, recency, tx + gap));
            Assert.True(dormant < fresh || fresh == 0, $"{model.GetType().Name} x {x}: fresh {fresh}, dormant {dormant}");
        });
}
