using System.Globalization;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Clv;

namespace TrustMetrics.Cli.Clv;

/// <summary>Reads summary CSVs (lifetimes' columns by default) with file/line/column/value errors for every bad cell or row.</summary>
internal static class ClvInput
{
    /// <summary>Column names of a summary file; the defaults are lifetimes' names.</summary>
    public sealed record Columns(string Customer, string Frequency, string Recency, string T, string Monetary);

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
            Customer = withCustomer && HasColumn(names.Customer) ? table.Column(names.Customer) : null;
            (frequency, recency, t) = (table.Column(names.Frequency), table.Column(names.Recency), table.Column(names.T));
            monetary = needMonetary || HasColumn(names.Monetary) ? table.Column(names.Monetary) : null;
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

            monetaryValue = monetary is int mc ? Number(table, mc, names.Monetary) : null;
            if (monetaryValue is double value && x > 0 && !(value > 0))
            {
                throw InputException.AtCell(file, table.Line, names.Monetary, table.Field(monetary!.Value), "must be > 0 for a customer with repeat purchases.");
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

    public static double Number(CsvTable table, int column, string name)
    {
        var text = table.FieldSpan(column);

        // Whole numbers (frequencies, day counts) take the integer parser, about twice as fast as the floating-point one.
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long whole))
        {
            return whole;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw InputException.AtCell(table.Source.DisplayName, table.Line, name, text.ToString(), "is not a finite number.");
        }

        return value;
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Writes beside the target and renames, so readers never see a half-written file.</summary>
    public static void WriteAtomically(string path, string text)
    {
        string temporary = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temporary, text, new System.Text.UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
    }

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
        long rows = 0;
        while (table.Read())
        {
            var (customerId, when, _) = TransactionRow(table, id, customerName, date, dateName, null, null);
            string label = table.Field(group);
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
        string dateText = table.Field(date);
        var when = ParseDate(dateText) ?? throw InputException.AtCell(file, table.Line, dateName, dateText, "is not a date.");
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

    /// <summary>ISO yyyy-MM-dd, yyyyMMdd, date-times, or any invariant date/time; null when unparseable.</summary>
    public static DateTime? ParseDate(string text)
    {
        string[] formats = ["yyyy-MM-dd", "yyyyMMdd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss"];
        if (DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact))
        {
            return exact;
        }

        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var any) ? any : null;
    }
}
