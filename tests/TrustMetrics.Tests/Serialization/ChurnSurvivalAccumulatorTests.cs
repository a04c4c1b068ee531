using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Churn;
using TrustMetrics.Serialization;
using TrustMetrics.Survival;

namespace TrustMetrics.Tests.Serialization;

/// <summary>
/// <see cref="ChurnTally"/> and <see cref="SurvivalTally"/> through the public accumulator contract only (<see cref="IAccumulator{TSelf}"/>:
/// Merge, ToJson, FromJson), as a user who tallies in SQL or Spark sees them: the states are internal. Laws from
/// docs/api-conventions.md; the reference is the tally of the concatenated input (an identity, no numeric tolerance).
/// </summary>
public class ChurnSurvivalAccumulatorTests
{
    private static readonly DateOnly Origin = new(2023, 11, 20);

    private static readonly Gen<CustomerSpan> Customer =
        from startOffset in Gen.Choose(0, 700)
        from kind in Gen.Choose(0, 9)
        from length in Gen.Choose(0, 400)
        let start = Origin.AddDays(startOffset)
        select new CustomerSpan(start, kind < 3 ? null : start.AddDays(length));

    private static readonly Gen<(double, bool)> Subject = Gen.Zip(
        Gen.Frequency((1, Gen.Choose(0, 30).Select(t => (double)t)), (1, Gen.Choose(0, 3200).Select(t => t / 8.0))),
        Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false))));

    /// <summary>The laws, on three tallies, the tally of the concatenation of the first two, and the empty tally.</summary>
    private static void Laws<T>(T a, T b, T c, T wholeAb, T empty)
        where T : IAccumulator<T>, IEquatable<T>
    {
        Assert.Equal(a, T.FromJson(a.ToJson()));
        Assert.Equal(a.ToJson(), T.FromJson(a.ToJson()).ToJson());
        Assert.Equal(a.Merge(b).Merge(c), a.Merge(b.Merge(c)));
        Assert.Equal(a.Merge(b), b.Merge(a));
        Assert.Equal(a, a.Merge(empty));
        Assert.Equal(a, empty.Merge(a));
        Assert.Equal(wholeAb, a.Merge(b));
        Assert.Equal(wholeAb, T.FromJson(a.ToJson()).Merge(T.FromJson(b.ToJson())));
    }

    [Property]
    public Property Churn_tally_obeys_the_accumulator_laws_through_its_public_json()
    {
        var input = from period in Gen.Elements(ChurnPeriod.Day, ChurnPeriod.Week, ChurnPeriod.Month, ChurnPeriod.Quarter, ChurnPeriod.Year)
                    from asOf in Gen.Frequency((2, Gen.Constant<DateOnly?>(null)), (1, Gen.Choose(0, 1200).Select(x => (DateOnly?)Origin.AddDays(x))))
                    from xs in Customer.ArrayOf()
                    from ys in Customer.ArrayOf()
                    from zs in Customer.ArrayOf()
                    select (period, asOf, xs, ys, zs);
        return Prop.ForAll(input.ToArbitrary(), i =>
        {
            ChurnTally Tally(CustomerSpan[] c) => ChurnTally.FromCustomers(c, i.period, i.asOf);
            Laws(Tally(i.xs), Tally(i.ys), Tally(i.zs), Tally([.. i.xs, .. i.ys]), ChurnTally.Empty(i.period, i.asOf));
        });
    }

    [Property]
    public Property Survival_tally_obeys_the_accumulator_laws_through_its_public_json() =>
        Prop.ForAll((from x in Subject.ArrayOf() from y in Subject.ArrayOf() from z in Subject.ArrayOf() select (x, y, z)).ToArbitrary(), d =>
        {
            static SurvivalTally Tally((double, bool)[] s) => SurvivalTally.FromDurations(s);
            Laws(Tally(d.Item1), Tally(d.Item2), Tally(d.Item3), Tally([.. d.Item1, .. d.Item2]), SurvivalTally.Empty);
        });

    /// <summary>
    /// Counts from your own engine (<c>SELECT start, end, COUNT(*) … GROUP BY start, end</c>) give the same tally as the records:
    /// the reference is <see cref="ChurnTally.FromCustomers(ReadOnlySpan{CustomerSpan}, ChurnPeriod, DateOnly?)"/> of the repeated records.
    /// </summary>
    [Property]
    public Property Churn_tally_from_grouped_counts_equals_the_tally_of_the_records() =>
        Prop.ForAll(Gen.Zip(Customer.ArrayOf(), Gen.Elements(ChurnPeriod.Day, ChurnPeriod.Month, ChurnPeriod.Quarter)).ToArbitrary(), input =>
        {
            var (customers, period) = input;
            var groups = customers.GroupBy(c => c).ToArray();
            var fromCounts = ChurnTally.FromCounts([.. groups.Select(g => g.Key)], [.. groups.Select(g => (long)g.Count())], period);
            Assert.Equal(ChurnTally.FromCustomers(customers, period), fromCounts);
        });

    [Fact]
    public void Churn_counts_are_validated_and_zero_rows_add_nothing()
    {
        CustomerSpan[] spans = [new(new DateOnly(2025, 1, 3), null), new(new DateOnly(2025, 2, 3), new DateOnly(2025, 4, 1))];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ChurnTally.FromCounts(spans, [3, -2], ChurnPeriod.Month));
        Assert.Equal("counts", e.ParamName);
        Assert.Contains("counts[1] = -2", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ChurnTally.FromCounts(spans, [3], ChurnPeriod.Month));
        Assert.Equal(ChurnTally.FromCustomers(spans[..1], ChurnPeriod.Month), ChurnTally.FromCounts(spans, [1, 0], ChurnPeriod.Month));
        Assert.Equal(3 + 1_000_000_000_000L, ChurnTally.FromCounts(spans, [3, 1_000_000_000_000], ChurnPeriod.Month).Customers);
    }

    [Fact]
    public void Inconsistent_churn_json_is_refused_naming_the_field()
    {
        // One customer acquired in January, lost in March: the JSON a user's engine might write by hand.
        var tally = ChurnTally.FromCustomers([new CustomerSpan(new DateOnly(2024, 1, 5), new DateOnly(2024, 3, 9))], ChurnPeriod.Month);
        string json = tally.ToJson();
        Assert.Equal(tally, ChurnTally.FromJson(json));
        var customers = Assert.Throws<ArgumentException>(() => ChurnTally.FromJson(json.Replace("\"customers\":1", "\"customers\":2", StringComparison.Ordinal)));
        Assert.Contains("ChurnTallyState.Customers", customers.Message, StringComparison.Ordinal);
        var stays = Assert.Throws<ArgumentException>(() => ChurnTally.FromJson(json.Replace("\"stayedCounts\":[1]", "\"stayedCounts\":[2]", StringComparison.Ordinal)));
        Assert.Contains("StayedCounts", stays.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ChurnTally.FromJson("{\"version\":2}"));
        Assert.Throws<ArgumentException>(() => SurvivalTally.FromJson("not json"));
    }

    [Fact]
    public void Survival_counts_beyond_int64_are_an_argument_error()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SurvivalTally.FromCounts([1, 2], [long.MaxValue, 1], [0, 0]));
        Assert.Equal("counts", e.ParamName);
        var big = SurvivalTally.FromCounts([1], [long.MaxValue], [0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => big.Merge(big));
    }
}
