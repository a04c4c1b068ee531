using System.Globalization;
using System.Runtime.CompilerServices;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Clv;

namespace TrustMetrics.Cli.Clv;

/// <summary>Reads summary CSVs (lifetimes' columns by default) with file/line/column/value errors for every bad cell or row.</summary>
internal static class ClvInput
{
    /// <summary>Column names of a summary file; the defaults are lifetimes' names.</summary>
    /// <remarks>
    /// <paramref name="RequireCustomer"/> and <paramref name="RequireMonetary"/> are true when the user named the column on the command
    /// line: then it must exist (a misspelt name is exit code 2), otherwise a default-named column is used when present.
    /// </remarks>
    public sealed record Columns(string Customer, string Frequency, string Recency, string T, string Monetary, bool RequireCustomer = false, bool RequireMonetary = false);

    /// <summary>One parsed row: its customer id (or the line number when there is no id column) and values.</summary>
    public sealed record Row(string Customer, PurchaseHistory History, double? Monetary, long Line);

    public static List<Row> ReadSummary(string path, Columns names, bool needMonetary)
    {
        var rows = Stream(path, names, needMonetary, withCustomer: true).ToList();
        return rows;
    }

    /// <summary>Streams the rows of a summary file (one pass, nothing buffered); customer ids are read only when asked for.</summary>
    public static IEnumerable<Row> Stream(string path, Columns names, bool needMonetary, bool withCustomer)
    {
        var source = SurveySource.FromFile(path);
        using var table = CsvTable.Open(source);
        var reader = new SummaryReader(table, names, needMonetary, withCustomer);
        while (reader.Read(out var history, out double? monetary))
        {
            string id = reader.Customer is int c ? table.Field(c) : withCustomer ? (table.Line - 1).ToString(CultureInfo.InvariantCulture) : string.Empty;
            yield return new Row(id, history, monetary, table.Line);
        }

        reader.CheckNotEmpty();
    }

    /// <summary>
    /// Reads a summary file straight into compressed (x, t_x, T) rows: no object per customer, so a million-customer file costs
    /// memory for its distinct rows only.
    /// </summary>
    public static CompressedHistories ReadCompressed(string path, Columns names)
    {
        var source = SurveySource.FromFile(path);
        using var table = CsvTable.Open(source);
        var reader = new SummaryReader(table, names, needMonetary: false, withCustomer: false);
        var builder = new CompressedHistoriesBuilder();
        while (reader.Read(out var history, out _))
        {
            builder.Add(history);
        }

        reader.CheckNotEmpty();
        return builder.Build();
    }

    /// <summary>Parses and checks one summary row at a time; every problem names the file, line, column and value.</summary>
    private sealed class SummaryReader
    {
        private readonly CsvTable table;
        private readonly Columns names;
        private readonly int frequency, recency, t;
        private readonly int? monetary;
        private long count;

        public SummaryReader(CsvTable table, Columns names, bool needMonetary, bool withCustomer)
        {
            this.table = table;
            this.names = names;
            int? customer = names.RequireCustomer || HasColumn(names.Customer) ? table.Column(names.Customer) : null;
            Customer = withCustomer ? customer : null;
            (frequency, recency, t) = (table.Column(names.Frequency), table.Column(names.Recency), table.Column(names.T));
            monetary = needMonetary || names.RequireMonetary || HasColumn(names.Monetary) ? table.Column(names.Monetary) : null;
        }

        public int? Customer { get; }

        public bool Read(out PurchaseHistory history, out double? monetaryValue)
        {
            history = default;
            monetaryValue = null;
            if (!table.Read())
            {
                return false;
            }

            string file = table.Source.DisplayName;
            double x = Number(table, frequency, names.Frequency);
            if (x < 0 || x != Math.Floor(x) || x > long.MaxValue)
            {
                throw InputException.AtCell(file, table.Line, names.Frequency, table.Field(frequency), "is not a whole number ≥ 0 (repeat purchases).");
            }

            double r = Number(table, recency, names.Recency), age = Number(table, t, names.T);
            if (r < 0)
            {
                throw InputException.AtCell(file, table.Line, names.Recency, table.Field(recency), "is negative.");
            }

            if (r > age)
            {
                throw InputException.AtCell(file, table.Line, names.Recency, table.Field(recency), $"exceeds {names.T} = {table.Field(t)}.");
            }

            if (x == 0 && r != 0)
            {
                throw InputException.AtCell(file, table.Line, names.Recency, table.Field(recency), $"must be 0 when {names.Frequency} is 0.");
            }

            // Spend is read wherever the column is, but only its sign is checked here: a $0 repeat purchase is data (CDNOW has one);
            // the spend model leaves such customers out of its fit and says how many (SpendRows).
            monetaryValue = monetary is int mc ? Number(table, mc, names.Monetary) : null;
            if (monetaryValue is double value && value < 0)
            {
                throw InputException.AtCell(file, table.Line, names.Monetary, table.Field(monetary!.Value), "is negative; a mean spend is ≥ 0.");
            }

            count++;
            history = new PurchaseHistory((long)x, r, age);
            return true;
        }

        public void CheckNotEmpty()
        {
            if (count == 0)
            {
                throw new InputException($"{table.Source.DisplayName}: the file has a header but no customers.");
            }
        }

        private bool HasColumn(string name) => table.Columns.Any(c => string.Equals(c.Trim(), name, StringComparison.OrdinalIgnoreCase));
    }

    public static double Number(CsvTable table, int column, string name) => Numbers.Cell(table, column, name);

    /// <summary>
    /// The (frequency, mean spend) pairs a Gamma–Gamma fit uses: customers with repeat purchases and a mean spend &gt; 0. Customers
    /// with repeat purchases worth $0 are left out and counted in <paramref name="zeroSpend"/>, as lifetimes users do
    /// (<c>summary[summary.monetary_value &gt; 0]</c> before <c>GammaGammaFitter.fit</c>); customers without repeat purchases are
    /// passed on (the fitter skips and counts them).
    /// </summary>
    public static IEnumerable<(long Frequency, double MonetaryValue)> SpendRows(IEnumerable<Row> rows, StrongBox<long> zeroSpend)
    {
        foreach (var row in rows)
        {
            double m = row.Monetary ?? 0;
            if (row.History.Frequency > 0 && m == 0)
            {
                zeroSpend.Value++;
                continue;
            }

            yield return (row.History.Frequency, m);
        }
    }

    public static string Format(double value) => Formatting.CsvNumber(value);

    /// <summary>
    /// Streams (customer, date, amount) rows of a transactions CSV with file/line/column errors; the one reader of transactions,
    /// shared by clv summarize, repurchase and the report. <paramref name="progress"/>, when given, receives the running row
    /// count every 65,536 rows and once at the end.
    /// </summary>
    public static IEnumerable<(string Id, DateTime When, double Amount)> Transactions(SurveySource source, string customerName, string dateName, string? amountName,
        Action<long>? progress = null)
    {
        using var table = CsvTable.Open(source);
        int id = table.Column(customerName), date = table.Column(dateName);
        int? amount = amountName is null ? null : table.Column(amountName);
        long rows = 0;
        while (table.Read())
        {
            var (customerId, when, value) = TransactionRow(table, id, customerName, date, dateName, amount, amountName);
            rows++;
            if (progress is not null && (rows & 0xFFFF) == 0)
            {
                progress(rows);
            }

            yield return (customerId, when, value);
        }

        progress?.Invoke(rows);
        if (rows == 0)
        {
            throw new InputException($"{source.DisplayName}: the file has a header but no transactions.");
        }
    }

    /// <summary>
    /// The (customer, date) rows of a transactions CSV with each row's <paramref name="groupName"/> cell (blank = "(blank)", as every
    /// grouped command) and its line; the same checks as <see cref="Transactions(SurveySource, string, string, string?, Action{long}?)"/>.
    /// </summary>
    public static IEnumerable<(string Id, DateTime When, string Group, long Line)> GroupedTransactions(SurveySource source, string customerName, string dateName, string groupName)
    {
        using var table = CsvTable.Open(source);
        int id = table.Column(customerName), date = table.Column(dateName), group = table.Column(groupName);
        var limit = new GroupLimit(table, groupName);
        long rows = 0;
        while (table.Read())
        {
            var (customerId, when, _) = TransactionRow(table, id, customerName, date, dateName, null, null);
            string label = table.Field(group);
            limit.See(label);
            rows++;
            yield return (customerId, when, label.Length == 0 ? GroupedTallies<int>.BlankGroup : label, table.Line);
        }

        if (rows == 0)
        {
            throw new InputException($"{source.DisplayName}: the file has a header but no transactions.");
        }
    }

    /// <summary>Parses and checks the current row of a transactions table: a date, an optional finite amount, a non-empty customer id.</summary>
    private static (string Id, DateTime When, double Amount) TransactionRow(CsvTable table, int id, string customerName, int date, string dateName, int? amount, string? amountName)
    {
        string file = table.Source.DisplayName;
        var when = Dates.Calendar(table, date, dateName);
        double value = amount is int a ? Number(table, a, amountName!) : 0.0;
        string customerId = table.Field(id);
        if (customerId.Length == 0)
        {
            throw InputException.AtCell(file, table.Line, customerName, customerId, "is empty: every transaction needs a customer id.");
        }

        return (customerId, when, value);
    }

    /// <summary>The transactions of a file on disk (see the <see cref="SurveySource"/> overload).</summary>
    public static IEnumerable<(string Id, DateTime When, double Amount)> Transactions(string path, string customerName, string dateName, string? amountName) =>
        Transactions(SurveySource.FromFile(path), customerName, dateName, amountName);
}
