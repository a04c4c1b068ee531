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

    // allOutOfOrder: tests only, treats every customer as out of order (the second-pass path); fastPath: false in tests forces the general reader.
    public static void Run(CliContext context, FileInfo? output, string path, string customerName, string dateName, string? amountName, string? endText,
        ClvTimeUnit unit, double multiplier, bool allOutOfOrder = false, bool fastPath = true)
    {
        if (!(multiplier > 0 && double.IsFinite(multiplier)))
        {
            throw new CommandLineException($"--multiplier must be a finite number > 0; got {ClvInput.Format(multiplier)}.");
        }

        var source = SurveySource.FromFile(path);
        DateTime end = endText is null ? DateTime.MinValue : Dates.Option("--end", endText).DateTime;
        int givenEndPeriod = endText is null ? int.MaxValue : TransactionSummarizer<int>.PeriodOf(end, unit);
        var store = new CompactSummaries(unit, givenEndPeriod);
        void AddFirst(int slot, DateTime when, double amount)
        {
            store.Add(slot, when, amount);
            if (endText is null && when > end)
            {
                end = when;
            }
        }

        // The byte-level reader for plain files; when it declines, what it added is dropped and the general reader gives the same
        // rows or the usual error.
        var pass = TransactionPass.Open(source, customerName, dateName, amountName, fastPath);
        pass.Read(AddFirst, () =>
        {
            store = new CompactSummaries(unit, givenEndPeriod);
            end = endText is null ? DateTime.MinValue : end;
        });
        int customers = pass.Count;

        int endPeriod = TransactionSummarizer<int>.PeriodOf(end, unit);
        Dictionary<int, CustomerSummary<int>>? again = null;
        if (allOutOfOrder || store.OutOfOrderCount > 0)
        {
            var summarizer = new TransactionSummarizer<int>(end, unit, multiplier);
            void AddAgain(int slot, DateTime when, double amount)
            {
                if (allOutOfOrder || store.IsOutOfOrder(slot))
                {
                    summarizer.Add(slot, when, amount);
                }
            }

            pass.ReadAgain(AddAgain);
            again = summarizer.Summarize().ToDictionary(r => r.CustomerId);
        }

        int kept = 0;
        for (int slot = 0; slot < customers; slot++)
        {
            kept += store.Has(slot) ? 1 : 0;
        }

        var slots = new int[kept];
        var names = new string[kept];
        for (int slot = 0, k = 0; slot < customers; slot++)
        {
            if (store.Has(slot))
            {
                (slots[k], names[k]) = (slot, pass[slot]);
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
}
