using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Churn;
using TrustMetrics.Survival;

namespace TrustMetrics.Tests.Churn;

/// <summary>
/// Issue 12, "no silent NaN": NaN, ±∞ and negative values fed into every public entry of the Churn and Survival families, one at a
/// time, must be refused with an <see cref="ArgumentException"/> (or subclass) or give a result with no NaN in it.
/// </summary>
public class ChurnSurvivalBadValuePropertyTests
{
    private static readonly ChurnCalculator Churn = new();
    private static readonly SurvivalAnalyzer Analyzer = new();
    private static readonly SurvivalTally Tally = SurvivalTally.FromCounts([1, 2, 4], [2, 1, 1], [0, 1, 1]);
    private static readonly KaplanMeierResult Curve = Analyzer.KaplanMeier(Tally);
    private static readonly NelsonAalenResult Hazard = Analyzer.NelsonAalen(Tally);
    private static readonly ShiftedBetaGeometricParameters Sbg = new(0.7, 3.8);

    /// <summary>NaN, ±∞, a negative number, −0 and a valid value (so the generator also shows that valid inputs still pass).</summary>
    private static readonly Gen<double> BadDouble = Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1.0, -1e-300, double.MinValue, -0.0, 0.5);

    private static readonly Gen<long> BadCount = Gen.Elements(-1L, long.MinValue, -42L, 3L);

    /// <summary>The entries, each taking the bad double or count in one argument position.</summary>
    private static readonly (string Name, Func<double, long, object?> Call)[] Entries =
    [
        ("RevenueMovements(m0)", (x, _) => new RevenueMovements(x, 0, 0, 0)),
        ("RevenueMovements(churned)", (x, _) => new RevenueMovements(10, x, 0, 0)),
        ("RevenueMovements(contraction)", (x, _) => new RevenueMovements(10, 0, x, 0)),
        ("RevenueMovements(expansion)", (x, _) => new RevenueMovements(10, 0, 0, x)),
        ("RevenueMovements(reactivation)", (x, _) => new RevenueMovements(10, 0, 0, 0, x)),
        ("RevenueMovements +", (x, _) => new RevenueMovements(10, 1, 1, 1) + new RevenueMovements(x, 0, 0, 0)),
        ("FromCustomerRevenue(start)", (x, _) => RevenueMovements.FromCustomerRevenue([5, x], [5, 5])),
        ("FromCustomerRevenue(end)", (x, _) => RevenueMovements.FromCustomerRevenue([5, 5], [x, 5])),
        ("FromCustomerRevenue(reactivation)", (x, _) => RevenueMovements.FromCustomerRevenue([5], [5], x)),
        ("RevenueRetention", (x, _) => Churn.RevenueRetention(new RevenueMovements(x, 0, 0, 1e300))),
        ("Compound(rate)", (x, _) => ChurnConversions.Compound(x, 12)),
        ("Compound(periods)", (x, _) => ChurnConversions.Compound(0.1, x)),
        ("Compound(estimate)", (x, _) => ChurnConversions.Compound(new Estimation.Estimate(0.1, x, new Estimation.ConfidenceInterval(0.05, 0.2, 0.95, "wilson")), 3)),
        ("AnnualFromMonthly", (x, _) => ChurnConversions.AnnualFromMonthly(x)),
        ("MonthlyFromAnnual", (x, _) => ChurnConversions.MonthlyFromAnnual(x)),
        ("ExpectedLifetime", (x, _) => ChurnConversions.ExpectedLifetime(x)),
        ("sBG(alpha)", (x, _) => new ShiftedBetaGeometricParameters(x, 1)),
        ("sBG(beta)", (x, _) => new ShiftedBetaGeometricParameters(1, x)),
        ("sBG DEL", (x, _) => Sbg.DiscountedExpectedLifetime(x)),
        ("sBG DERL", (x, n) => Sbg.DiscountedExpectedResidualLifetime(x, (int)Math.Clamp(n, int.MinValue, int.MaxValue))),
        ("sBG quantile", (x, _) => Sbg.LifetimeQuantile(x)),
        ("sBG survival", (_, n) => Sbg.Survival((int)Math.Clamp(n, int.MinValue, int.MaxValue))),
        ("sBG project", (_, n) => Sbg.Project((int)Math.Clamp(n, int.MinValue, 50))),
        ("sBG fit", (_, n) => new ShiftedBetaGeometric().Fit([1000, 631, n, 301, 245])),
        ("sBG fit level", (x, _) => new ShiftedBetaGeometric().Fit([1000, 631, 468, 382, 326], x)),
        ("sBG log-likelihood", (_, n) => Sbg.LogLikelihood([1000, n, 100])),
        ("ChurnPeriodCounts", (_, n) => ChurnPeriodCounts.Create(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31), 100, n, 5, 0)),
        ("ChurnTally.FromCounts", (_, n) => ChurnTally.FromCounts([new CustomerSpan(new DateOnly(2025, 1, 1), null)], [n], ChurnPeriod.Month)),
        ("PeriodChurn level", (x, _) => Churn.PeriodChurn(ChurnTally.FromCounts([new CustomerSpan(new DateOnly(2025, 1, 1), null)], [3], ChurnPeriod.Month), null, x)),
        ("CohortTable level", (x, _) => Churn.CohortTable(ChurnTally.Empty(ChurnPeriod.Month), x)),
        ("SurvivalTally.FromDurations", (x, _) => SurvivalTally.FromDurations([1.0, x], [(byte)1, (byte)0])),
        ("SurvivalTally.FromCounts(time)", (x, _) => SurvivalTally.FromCounts([1.0, x], [1, 1], [0, 0])),
        ("SurvivalTally.FromCounts(events)", (_, n) => SurvivalTally.FromCounts([1.0], [n], [0])),
        ("SurvivalTally.FromCounts(censored)", (_, n) => SurvivalTally.FromCounts([1.0], [1], [n])),
        ("KaplanMeier level", (x, _) => Analyzer.KaplanMeier(Tally, x)),
        ("NelsonAalen level", (x, _) => Analyzer.NelsonAalen(Tally, x)),
        ("SurvivalAt", (x, _) => Curve.SurvivalAt(x)),
        ("EstimateAt", (x, _) => Curve.EstimateAt(x)),
        ("RestrictedMean", (x, _) => Curve.RestrictedMean(x)),
        ("CumulativeHazardAt", (x, _) => Hazard.CumulativeHazardAt(x)),
        ("Hazard EstimateAt", (x, _) => Hazard.EstimateAt(x)),
        ("LogRank IsSignificant", (x, _) => Analyzer.LogRank(new Dictionary<int, SurvivalTally> { [1] = Tally, [2] = SurvivalTally.FromCounts([1, 3], [1, 2], [1, 0]) }).IsSignificant(x)),
        ("KaplanMeierByGroup", (x, _) => Analyzer.KaplanMeierByGroup([("a", 1.0, true), ("a", x, false), ("b", 2.0, true)])),
    ];

    [Property(MaxTest = 300)]
    public Property Bad_values_are_refused_or_give_no_nan() =>
        Prop.ForAll((from e in Gen.Choose(0, Entries.Length - 1) from x in BadDouble from n in BadCount select (e, x, n)).ToArbitrary(), input =>
        {
            var (entry, x, n) = input;
            var (name, call) = Entries[entry];
            object? result;
            try
            {
                result = call(x, n);
            }
            catch (ArgumentException)
            {
                return; // refused: ArgumentException, ArgumentOutOfRangeException or ArgumentNullException
            }

            Assert.False(HasNaN(result, 0), $"{name} with {x} / {n} returned a NaN: {result}");
        });

    private static bool HasNaN(object? value, int depth) => value switch
    {
        null => false,
        double d => double.IsNaN(d),
        _ when depth > 3 => false,
        System.Collections.IEnumerable items and not string => items.Cast<object?>().Take(50).Any(item => HasNaN(item, depth + 1)),
        _ when value.GetType().Assembly == typeof(ChurnTally).Assembly || value.GetType().Namespace?.StartsWith("TrustMetrics", StringComparison.Ordinal) == true =>
            value.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0 && !p.PropertyType.IsByRefLike)
                .Any(p => HasNaN(p.GetValue(value), depth + 1)),
        _ => false,
    };
}
