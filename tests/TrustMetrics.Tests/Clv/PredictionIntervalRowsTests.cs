using TrustMetrics.Clv;

namespace TrustMetrics.Tests.Clv;

/// <summary>
/// The per-distinct-row entry of the interval calculator (<c>Compute(fit, CompressedHistories, …)</c>, memory O(distinct rows))
/// against the per-customer entry (<c>Compute(fit, histories, …)</c>): each customer's values are their row's, bit for bit; and
/// the row index both use (<c>HistoryIndex</c>) against a dictionary.
/// </summary>
public class PredictionIntervalRowsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Each_customer_gets_their_distinct_rows_values_bit_for_bit(bool mbg)
    {
        // CDNOW (2,357 customers; many share a row): the exact internal consistency of two entry points of the same code.
        var histories = ClvData.CdnowHistories.ToArray();
        var rows = CompressedHistories.From(histories);
        var calculator = new PredictionIntervalCalculator();
        var (perCustomer, perRow) = mbg
            ? (calculator.Compute(new MbgNbdFitter().Fit(rows), histories, 39, 0.9), calculator.Compute(new MbgNbdFitter().Fit(rows), rows, 39, 0.9))
            : (calculator.Compute(new BgNbdFitter().Fit(rows), histories, 39, 0.9), calculator.Compute(new BgNbdFitter().Fit(rows), rows, 39, 0.9));
        Assert.Equal(rows.RowCount, perRow.Count);
        Assert.Equal(rows.RowCount, perRow.DistinctRows);
        Assert.Equal(perCustomer.DistinctRows, perRow.DistinctRows);
        Assert.True(perRow.ParameterUncertainty);
        var index = new Dictionary<(long, double, double), int>();
        for (int k = 0; k < rows.RowCount; k++)
        {
            index.Add((rows.Frequency[k], rows.Recency[k], rows.T[k]), k);
        }

        for (int i = 0; i < histories.Length; i++)
        {
            int k = index[(histories[i].Frequency, histories[i].Recency, histories[i].T)];
            Assert.Equal(perCustomer.ExpectedPurchases[i], perRow.ExpectedPurchases[k]);
            Assert.Equal(perCustomer.ExpectedPurchasesLower![i], perRow.ExpectedPurchasesLower![k]);
            Assert.Equal(perCustomer.ExpectedPurchasesUpper![i], perRow.ExpectedPurchasesUpper![k]);
            Assert.Equal(perCustomer.ProbabilityAlive[i], perRow.ProbabilityAlive[k]);
            Assert.Equal(perCustomer.ProbabilityAliveLower![i], perRow.ProbabilityAliveLower![k]);
            Assert.Equal(perCustomer.ProbabilityAliveUpper![i], perRow.ProbabilityAliveUpper![k]);
            Assert.Equal(perCustomer.PurchasesLower[i], perRow.PurchasesLower[k]);
            Assert.Equal(perCustomer.PurchasesUpper[i], perRow.PurchasesUpper[k]);
        }
    }

    [Fact]
    public void Null_rows_are_refused()
    {
        var fit = new BgNbdFitter().Fit(CompressedHistories.From(ClvData.CdnowHistories));
        Assert.Throws<ArgumentNullException>(() => new PredictionIntervalCalculator().Compute(fit, (CompressedHistories)null!, 39));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PredictionIntervalCalculator().Compute(fit, CompressedHistories.From(ClvData.CdnowHistories), double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PredictionIntervalCalculator().Compute(fit, CompressedHistories.From(ClvData.CdnowHistories), 39, 1.0));
    }

    [Fact]
    public void The_row_index_numbers_distinct_rows_in_order_of_first_appearance()
    {
        var random = new Random(11);
        var index = new HistoryIndex(4);   // grows and rehashes many times
        var reference = new Dictionary<(long, double, double), int>();
        for (int i = 0; i < 50_000; i++)
        {
            long x = random.Next(0, 5);
            double t = random.Next(1, 40) / 4.0, tx = x == 0 ? (random.Next(2) == 0 ? 0.0 : -0.0) : random.Next(0, (int)(t * 4) + 1) / 4.0;
            var key = (x, tx + 0.0, t);
            if (!reference.TryGetValue(key, out int expected))
            {
                expected = reference.Count;
                reference.Add(key, expected);
            }

            Assert.Equal(expected, index.Add(x, tx, t));
            Assert.Equal(expected, index.Find(x, tx, t));
        }

        Assert.Equal(reference.Count, index.Count);
        Assert.Equal(-1, index.Find(99, 1, 2));
        var (xs, txs, ts) = index.Columns();
        foreach (var ((x, tx, t), k) in reference)
        {
            Assert.Equal((x, tx, t), (xs[k], txs[k], ts[k]));
        }
    }
}
