namespace TrustMetrics.Clv;

/// <summary>
/// The distinct covariate rows (patterns) of a <see cref="CovariateMatrix"/>, numbered in order of first appearance, and the
/// customers of each pattern in ascending order: customers with the same z have the same parameters, so per-customer work after a
/// covariate fit is done once per pattern. Values compare with <c>==</c> (−0 and +0 are one pattern). Memory O(customers); immutable.
/// </summary>
internal sealed class CovariatePatterns
{
    private readonly int[] representative;
    private readonly int[] start;
    private readonly int[] members;

    private CovariatePatterns(int[] representative, int[] start, int[] members)
    {
        this.representative = representative;
        this.start = start;
        this.members = members;
    }

    /// <summary>Number of distinct patterns.</summary>
    public int Count => representative.Length;

    /// <summary>Groups the rows of <paramref name="covariates"/> by value.</summary>
    public static CovariatePatterns Of(CovariateMatrix covariates)
    {
        int n = covariates.CustomerCount;
        var ids = new Dictionary<int, int>(new RowComparer(covariates));
        var pattern = new int[n];
        var first = new List<int>();
        for (int i = 0; i < n; i++)
        {
            if (!ids.TryGetValue(i, out int g))
            {
                g = first.Count;
                ids.Add(i, g);
                first.Add(i);
            }

            pattern[i] = g;
        }

        // Counting sort of the customers by pattern (stable: ascending within a pattern).
        var start = new int[first.Count + 1];
        foreach (int g in pattern)
        {
            start[g + 1]++;
        }

        for (int g = 0; g < first.Count; g++)
        {
            start[g + 1] += start[g];
        }

        var next = start[..^1];
        var members = new int[n];
        for (int i = 0; i < n; i++)
        {
            members[next[pattern[i]]++] = i;
        }

        return new CovariatePatterns([.. first], start, members);
    }

    /// <summary>The first customer with pattern <paramref name="g"/> (its covariate row is the pattern).</summary>
    public int Representative(int g) => representative[g];

    /// <summary>Number of customers with pattern <paramref name="g"/>.</summary>
    public int Size(int g) => start[g + 1] - start[g];

    /// <summary>The customers with pattern <paramref name="g"/>, ascending.</summary>
    public ReadOnlySpan<int> Members(int g) => members.AsSpan(start[g], Size(g));

    /// <summary>Customers (row indices) compared by their covariate rows.</summary>
    private sealed class RowComparer(CovariateMatrix covariates) : IEqualityComparer<int>
    {
        public bool Equals(int a, int b) => covariates.Row(a).SequenceEqual(covariates.Row(b));

        public int GetHashCode(int a)
        {
            var hash = default(HashCode);
            foreach (double v in covariates.Row(a))
            {
                hash.Add(v == 0 ? 0.0 : v);   // −0 hashes as +0, as == compares them
            }

            return hash.ToHashCode();
        }
    }
}
