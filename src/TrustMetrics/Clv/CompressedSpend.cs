namespace TrustMetrics.Clv;

/// <summary>
/// Spend histories of repeat customers compressed to unique (x, m̄) rows with counts, for the Gamma–Gamma model: x ≥ 1 repeat
/// purchases with mean value m̄ &gt; 0. Customers with x = 0 carry no spend information; they are skipped and counted in
/// <see cref="SkippedCustomers"/>. Immutable and thread-safe.
/// </summary>
public sealed class CompressedSpend
{
    private readonly long[] frequency;
    private readonly double[] monetary;
    private readonly long[] counts;

    private CompressedSpend(long[] frequency, double[] monetary, long[] counts, long skipped)
    {
        this.frequency = frequency;
        this.monetary = monetary;
        this.counts = counts;
        SkippedCustomers = skipped;
        CustomerCount = counts.Sum();
    }

    /// <summary>Number of distinct (x, m̄) rows.</summary>
    public int RowCount => counts.Length;

    /// <summary>Number of repeat customers Σ counts.</summary>
    public long CustomerCount { get; }

    /// <summary>Customers skipped because x = 0.</summary>
    public long SkippedCustomers { get; }

    /// <summary>x of each row.</summary>
    public ReadOnlySpan<long> Frequency => frequency;

    /// <summary>m̄ of each row.</summary>
    public ReadOnlySpan<double> MonetaryValue => monetary;

    /// <summary>Customers per row.</summary>
    public ReadOnlySpan<long> Counts => counts;

    /// <summary>Compresses (frequency, monetary value) pairs, one per customer (one pass).</summary>
    /// <param name="customers">x ≥ 0; when x &gt; 0, m̄ must be finite and &gt; 0 (x = 0 rows are skipped whatever m̄ is).</param>
    /// <exception cref="ArgumentException">A row is invalid (message names its index and values) or no customer has x &gt; 0.</exception>
    public static CompressedSpend From(IEnumerable<(long Frequency, double MonetaryValue)> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var rows = new Dictionary<(long, double), long>();
        long index = 0, skipped = 0;
        foreach (var (x, m) in customers)
        {
            if (x < 0)
            {
                throw Invalid(index, x, m, "frequency must not be negative", nameof(customers));
            }

            if (x == 0)
            {
                skipped++;
            }
            else if (!(m > 0 && double.IsFinite(m)))
            {
                throw Invalid(index, x, m, "the monetary value of a repeat customer must be a finite number > 0", nameof(customers));
            }
            else
            {
                rows[(x, m)] = rows.GetValueOrDefault((x, m)) + 1;
            }

            index++;
        }

        if (rows.Count == 0)
        {
            throw new ArgumentException($"No customer has a repeat purchase ({skipped} with frequency 0): the Gamma–Gamma model has nothing to fit.", nameof(customers));
        }

        var sorted = rows.OrderBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2).ToArray();
        return new CompressedSpend(sorted.Select(p => p.Key.Item1).ToArray(), sorted.Select(p => p.Key.Item2).ToArray(), sorted.Select(p => p.Value).ToArray(), skipped);
    }

    private static ArgumentException Invalid(long index, long x, double m, string problem, string paramName) =>
        new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{paramName}[{index}] = (frequency {x}, monetary value {m:R}): {problem}."), paramName);
}
