using System.Globalization;
using System.Text;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Clv;

namespace TrustMetrics.Cli.Clv;

/// <summary>
/// <c>clv summarize</c>: transactions → the lifetimes summary CSV, in one pass over the file when it fits the buffer. Each customer
/// id becomes a number the first time it is seen (one string per customer, none per transaction); the core's
/// <see cref="TransactionSummarizer{TKey}"/> keyed by that number does the periods and sums; rows are written sorted by customer
/// id (ordinal, as lifetimes' groupby) straight to the file, never built as one text.
/// <para>
/// Without <c>--end</c> the observation ends at the last transaction, unknown until the end of the file: up to
/// <see cref="BufferRows"/> transactions are kept as (customer number, day, amount), 16 bytes each, then fed to the summarizer;
/// a longer file is read a second time instead (memory stays bounded whatever the file size).
/// </para>
/// </summary>
internal static class SummaryWriter
{
    /// <summary>Transactions kept for the one-pass path: 2²¹ (32 MB).</summary>
    internal const int BufferRows = 1 << 21;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Run(CliContext context, FileInfo? output, string path, string customerName, string dateName, string? amountName, string? endText,
        ClvTimeUnit unit, double multiplier, int bufferRows = BufferRows)
    {
        if (!(multiplier > 0 && double.IsFinite(multiplier)))
        {
            throw new InputException($"--multiplier must be a finite number > 0; got {ClvInput.Format(multiplier)}.");
        }

        var source = SurveySource.FromFile(path);
        var ids = new CustomerIds();
        TransactionSummarizer<int> summarizer;
        if (endText is not null)
        {
            summarizer = new TransactionSummarizer<int>(Dates.Option("--end", endText).DateTime, unit, multiplier);
            Read(source, customerName, dateName, amountName, ids, (slot, when, amount) => summarizer.Add(slot, when, amount));
        }
        else
        {
            var buffer = new Buffer(bufferRows);
            var end = DateTime.MinValue;
            bool fits = true;
            Read(source, customerName, dateName, amountName, ids, (slot, when, amount) =>
            {
                end = when > end ? when : end;
                if (fits && !buffer.TryAdd(slot, DateOnly.FromDateTime(when).DayNumber, amount))
                {
                    fits = false;
                    buffer = new Buffer(0);
                }
            });

            summarizer = new TransactionSummarizer<int>(end, unit, multiplier);
            if (fits)
            {
                buffer.FeedTo(summarizer);
            }
            else
            {
                Read(source, customerName, dateName, amountName, ids, (slot, when, amount) => summarizer.Add(slot, when, amount));
            }
        }

        var rows = summarizer.Summarize().ToArray();
        var names = Array.ConvertAll(rows, r => ids[r.CustomerId]);
        Array.Sort(names, rows, StringComparer.Ordinal);

        bool withSpend = amountName is not null;
        void Write(TextWriter writer)
        {
            // Without --amount there is no spend: the summary has no monetary_value column (a column of zeros would read as $0 purchases).
            writer.Write(withSpend ? "customer_id,frequency,recency,T,monetary_value\n" : "customer_id,frequency,recency,T\n");
            Span<char> cell = stackalloc char[32];
            for (int i = 0; i < rows.Length; i++)
            {
                var row = rows[i];
                WriteId(writer, names[i]);
                writer.Write(',');
                row.Frequency.TryFormat(cell, out int n, default, CultureInfo.InvariantCulture);
                writer.Write(cell[..n]);
                writer.Write(',');
                WriteNumber(writer, row.Recency, cell);
                writer.Write(',');
                WriteNumber(writer, row.T, cell);
                if (withSpend)
                {
                    writer.Write(',');
                    WriteNumber(writer, row.MonetaryValue, cell);
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
            double value = amount is int a ? ClvInput.Number(table, a, amountName!) : 0.0;
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

    /// <summary>(customer number, day number, amount) rows in blocks of 65,536: no doubling copies, 16 bytes a row.</summary>
    private sealed class Buffer(int capacity)
    {
        private const int Block = 1 << 16;
        private readonly List<(int[] Slots, int[] Days, double[] Amounts)> blocks = [];
        private int count;

        public bool TryAdd(int slot, int day, double amount)
        {
            if (count == capacity)
            {
                return false;
            }

            int offset = count % Block;
            if (offset == 0)
            {
                blocks.Add((new int[Block], new int[Block], new double[Block]));
            }

            var (slots, days, amounts) = blocks[^1];
            (slots[offset], days[offset], amounts[offset]) = (slot, day, amount);
            count++;
            return true;
        }

        public void FeedTo(TransactionSummarizer<int> summarizer)
        {
            for (int i = 0; i < count; i++)
            {
                var (slots, days, amounts) = blocks[i / Block];
                int j = i % Block;
                summarizer.Add(slots[j], DateOnly.FromDayNumber(days[j]).ToDateTime(TimeOnly.MinValue), amounts[j]);
            }
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
