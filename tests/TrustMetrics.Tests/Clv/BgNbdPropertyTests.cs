using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Clv;

namespace TrustMetrics.Tests.Clv;

/// <summary>FsCheck laws of the BG/NBD model (issue 3): mathematical facts about the definitions in ltv-churn.md §3.</summary>
public class BgNbdPropertyTests
{
    private static Gen<double> Between(double low, double high) =>
        Gen.Choose(0, 1_000_000).Select(i => low + ((high - low) * i / 1_000_000.0));

    private static Gen<BgNbdParameters> Parameters =>
        from r in Between(0.05, 5)
        from alpha in Between(0.1, 50)
        from a in Between(0.05, 5)
        from b in Between(0.05, 10)
        select new BgNbdParameters(r, alpha, a, b);

    private static Gen<PurchaseHistory> History =>
        from x in Gen.Frequency((3, Gen.Choose(0, 10)), (1, Gen.Choose(0, 300)))
        from t in Between(0.5, 100)
        from share in Between(0, 1)
        select new PurchaseHistory(x, x == 0 ? 0 : share * t, t);

    [Property]
    public Property Probability_alive_lies_in_the_unit_interval() =>
        Prop.ForAll(Parameters.ToArbitrary(), History.ToArbitrary(), (p, h) =>
        {
            double alive = new BgNbdModel(p).ProbabilityAlive(h);
            Assert.InRange(alive, 0.0, 1.0);
        });

    [Property]
    public Property Expected_purchases_are_non_negative_and_non_decreasing_in_the_horizon() =>
        Prop.ForAll(Parameters.ToArbitrary(), History.ToArbitrary(), Between(0, 60).Two().ToArbitrary(), (p, h, horizons) =>
        {
            var (t1, t2) = horizons;
            var model = new BgNbdModel(p);
            var (shorter, longer) = t1 <= t2 ? (t1, t2) : (t2, t1);
            double e1 = model.ConditionalExpectedPurchases(shorter, h), e2 = model.ConditionalExpectedPurchases(longer, h);
            Assert.True(double.IsFinite(e1) && double.IsFinite(e2), $"{e1} {e2}");
            Assert.InRange(e1, 0, double.MaxValue);
            Assert.True(e2 >= e1 - (1e-12 * Math.Max(1, e1)), $"E[Y({shorter})] = {e1} > E[Y({longer})] = {e2}");
            double n1 = model.ExpectedPurchases(shorter), n2 = model.ExpectedPurchases(longer);
            Assert.True(n1 >= 0 && n2 >= n1 - (1e-12 * Math.Max(1, n1)), $"new customer {n1} {n2}");
        });

    [Property]
    public Property Compressing_rows_does_not_change_the_log_likelihood() =>
        Prop.ForAll(Parameters.ToArbitrary(), History.ArrayOf().Where(a => a.Length > 0).ToArbitrary(), Gen.Choose(1, 4).ToArbitrary(), (p, rows, copies) =>
        {
            var model = new BgNbdModel(p);
            var repeated = rows.SelectMany(h => Enumerable.Repeat(h, copies)).ToArray();
            double expanded = repeated.Sum(model.LogLikelihood);
            double compressed = model.LogLikelihood(CompressedHistories.From(repeated));
            Assert.InRange(Math.Abs(compressed - expanded), 0, 1e-9 * Math.Max(1, Math.Abs(expanded)));
        });

    [Property]
    public Property A_long_dormant_customer_is_less_likely_alive_than_a_fresh_one() =>
        Prop.ForAll(Parameters.ToArbitrary(), Gen.Choose(1, 50).ToArbitrary(), Between(1, 50).Two().ToArbitrary(), (p, x, times) =>
        {
            var (tx, gap) = times;
            var model = new BgNbdModel(p);
            double fresh = model.ProbabilityAlive(new PurchaseHistory(x, tx, tx));
            double dormant = model.ProbabilityAlive(new PurchaseHistory(x, tx, tx + gap));
            Assert.True(dormant < fresh || fresh == 0, $"fresh {fresh}, dormant {dormant}");
        });
}
