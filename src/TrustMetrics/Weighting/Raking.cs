namespace TrustMetrics.Weighting;

/// <summary>
/// Survey weighting by raking (iterative proportional fitting, Deming and Stephan 1940): respondent weights are scaled, one
/// margin at a time, until the weighted share of every level of every margin equals its known population share, as R
/// <c>survey::rake</c> does. Respondents start with weight 1 and the weights are scaled to mean 1 (they sum to the number of
/// respondents n; multiply by N/n for population totals).
/// </summary>
/// <remarks>
/// <para>The work is done over the cells of the cross-classification of the margins, not over the rows: respondents in one cell
/// always share one weight, so n rows collapse to at most Π Lₘ cells (a few hundred in practice) and each sweep costs
/// O(cells × margins). One pass over the rows builds the cells; a row's weight is then a lookup.</para>
/// <para>Trimming (<see cref="RakingOptions.LowerBound"/>, <see cref="RakingOptions.UpperBound"/>): after every margin step the
/// weights are clipped to the bounds and raking continues, so the result meets the margins within the tolerance and respects the
/// bounds when both are possible (the trim-and-re-rake loop of Izrael, Hoaglin and Battaglia 2000); otherwise it reports
/// <see cref="RakedWeights.Converged"/> = false with the largest margin error left.</para>
/// </remarks>
public static class Raking
{
    /// <summary>Largest cross-classification indexed through a direct array (larger ones use a hash map).</summary>
    private const long DirectCellLimit = 1 << 22;

    /// <summary>Rakes respondents given by the level index of each margin.</summary>
    /// <param name="margins">The population margins, at least one, with distinct variables.</param>
    /// <param name="levelIndices">One array per margin (same order), each holding for every respondent the position of its level in that margin's <see cref="RakingMargin.Levels"/>; all arrays have the same length n ≥ 1.</param>
    /// <param name="options">Tolerance, sweeps and trimming bounds; null for <see cref="RakingOptions()"/>.</param>
    /// <param name="cancellationToken">Cancels the row passes and the sweeps.</param>
    /// <returns>The raked weights with the convergence report; use them for <see cref="RakedWeights.Nps"/>, <see cref="RakedWeights.TopBox"/> and <see cref="RakedWeights.Mean"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument or array is null.</exception>
    /// <exception cref="ArgumentException">No margins, a repeated variable, arrays of different lengths or none, or a level listed with a share but held by no respondent; the message names it.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A level index is outside its margin; the message names the margin, the respondent and the value.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static RakedWeights Rake(IReadOnlyList<RakingMargin> margins, IReadOnlyList<int[]> levelIndices, RakingOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        CheckMargins(margins);
        ArgumentNullException.ThrowIfNull(levelIndices);
        if (levelIndices.Count != margins.Count)
        {
            throw new ArgumentException($"levelIndices has {levelIndices.Count} arrays but there are {margins.Count} margins; give one array per margin.", nameof(levelIndices));
        }

        int n = -1;
        for (int m = 0; m < levelIndices.Count; m++)
        {
            var codes = levelIndices[m] ?? throw new ArgumentNullException(nameof(levelIndices), $"levelIndices[{m}] is null.");
            if (n >= 0 && codes.Length != n)
            {
                throw new ArgumentException($"levelIndices[{m}] has {codes.Length} respondents but levelIndices[0] has {n}; every margin needs one level per respondent.", nameof(levelIndices));
            }

            n = codes.Length;
        }

        if (n == 0)
        {
            throw new ArgumentException("There are no respondents to rake.", nameof(levelIndices));
        }

        return Fit(margins, levelIndices, n, options ?? new RakingOptions(), cancellationToken);
    }

    /// <summary>Rakes respondents given by the level name of each margin.</summary>
    /// <param name="margins">The population margins, at least one, with distinct variables.</param>
    /// <param name="levels">One list per margin (same order), each holding the level of every respondent; all lists have the same length n ≥ 1.</param>
    /// <param name="options">Tolerance, sweeps and trimming bounds; null for <see cref="RakingOptions()"/>.</param>
    /// <param name="cancellationToken">Cancels the row passes and the sweeps.</param>
    /// <returns>The raked weights with the convergence report.</returns>
    /// <exception cref="ArgumentNullException">An argument or list is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="Rake(IReadOnlyList{RakingMargin}, IReadOnlyList{int[]}, RakingOptions?, CancellationToken)"/>, or a respondent's level has no share in its margin; the message names the margin, the respondent and the level.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static RakedWeights Rake(IReadOnlyList<RakingMargin> margins, IReadOnlyList<IReadOnlyList<string>> levels, RakingOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        CheckMargins(margins);
        ArgumentNullException.ThrowIfNull(levels);
        if (levels.Count != margins.Count)
        {
            throw new ArgumentException($"levels has {levels.Count} lists but there are {margins.Count} margins; give one list per margin.", nameof(levels));
        }

        var codes = new int[margins.Count][];
        for (int m = 0; m < margins.Count; m++)
        {
            var column = levels[m] ?? throw new ArgumentNullException(nameof(levels), $"levels[{m}] is null.");
            var margin = margins[m];
            codes[m] = new int[column.Count];
            for (int i = 0; i < column.Count; i++)
            {
                int code = margin.IndexOf(column[i]);
                if (code < 0)
                {
                    throw new ArgumentException($"levels[{m}][{i}] = '{column[i]}' has no share in the margin of '{margin.Variable}'; every level in the data needs one.", nameof(levels));
                }

                codes[m][i] = code;
            }
        }

        return Rake(margins, codes, options, cancellationToken);
    }

    private static void CheckMargins(IReadOnlyList<RakingMargin> margins)
    {
        ArgumentNullException.ThrowIfNull(margins);
        if (margins.Count == 0)
        {
            throw new ArgumentException("Raking needs at least one margin.", nameof(margins));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int m = 0; m < margins.Count; m++)
        {
            var margin = margins[m] ?? throw new ArgumentNullException(nameof(margins), $"margins[{m}] is null.");
            if (!seen.Add(margin.Variable))
            {
                throw new ArgumentException($"margins[{m}] repeats the variable '{margin.Variable}'.", nameof(margins));
            }
        }
    }

    private static RakedWeights Fit(IReadOnlyList<RakingMargin> margins, IReadOnlyList<int[]> codes, int n, RakingOptions options, CancellationToken token)
    {
        int marginCount = margins.Count;
        var sizes = new int[marginCount];
        long product = 1;
        for (int m = 0; m < marginCount; m++)
        {
            sizes[m] = margins[m].Levels.Count;
            product = product > long.MaxValue / sizes[m] ? long.MaxValue : product * sizes[m];
        }

        // Pass over the rows: the mixed-radix code of each row's cell (margin by margin over a chunk of rows, sequential
        // access), then compaction to the observed cells in order of first appearance; cellOfRow holds the code, then the cell.
        var cellOfRow = new int[n];
        var keys = new List<long>();
        var counts = new List<long>();
        const int chunk = 1 << 16;
        if (product <= DirectCellLimit)
        {
            var perKey = new long[product];
            for (int start = 0; start < n; start += chunk)
            {
                token.ThrowIfCancellationRequested();
                var block = cellOfRow.AsSpan(start, Math.Min(chunk, n - start));
                for (int m = 0; m < marginCount; m++)
                {
                    var column = codes[m].AsSpan(start, block.Length);
                    int size = sizes[m];
                    for (int i = 0; i < block.Length; i++)
                    {
                        int code = column[i];
                        if ((uint)code >= (uint)size)
                        {
                            throw OutOfRange(margins, m, start + i, code, size);
                        }

                        block[i] = block[i] * size + code;
                    }
                }

                foreach (int key in block)
                {
                    perKey[key]++;
                }
            }

            // Cells in order of first appearance, so the compact numbering does not depend on the level order.
            var cellOfKey = new int[product];
            foreach (int key in cellOfRow)
            {
                if (cellOfKey[key] == 0)
                {
                    keys.Add(key);
                    counts.Add(perKey[key]);
                    cellOfKey[key] = keys.Count;
                }
            }

            for (int i = 0; i < n; i++)
            {
                cellOfRow[i] = cellOfKey[cellOfRow[i]] - 1;
            }
        }
        else
        {
            var hashed = new Dictionary<long, int>();
            for (int i = 0; i < n; i++)
            {
                if ((i & (chunk - 1)) == 0)
                {
                    token.ThrowIfCancellationRequested();
                }

                long key = 0;
                for (int m = 0; m < marginCount; m++)
                {
                    int code = codes[m][i];
                    if ((uint)code >= (uint)sizes[m])
                    {
                        throw OutOfRange(margins, m, i, code, sizes[m]);
                    }

                    key = key * sizes[m] + code;
                }

                ref int slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(hashed, key, out bool exists);
                if (!exists)
                {
                    slot = keys.Count;
                    keys.Add(key);
                    counts.Add(0);
                }

                cellOfRow[i] = slot;
                counts[slot]++;
            }
        }

        int cells = keys.Count;
        var cellLevels = new int[marginCount][];
        for (int m = 0; m < marginCount; m++)
        {
            cellLevels[m] = new int[cells];
        }

        for (int c = 0; c < cells; c++)
        {
            long key = keys[c];
            for (int m = marginCount - 1; m >= 0; m--)
            {
                cellLevels[m][c] = (int)(key % sizes[m]);
                key /= sizes[m];
            }
        }

        var cellCount = counts.ToArray();
        for (int m = 0; m < marginCount; m++)
        {
            var present = new bool[sizes[m]];
            for (int c = 0; c < cells; c++)
            {
                present[cellLevels[m][c]] = true;
            }

            int absent = Array.IndexOf(present, false);
            if (absent >= 0)
            {
                throw new ArgumentException($"Level '{margins[m].Levels[absent]}' of the margin of '{margins[m].Variable}' has a share but no respondent; raking cannot reach its share.", nameof(margins));
            }
        }

        // Iterative proportional fitting over the cells: weights sum to n, targets are share × n.
        var weight = new double[cells];
        Array.Fill(weight, 1.0);
        double lower = options.LowerBound ?? 0.0, upper = options.UpperBound ?? double.PositiveInfinity;
        bool trimming = options.LowerBound is not null || options.UpperBound is not null;
        int iterations = 0;
        double error = MaxMarginError(margins, cellLevels, cellCount, weight, n);
        while (!(error < options.Tolerance && (!trimming || InBounds(weight, lower, upper))) && iterations < options.MaxIterations)
        {
            token.ThrowIfCancellationRequested();
            for (int m = 0; m < marginCount; m++)
            {
                var totals = LevelTotals(cellLevels[m], sizes[m], cellCount, weight);
                var shares = margins[m].Shares;
                var factor = new double[sizes[m]];
                for (int l = 0; l < factor.Length; l++)
                {
                    factor[l] = totals[l] > 0 ? shares[l] * n / totals[l] : 1.0;
                }

                var levelOf = cellLevels[m];
                for (int c = 0; c < cells; c++)
                {
                    double w = weight[c] * factor[levelOf[c]];
                    weight[c] = trimming ? Math.Clamp(w, lower, upper) : w;
                }
            }

            iterations++;
            error = MaxMarginError(margins, cellLevels, cellCount, weight, n);
        }

        bool converged = error < options.Tolerance && (!trimming || InBounds(weight, lower, upper));
        return new RakedWeights(margins.ToArray(), cellOfRow, cellCount, cellLevels, weight, iterations, converged, error, options);
    }

    private static ArgumentOutOfRangeException OutOfRange(IReadOnlyList<RakingMargin> margins, int m, int i, int code, int size) =>
        new("levelIndices", code, $"levelIndices[{m}][{i}] = {code} is not a level of the margin of '{margins[m].Variable}' (0 to {size - 1}).");

    private static bool InBounds(double[] weight, double lower, double upper)
    {
        foreach (double w in weight)
        {
            if (w < lower || w > upper)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Σ over the cells of each level of one margin of count × weight.</summary>
    internal static double[] LevelTotals(int[] levelOf, int levels, long[] cellCount, double[] weight)
    {
        var totals = new double[levels];
        for (int c = 0; c < weight.Length; c++)
        {
            totals[levelOf[c]] += cellCount[c] * weight[c];
        }

        return totals;
    }

    /// <summary>max over margins and levels of |weighted share − target share|, the weighted shares over the total weight.</summary>
    internal static double MaxMarginError(IReadOnlyList<RakingMargin> margins, int[][] cellLevels, long[] cellCount, double[] weight, int n)
    {
        double total = 0;
        for (int c = 0; c < weight.Length; c++)
        {
            total += cellCount[c] * weight[c];
        }

        double worst = 0;
        for (int m = 0; m < margins.Count; m++)
        {
            var totals = LevelTotals(cellLevels[m], margins[m].Levels.Count, cellCount, weight);
            for (int l = 0; l < totals.Length; l++)
            {
                worst = Math.Max(worst, Math.Abs(totals[l] / total - margins[m].Shares[l]));
            }
        }

        return worst;
    }
}
