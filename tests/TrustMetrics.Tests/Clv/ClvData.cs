using System.Globalization;
using TrustMetrics.Clv;

namespace TrustMetrics.Tests.Clv;

/// <summary>Loaders for the lifetimes data files copied to Data/ (see Data/README.md for origin and licence).</summary>
internal static class ClvData
{
    private static readonly Lazy<(int Id, PurchaseHistory History)[]> CdnowSummaryRows = new(() =>
        File.ReadLines(PathOf("cdnow_customers_summary.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Select(c => (int.Parse(c[0], CultureInfo.InvariantCulture),
                new PurchaseHistory(long.Parse(c[1], CultureInfo.InvariantCulture), D(c[2]), D(c[3]))))
            .ToArray());

    private static readonly Lazy<(long X, double Zbar)[]> CdnowSpendRows = new(() =>
        File.ReadLines(PathOf("cdnow_customers_summary_with_transactions.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Select(c => (long.Parse(c[1], CultureInfo.InvariantCulture), D(c[4])))
            .ToArray());

    /// <summary>cdnow_customers_summary.csv rows (ID, (frequency, recency, T)) in file order, weeks.</summary>
    public static (int Id, PurchaseHistory History)[] CdnowSummary => CdnowSummaryRows.Value;

    /// <summary>cdnow_customers_summary_with_transactions.csv (x, zbar) in file order.</summary>
    public static (long X, double Zbar)[] CdnowSpend => CdnowSpendRows.Value;

    public static PurchaseHistory[] CdnowHistories => CdnowSummary.Select(r => r.History).ToArray();

    /// <summary>CDNOW_sample.txt transactions: (sample id, date, dollar value).</summary>
    public static IEnumerable<(int Id, DateTime Date, double Amount)> CdnowTransactions() =>
        File.ReadLines(PathOf("CDNOW_sample.txt"))
            .Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Where(c => c.Length == 5)
            .Select(c => (int.Parse(c[1], CultureInfo.InvariantCulture),
                DateTime.ParseExact(c[2], "yyyyMMdd", CultureInfo.InvariantCulture), D(c[4])));

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Data", file);

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
