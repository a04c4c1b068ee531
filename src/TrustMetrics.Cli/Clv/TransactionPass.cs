using TrustMetrics.Cli.Input;

namespace TrustMetrics.Cli.Clv;

/// <summary>
/// Streaming passes over a transactions file, as <c>clv summarize</c> and <c>clv evaluate</c> read it: the byte-level
/// <see cref="TransactionFastReader"/> for a plain comma-separated file and, when it does not apply or declines, the general reader
/// (<see cref="CsvTable"/>, <see cref="Dates"/> and the number rule: the checks of
/// <see cref="ClvInput.Transactions(SurveySource, string, string, string?, Action{long}?)"/>). Each customer id becomes a number
/// (0 … <see cref="Count"/> − 1, in order of first appearance) the first time it is seen: one string per customer, none per
/// transaction; nothing else is kept.
/// </summary>
internal sealed class TransactionPass
{
    private readonly SurveySource source;
    private readonly string customerName, dateName;
    private readonly string? amountName;
    private readonly CustomerIds ids = new();
    private TransactionFastReader? fast;

    private TransactionPass(SurveySource source, string customerName, string dateName, string? amountName, TransactionFastReader? fast)
    {
        this.source = source;
        this.customerName = customerName;
        this.dateName = dateName;
        this.amountName = amountName;
        this.fast = fast;
    }

    /// <summary>The file read.</summary>
    public SurveySource Source => source;

    /// <summary>Customers numbered so far.</summary>
    public int Count => fast?.Count ?? ids.Count;

    /// <summary>The id of customer number <paramref name="slot"/>.</summary>
    public string this[int slot] => fast is null ? ids[slot] : fast[slot];

    /// <summary>Checks the columns (a missing one is the usual error); <paramref name="fastPath"/> false (tests) forces the general reader.</summary>
    public static TransactionPass Open(SurveySource source, string customerName, string dateName, string? amountName, bool fastPath = true) =>
        new(source, customerName, dateName, amountName, fastPath ? TransactionFastReader.Open(source, customerName, dateName, amountName) : null);

    /// <summary>
    /// The first pass: every row into <paramref name="add"/> (customer number, date, amount; 0 without an amount column). When the
    /// fast reader declines after it has passed rows, <paramref name="discard"/> is called (the caller drops what it added) and the
    /// general reader passes every row again from the first, or stops at the error naming the file, line, column and value.
    /// </summary>
    public void Read(Action<int, DateTime, double> add, Action discard)
    {
        if (fast is not null && !fast.Read(add))
        {
            fast = null;
            discard();
        }

        if (fast is null)
        {
            ReadGeneral(add);
        }
    }

    /// <summary>Another pass through the reader the first pass ended with (the same customer numbers).</summary>
    public void ReadAgain(Action<int, DateTime, double> add)
    {
        if (fast is null)
        {
            ReadGeneral(add);
        }
        else if (!fast.Read(add))
        {
            throw new InputException($"{source.DisplayName}: the file changed while it was read.");
        }
    }

    private void ReadGeneral(Action<int, DateTime, double> add)
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
