using System.Globalization;
using TrustMetrics.Clv;

namespace TrustMetrics.Tests.Clv;

/// <summary>
/// Transactions → summaries against lifetimes' own tests (ltv-churn.md §1, LT-test = lifetimes @ 4f2833f, tests/test_utils.py)
/// and the CDNOW rebuild of §1 (R-here / Fader–Hardie conventions).
/// </summary>
public class ClvSummaryTests
{
    private static readonly (int Id, string Date)[] Small =
    [
        (1, "2015-02-01"), (1, "2015-02-06"), (2, "2015-01-01"), (3, "2015-01-01"), (3, "2015-01-02"), (3, "2015-01-05"),
    ];

    /// <summary>LT-test fixture <c>large_transaction_level_data_with_monetary_value</c> (13 rows).</summary>
    private static readonly (int Id, string Date, double Amount)[] Large =
    [
        (1, "2015-01-01", 1), (1, "2015-02-06", 2), (2, "2015-01-01", 2), (3, "2015-01-01", 3), (3, "2015-01-02", 1),
        (3, "2015-01-05", 5), (4, "2015-01-16", 6), (4, "2015-02-02", 3), (4, "2015-02-05", 3), (5, "2015-01-16", 3),
        (5, "2015-01-17", 1), (5, "2015-01-18", 8), (6, "2015-02-02", 5),
    ];

    private static DateTime Day(string s) => DateTime.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static TransactionSummarizer<int> Summarizer(IEnumerable<(int, string, double)> rows, string end, ClvTimeUnit unit)
    {
        var s = new TransactionSummarizer<int>(Day(end), unit);
        foreach (var (id, date, amount) in rows)
        {
            s.Add(id, Day(date), amount);
        }

        return s;
    }

    private static void AssertRow(CustomerSummary<int> row, int id, long f, double r, double t, double m = 0)
    {
        Assert.Equal(id, row.CustomerId);
        Assert.Equal((f, r, t, m), (row.Frequency, row.Recency, row.T, row.MonetaryValue));
    }

    [Fact]
    public void Daily_summary_matches_lifetimes_returns_correct_results()
    {
        // LT-test test_summary_data_from_transaction_data_returns_correct_results.
        var rows = Summarizer(Small.Select(r => (r.Id, r.Date, 0.0)), "2015-02-07", ClvTimeUnit.Day).Summarize();
        Assert.Equal(3, rows.Count);
        AssertRow(rows[0], 1, 1, 5, 6);
        AssertRow(rows[1], 2, 0, 0, 37);
        AssertRow(rows[2], 3, 2, 4, 37);
    }

    [Fact]
    public void Weekly_summary_matches_lifetimes_specific_non_daily_frequency()
    {
        // LT-test test_summary_date_from_transaction_data_with_specific_non_daily_frequency (pandas "W" weeks start on Monday).
        var rows = Summarizer(Large, "2015-02-07", ClvTimeUnit.Week).Summarize();
        AssertRow(rows[0], 1, 1, 5, 5, 2);
        AssertRow(rows[1], 2, 0, 0, 5);
        AssertRow(rows[2], 3, 1, 1, 5, 5);
        AssertRow(rows[3], 4, 1, 3, 3, 6);
        AssertRow(rows[4], 5, 0, 0, 3);
        AssertRow(rows[5], 6, 0, 0, 0);
    }

    [Fact]
    public void Daily_summary_with_monetary_values_matches_lifetimes()
    {
        // LT-test test_summary_date_from_transaction_with_monetary_values.
        var rows = Summarizer(Large, "2015-02-07", ClvTimeUnit.Day).Summarize();
        AssertRow(rows[0], 1, 1, 36, 37, 2);
        AssertRow(rows[1], 2, 0, 0, 37, 0);
        AssertRow(rows[2], 3, 2, 4, 37, 3);
        AssertRow(rows[3], 4, 2, 20, 22, 3);
        AssertRow(rows[4], 5, 2, 2, 22, 4.5);
        AssertRow(rows[5], 6, 0, 0, 5, 0);
    }

    [Fact]
    public void Monetary_value_excludes_the_first_purchase_whatever_the_row_order()
    {
        // LT-test issue #85 regression: sales 10, 20, 25 → 22.5.
        var s = new TransactionSummarizer<int>(Day("2015-03-01"));
        s.Add(2, Day("2015-01-03"), 25);
        s.Add(2, Day("2015-01-01"), 10);
        s.Add(2, Day("2015-01-02"), 20);
        Assert.Equal(22.5, s.Summarize()[0].MonetaryValue);
    }

    [Fact]
    public void Two_transactions_on_one_day_are_one_purchase_in_weeks()
    {
        var s = new TransactionSummarizer<int>(Day("2015-02-07"), ClvTimeUnit.Week);
        s.Add(1, Day("2015-02-03"));
        s.Add(1, Day("2015-02-03"));
        Assert.Equal(0, s.Summarize()[0].Frequency);
    }

    [Fact]
    public void Weekly_calibration_holdout_matches_lifetimes()
    {
        // LT-test test_calibration_and_holdout_data_works_with_specific_frequency: (f, r, T, f_holdout, duration_holdout).
        var rows = Summarizer(Large, "2015-02-07", ClvTimeUnit.Week).SummarizeCalibrationHoldout(Day("2015-02-01"));
        var expected = new (long, double, double, long, double)[] { (0, 0, 4, 1, 1), (0, 0, 4, 0, 1), (1, 1, 4, 0, 1), (0, 0, 2, 1, 1), (0, 0, 2, 0, 1) };
        Assert.Equal(expected.Length, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            var c = rows[i].Calibration;
            Assert.Equal(i + 1, c.CustomerId);
            Assert.Equal(expected[i], (c.Frequency, c.Recency, c.T, rows[i].FrequencyHoldout, rows[i].DurationHoldout));
        }
    }

    [Fact]
    public void Daily_calibration_holdout_monetary_values_match_lifetimes()
    {
        // LT-test: monetary_value_cal = [0, 0, 3, 0, 4.5], monetary_value_holdout = [2, 0, 0, 3, 0] (plain mean of holdout transactions).
        var rows = Summarizer(Large, "2015-02-07", ClvTimeUnit.Day).SummarizeCalibrationHoldout(Day("2015-02-01"));
        Assert.Equal(new[] { 0, 0, 3, 0, 4.5 }, rows.Select(r => r.Calibration.MonetaryValue));
        Assert.Equal(new[] { 2.0, 0, 0, 3, 0 }, rows.Select(r => r.MonetaryValueHoldout));
    }

    [Fact]
    public void Empty_holdout_window_throws()
    {
        var s = Summarizer(Large, "2015-02-07", ClvTimeUnit.Week);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => s.SummarizeCalibrationHoldout(Day("2015-02-05")));
        Assert.Equal("calibrationEnd", e.ParamName);
    }

    [Fact]
    public void Non_finite_amount_names_the_transaction()
    {
        var s = new TransactionSummarizer<string>(Day("2015-02-07"));
        s.Add("a", Day("2015-01-01"), 1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => s.Add("b", Day("2015-01-02"), double.NaN));
        Assert.Contains("Transaction 1 (customer b)", e.Message, StringComparison.Ordinal);
        Assert.Equal("amount", e.ParamName);
    }

    [Fact]
    public void Months_count_whole_calendar_months()
    {
        var s = new TransactionSummarizer<int>(Day("2015-06-30"), ClvTimeUnit.Month);
        s.Add(1, Day("2015-01-31"));
        s.Add(1, Day("2015-02-01"));
        s.Add(1, Day("2015-02-28"));
        s.Add(1, Day("2015-04-15"));
        AssertRow(s.Summarize()[0], 1, 2, 3, 5);
    }

    private static TransactionSummarizer<int> CdnowWeeks(IEnumerable<(int Id, DateTime Date, double Amount)> rows, string end)
    {
        var s = new TransactionSummarizer<int>(Day(end), ClvTimeUnit.Day, multiplier: 7);
        foreach (var (id, date, amount) in rows)
        {
            s.Add(id, date, amount);
        }

        return s;
    }

    [Fact]
    public void Cdnow_sample_rebuilds_the_published_summary_row_for_row()
    {
        // §1: calibration end 1997-09-30, weeks = days/7, same-day purchases merged → frequency exact, recency/T within the CSV's
        // 2-decimal rounding (≤ 0.0043 per R-here). Customer ids are the sample ids 1..2357.
        var rows = CdnowWeeks(ClvData.CdnowTransactions(), "1997-09-30").Summarize();
        var published = ClvData.CdnowSummary;
        Assert.Equal(published.Length, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            var (id, h) = published[i];
            Assert.Equal(id, rows[i].CustomerId);
            Assert.Equal(h.Frequency, rows[i].Frequency);
            Assert.InRange(Math.Abs(rows[i].Recency - h.Recency), 0, 0.005);
            Assert.InRange(Math.Abs(rows[i].T - h.T), 0, 0.005);
        }

        Assert.Equal(2457, rows.Sum(r => r.Frequency));
    }

    [Fact]
    public void Cdnow_spend_summary_statistics_match_hardies_paper()
    {
        // LT-test test_summary_statistics_are_indentical_to_hardies_paper: repeaters' monetary value, rounded.
        var m = CdnowWeeks(ClvData.CdnowTransactions(), "1997-09-30").Summarize()
            .Where(r => r.Frequency > 0).Select(r => r.MonetaryValue).OrderBy(v => v).ToArray();
        Assert.Equal(946, m.Length);
        double mean = m.Average();
        double sd = Math.Sqrt(m.Sum(v => (v - mean) * (v - mean)) / (m.Length - 1));
        double median = (m[(m.Length / 2) - 1] + m[m.Length / 2]) / 2;
        Assert.Equal((35.0, 30.0, 3.0, 27.0, 300.0), (Math.Round(mean), Math.Round(sd), Math.Round(m[0]), Math.Round(median), Math.Round(m[^1])));
    }

    [Fact]
    public void Cdnow_holdout_matches_the_notes_in_any_row_order()
    {
        // §1 (R-here): holdout repeat purchase days to 1998-06-30 = 1,882; customer 1516 = (26, 30.857143, 31).
        var shuffled = ClvData.CdnowTransactions().ToArray();
        new Random(7).Shuffle(shuffled);
        var rows = CdnowWeeks(shuffled, "1998-06-30").SummarizeCalibrationHoldout(Day("1997-09-30"));
        Assert.Equal(2357, rows.Count);
        Assert.Equal(1882, rows.Sum(r => r.FrequencyHoldout));
        Assert.Equal(2457, rows.Sum(r => r.Calibration.Frequency));
        var c = rows.Single(r => r.Calibration.CustomerId == 1516).Calibration;
        Assert.Equal(26, c.Frequency);
        Assert.Equal(216.0 / 7, c.Recency, 12);
        Assert.Equal(31, c.T, 12);
        Assert.Equal(39, rows[0].DurationHoldout, 12);
    }

    [Fact]
    public void Compression_counts_distinct_cdnow_histories()
    {
        // §2 (R-here): 1,016 distinct (x, t_x, T) among 2,357 CDNOW customers.
        var data = CompressedHistories.From(ClvData.CdnowHistories);
        Assert.Equal(1016, data.RowCount);
        Assert.Equal(2357, data.CustomerCount);
        Assert.Equal(2457, data.TotalFrequency);
    }

    [Theory]
    [InlineData(-1, 0, 1, "frequency", "frequency must not be negative")]
    [InlineData(1, 2, 1, "recency", "recency must not exceed T")]
    [InlineData(0, 1, 2, "recency", "recency must be 0 when frequency is 0")]
    [InlineData(1, double.NaN, 2, "recency", "recency must be a finite number")]
    [InlineData(1, 1, double.PositiveInfinity, "T", "T must be a finite number")]
    [InlineData(1, -1, 2, "recency", "recency must not be negative")]
    public void Invalid_history_names_argument_index_and_values(long x, double tx, double t, string argument, string problem)
    {
        // A history validates itself, so no invalid one reaches the models or the compression.
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new PurchaseHistory(x, tx, t));
        Assert.Equal(argument, e.ParamName);
        Assert.Contains("(frequency " + x.ToString(CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);

        // Rows read back from JSON are checked the same way, named by index.
        static string Number(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : $"\"{v.ToString(CultureInfo.InvariantCulture)}\"";
        string json = string.Create(CultureInfo.InvariantCulture,
            $$"""{"version":1,"frequency":[0,{{x}}],"recency":[0,{{Number(tx)}}],"t":[5,{{Number(t)}}],"counts":[1,1]}""");
        var state = Assert.ThrowsAny<ArgumentException>(() => CompressedHistories.FromJson(json));
        Assert.Contains("state[1] = (frequency " + x.ToString(CultureInfo.InvariantCulture), state.Message, StringComparison.Ordinal);
        Assert.Contains(problem, state.Message, StringComparison.Ordinal);
    }
}
