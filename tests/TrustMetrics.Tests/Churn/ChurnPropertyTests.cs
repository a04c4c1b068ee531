using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Churn;

namespace TrustMetrics.Tests.Churn;

/// <summary>
/// FsCheck laws of churn tallies, period churn and cohort tables, and of sBG projections. Records span about two years around
/// 2024 with a third still active; lists hold at most 300 records so the 100 default cases of each property stay fast.
/// The brute-force oracles apply the definitions of survey-metrics.md §5.1 and §5.4 record by record.
/// </summary>
public class ChurnPropertyTests
{
    private static readonly ChurnCalculator Calculator = new();
    private static readonly DateOnly Origin = new(2023, 11, 20);

    /// <summary>Records within <paramref name="days"/> days of the origin, lasting up to 400 days, three in ten still active.</summary>
    private static Gen<CustomerSpan> Customer(int days) =>
        from startOffset in Gen.Choose(0, days)
        from kind in Gen.Choose(0, 9)
        from length in Gen.Frequency((3, Gen.Choose(0, 40)), (3, Gen.Choose(0, 400)))
        let start = Origin.AddDays(startOffset)
        select new CustomerSpan(start, kind < 3 ? null : start.AddDays(length));

    private static Gen<CustomerSpan[]> CustomersWithin(int days) =>
        from length in Gen.Frequency((1, Gen.Choose(0, 5)), (4, Gen.Choose(0, 300)))
        from customers in Customer(days).ArrayOf(length)
        select customers;

    private static readonly Gen<CustomerSpan[]> Customers = CustomersWithin(700);

    private static readonly Gen<ChurnPeriod> Period = Gen.Elements(ChurnPeriod.Day, ChurnPeriod.Week, ChurnPeriod.Month, ChurnPeriod.Quarter, ChurnPeriod.Year);

    /// <summary>
    /// A period kind and records for it: daily tallies get records within 60 days (a daily cohort table over two years has ~10⁵
    /// cells, each with an interval, too slow for 100 cases), the others within 700 days.
    /// </summary>
    private static readonly Gen<(CustomerSpan[], ChurnPeriod)> Input =
        from period in Period
        from customers in CustomersWithin(period == ChurnPeriod.Day ? 60 : 700)
        select (customers, period);

    /// <summary>Null (use the latest date) or a date inside or after the records' range.</summary>
    private static readonly Gen<DateOnly?> AsOf = Gen.Frequency(
        (2, Gen.Constant<DateOnly?>(null)),
        (1, Gen.Choose(0, 1200).Select(d => (DateOnly?)Origin.AddDays(d))));

    [Property]
    public Property Merging_tallies_of_any_split_equals_the_tally_of_the_concatenation() =>
        Prop.ForAll(Gen.Zip(Gen.Zip(Input, Customers), AsOf).ToArbitrary(), input =>
        {
            var (((first, period), secondAll), asOf) = input;
            var second = period == ChurnPeriod.Day ? secondAll.Where(c => c.Start <= Origin.AddDays(60)).ToArray() : secondAll;
            var whole = ChurnTally.FromCustomers(first.Concat(second), period, asOf);
            var merged = ChurnTally.FromCustomers(first, period, asOf) + ChurnTally.FromCustomers(second, period, asOf);
            Assert.Equal(whole, merged);
            Assert.Equal(whole, ChurnTally.FromCustomers(second, period, asOf) + ChurnTally.FromCustomers(first, period, asOf));
            Assert.Equal(whole, whole + ChurnTally.Empty(period, asOf));
            SameFields.Equal(Calculator.PeriodChurn(whole), Calculator.PeriodChurn(merged));
            AssertSameTable(Calculator.CohortTable(whole), Calculator.CohortTable(merged));
        });

    [Property]
    public Property Shuffling_the_records_changes_nothing() =>
        Prop.ForAll(Input.SelectMany(i => Gen.Shuffle(i.Item1), (i, s) => (i.Item1, s, i.Item2)).ToArbitrary(), input =>
        {
            var (customers, shuffled, period) = input;
            var tally = ChurnTally.FromCustomers(customers, period);
            Assert.Equal(tally, ChurnTally.FromCustomers(shuffled.ToList(), period));
            SameFields.Equal(Calculator.PeriodChurn(customers, period), Calculator.PeriodChurn(shuffled, period));
            AssertSameTable(Calculator.CohortTable(customers, period), Calculator.CohortTable(shuffled, period));
        });

    [Property]
    public Property Period_counts_match_the_definitions_record_by_record() =>
        Prop.ForAll(Input.ToArbitrary(), input =>
        {
            var (customers, period) = input;
            var rows = Calculator.PeriodChurn(customers, period);
            if (customers.Length == 0)
            {
                Assert.Empty(rows);
                return;
            }

            long previousEnd = 0;
            foreach (var row in rows)
            {
                var c = row.Counts;
                // S = active on the day before the period, E = active on its last day (as-of = the latest date, so only the last
                // period can be cut short, and then E counts the customers active on the as-of date).
                Assert.Equal(customers.Count(x => x.IsActiveOn(c.Start.AddDays(-1))), c.CustomersAtStart);
                Assert.Equal(customers.Count(x => In(x.Start, c)), c.Acquired);
                Assert.Equal(customers.Count(x => x.End is { } e && In(e, c)), c.Lost);
                Assert.Equal(customers.Count(x => In(x.Start, c) && x.End is { } e && In(e, c)), c.LostAcquiredInPeriod);
                if (c.IsComplete)
                {
                    Assert.Equal(customers.Count(x => x.IsActiveOn(c.LastDay)), c.CustomersAtEnd);
                }

                Assert.Equal(previousEnd, c.CustomersAtStart);
                previousEnd = c.CustomersAtEnd;
                Assert.Equal(period.StartOf(c.Start), c.Start);
                Assert.Equal(period.LastDayOf(c.Start), c.LastDay);
            }

            Assert.Equal(period.StartOf(customers.Min(x => x.Start)), rows[0].Start);
            Assert.All(rows.SkipLast(1), r => Assert.True(r.IsComplete));
        });

    [Property]
    public Property Cohort_cells_match_the_definition_record_by_record() =>
        Prop.ForAll(Input.ToArbitrary(), input =>
        {
            var (customers, period) = input;
            var table = Calculator.CohortTable(customers, period);
            Assert.Equal(customers.Length, table.Rows.Sum(r => r.Size));
            if (customers.Length == 0)
            {
                Assert.Equal(-1, table.MaxAge);
                return;
            }

            var asOf = table.AsOf!.Value;
            foreach (var row in table.Rows)
            {
                var members = customers.Where(x => period.StartOf(x.Start) == row.Start).ToArray();
                Assert.Equal(members.Length, row.Size);
                foreach (var cell in row.Cells)
                {
                    // Active k periods after the customer's own acquisition day, and that day has passed for the whole cohort.
                    Assert.True(cell.Age == 0 || period.AddPeriods(row.LastDay, cell.Age) <= asOf);
                    long expected = cell.Age == 0 ? members.Length : members.Count(x => x.IsActiveOn(period.AddPeriods(x.Start, cell.Age)));
                    Assert.Equal(expected, cell.Active);
                }

                Assert.True(period.AddPeriods(row.LastDay, row.Cells.Count) > asOf, "the next cell has not happened for every member");
            }
        });

    [Property]
    public Property Rates_that_are_proportions_lie_in_0_1_and_survival_of_a_cohort_never_rises() =>
        Prop.ForAll(Gen.Zip(Input, AsOf).ToArbitrary(), input =>
        {
            var ((customers, period), asOf) = input;
            var tally = ChurnTally.FromCustomers(customers, period, asOf);
            foreach (var row in Calculator.PeriodChurn(tally))
            {
                Assert.Equal(row.Counts.CustomersAtStart > 0, row.Churn is not null);
                if (row.Churn is { } churn && row.Retention is { } retention)
                {
                    Assert.InRange(churn.Value, 0.0, 1.0);
                    Assert.InRange(churn.Interval.Lower, 0.0, churn.Value);
                    Assert.InRange(churn.Interval.Upper, churn.Value, 1.0);
                    Assert.Equal(1.0, churn.Value + retention.Value, 12);
                    Assert.Equal(churn.Value, row.Rate);
                }

                Assert.True(row.Counts.CustomersAtEnd >= 0);
            }

            var table = Calculator.CohortTable(tally);
            foreach (var row in table.Rows)
            {
                for (int k = 0; k < row.Cells.Count; k++)
                {
                    Assert.InRange(row.Cells[k].Retention.Value, 0.0, 1.0);
                    Assert.True(k == 0 || row.Cells[k].Active <= row.Cells[k - 1].Active, "survival of a cohort never rises");
                }
            }

            foreach (var s in table.Summary)
            {
                Assert.InRange(s.Weighted.Value, 0.0, 1.0);
                Assert.InRange(s.UnweightedMean, 0.0, 1.0);
            }
        });

    [Property]
    public Property Sbg_survival_never_rises_and_retention_rises() =>
        Prop.ForAll(Gen.Zip(Gen.Choose(1, 5000), Gen.Choose(1, 5000)).ToArbitrary(), pair =>
        {
            var p = new ShiftedBetaGeometricParameters(pair.Item1 / 500.0, pair.Item2 / 500.0);
            double previous = 1;
            for (int t = 1; t <= 60; t++)
            {
                double s = p.Survival(t);
                Assert.InRange(s, 0.0, previous);
                Assert.InRange(p.RetentionRate(t), t == 1 ? 0.0 : p.RetentionRate(t - 1), 1.0);
                Assert.InRange(p.ChurnProbability(t), 0.0, 1.0);
                previous = s;
            }

            double del = p.DiscountedExpectedLifetime(0.1);
            Assert.InRange(del, 1.0, 11.0 + 1e-9); // between the first payment alone and Σ 1.1^−t = 11
            Assert.True(double.IsFinite(p.MedianLifetime));
        });

    /// <summary>Cohort tables are results without value equality: compare them field by field, cell by cell.</summary>
    internal static void AssertSameTable(CohortTable expected, CohortTable actual) => SameFields.Equal(expected, actual, "table");

    private static bool In(DateOnly date, ChurnPeriodCounts c) => c.Start <= date && date <= c.LastDay;
}
