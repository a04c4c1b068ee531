using System.Globalization;
using System.Text;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Clv;

namespace TrustMetrics.Cli.Clv;

/// <summary>
/// <c>clv summarize</c>: transactions → the lifetimes summary CSV in one pass over the file. Each customer id becomes a number the
/// first time it is seen (one string per customer, none per transaction); the core's <see cref="CompactSummaries"/> keyed by that
/// number keeps first and last period, distinct periods and the repeat spend in flat arrays (about 29 bytes per customer, no
/// transaction kept), so the observation end — the last transaction without <c>--end</c> — is needed only when the rows are
/// written, sorted by customer id (ordinal, as lifetimes' groupby), straight to the file, never built as one text.
/// <para>
/// A customer whose transactions are not in date order (a file sorted neither by date nor by customer then date) is summarized
/// again by <see cref="TransactionSummarizer{TKey}"/> from a second pass that keeps only that customer's rows: exact on any
/// order, memory bounded by the out-of-order customers.
/// </para>
/// </summary>
internal static class SummaryWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // allOutOfOrder: tests only, treats every customer as out of order (the second-pass path).
    public static void Run(CliContext context, FileInfo? output, string path, string customerName, string dateName, string? amountName, string? endText,
        ClvTimeUnit unit, double multiplier, bool allOutOfOrder = false)
    {
        if (!(multiplier > 0 && double.IsFinite(multiplier)))
        {
            throw new InputException($"--multiplier must be a finite number > 0; got {ClvInput.Format(multiplier)}.");
        }

        var source = SurveySource.FromFile(path);
        var ids = new CustomerIds();
        DateTime end = endText is null ? DateTime.MinValue : Dates.Option("--end", endText).DateTime;
        var store = new CompactSummaries(unit, endText is null ? int.MaxValue : TransactionSummarizer<int>.PeriodOf(end, unit));
        Read(source, customerName, dateName, amountName, ids, (slot, when, amount) =>
        {
            store.Add(slot, when, amount);
            if (endText is null && when > end)
            {
                end = when;
            }
        });

        int endPeriod = TransactionSummarizer<int>.PeriodOf(end, unit);
        Dictionary<int, CustomerSummary<int>>? again = null;
        if (allOutOfOrder || store.OutOfOrderCount > 0)
        {
            var summarizer = new TransactionSummarizer<int>(end, unit, multiplier);
            Read(source, customerName, dateName, amountName, ids, (slot, when, amount) =>
            {
                if (allOutOfOrder || store.IsOutOfOrder(slot))
                {
                    summarizer.Add(slot, when, amount);
                }
            });
            again = summarizer.Summarize().ToDictionary(r => r.CustomerId);
        }

        int kept = 0;
        for (int slot = 0; slot < ids.Count; slot++)
        {
            kept += store.Has(slot) ? 1 : 0;
        }

        var slots = new int[kept];
        var names = new string[kept];
        for (int slot = 0, k = 0; slot < ids.Count; slot++)
        {
            if (store.Has(slot))
            {
                (slots[k], names[k]) = (slot, ids[slot]);
                k++;
            }
        }

        Array.Sort(names, slots, StringComparer.Ordinal);
        bool withSpend = amountName is not null;
        void Write(TextWriter writer)
        {
            // Without --amount there is no spend: the summary has no monetary_value column (a column of zeros would read as $0 purchases).
            writer.Write(withSpend ? "customer_id,frequency,recency,T,monetary_value\n" : "customer_id,frequency,recency,T\n");
            Span<char> cell = stackalloc char[32];
            for (int i = 0; i < slots.Length; i++)
            {
                var (frequency, recency, t, monetary) = again is not null && again.TryGetValue(slots[i], out var r)
                    ? (r.Frequency, r.Recency, r.T, r.MonetaryValue)
                    : store.Summary(slots[i], endPeriod, multiplier);
                WriteId(writer, names[i]);
                writer.Write(',');
                frequency.TryFormat(cell, out int n, default, CultureInfo.InvariantCulture);
                writer.Write(cell[..n]);
                writer.Write(',');
                WriteNumber(writer, recency, cell);
                writer.Write(',');
                WriteNumber(writer, t, cell);
                if (withSpend)
                {
                    writer.Write(',');
                    WriteNumber(writer, monetary, cell);
                }

                writer.Write('\n');
            }
        }

        if (output is null)
        {
            Write(context.Output);
        }
        else
        {
            OutputFile.Write(output.ToString(), stream =>
            {
                using var writer = new StreamWriter(stream, Utf8, 1 << 16, leaveOpen: true);
                Write(writer);
            });
        }
    }

    /// <summary>Streams the rows of a transactions table (the checks of <see cref="ClvInput.Transactions(SurveySource, string, string, string?, Action{long}?)"/>).</summary>
    private static void Read(SurveySource source, string customerName, string dateName, string? amountName, CustomerIds ids, Action<int, DateTime, double> add)
    {
        using var table = CsvTable.Open(source);
        int id = table.Column(customerName), date = table.Column(dateName);
        int? amount = amountName is null ? null : table.Column(amountName);
        long count = 0;
        while (table.Read())
        {
            var when = Dates.Calendar(table, date, dateName);
            double value = 0.0;
            if (amount is int a)
            {
                // A plain unsigned decimal by the exact fast parser; anything else (signs, exponents, errors) by the number rule.
                var cell = table.FieldSpan(a);
                if (cell.IsEmpty || cell[0] == '-' || !FastNumbers.TryPlain(cell, out value))
                {
                    value = ClvInput.Number(table, a, amountName!);
                }
            }

            var customer = table.FieldSpan(id);
            if (customer.IsEmpty)
            {
                throw InputException.AtCell(source.DisplayName, table.Line, customerName, string.Empty, "is empty: every transaction needs a customer id.");
            }

            add(ids.Slot(customer), when, value);
            count++;
        }

        if (count == 0)
        {
            throw new InputException($"{source.DisplayName}: the file has a header but no transactions.");
        }
    }

    /// <summary>Shortest round-trip text of <paramref name="value"/>, never <c>-0</c> (as <see cref="Formatting.CsvNumber"/>).</summary>
    private static void WriteNumber(TextWriter writer, double value, Span<char> cell)
    {
        if (value == 0)
        {
            writer.Write('0');
            return;
        }

        value.TryFormat(cell, out int n, "R", CultureInfo.InvariantCulture);
        writer.Write(cell[..n]);
    }

    private static void WriteId(TextWriter writer, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\n\r") >= 0)
        {
            writer.Write('"');
            writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
            writer.Write('"');
        }
        else
        {
            writer.Write(value);
        }
    }

    /// <summary>Customer ids numbered in order of first appearance; a known id is found from its span without allocating.</summary>
    private sealed class CustomerIds
    {
        private readonly Dictionary<string, int> slots = new(StringComparer.Ordinal);
        private readonly List<string> names = [];
        private string lastName = string.Empty;
        private int lastSlot = -1;

        public string this[int slot] => names[slot];

        public int Count => names.Count;

        public int Slot(ReadOnlySpan<char> id)
        {
            if (lastSlot >= 0 && id.SequenceEqual(lastName))
            {
                return lastSlot;
            }

            var lookup = slots.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(id, out string? name, out int slot))
            {
                name = id.ToString();
                slot = names.Count;
                slots.Add(name, slot);
                names.Add(name);
            }

            (lastName, lastSlot) = (name, slot);
            return slot;
        }
    }
}
