namespace TrustMetrics.TrustIndex;

/// <summary>
/// The survey reduced to what every analysis needs: each respondent's dimension scores (row-major n×p, scale units, NaN when
/// the missing-answer policy leaves the dimension unscored), the reverse-coded item answers per dimension for reliability,
/// and the segment of each used row. Built once; validation of answers and item names happens here.
/// </summary>
internal sealed class RespondentScores
{
    private RespondentScores(int dimensions, string[] names, double[] scores, int[] rows, string[]? segments, double[]? outcome,
        double[][] itemValues, string[][] itemNames, bool[][] reversed)
    {
        DimensionCount = dimensions;
        DimensionNames = names;
        Scores = scores;
        SourceRows = rows;
        Segments = segments;
        Outcome = outcome;
        ItemValues = itemValues;
        ItemNames = itemNames;
        Reversed = reversed;
    }

    public int DimensionCount { get; }

    public string[] DimensionNames { get; }

    /// <summary>Used rows × dimensions, row-major, scale units, NaN = unscored.</summary>
    public double[] Scores { get; }

    /// <summary>Survey row of each used row.</summary>
    public int[] SourceRows { get; }

    public int Count => SourceRows.Length;

    /// <summary>Segment of each used row, or null.</summary>
    public string[]? Segments { get; }

    /// <summary>Outcome of each used row (NaN = missing), or null.</summary>
    public double[]? Outcome { get; }

    /// <summary>Per dimension: used rows × its items (reverse-coded answers reversed, NaN = unanswered).</summary>
    public double[][] ItemValues { get; }

    public string[][] ItemNames { get; }

    public bool[][] Reversed { get; }

    public static RespondentScores Build(TrustSurvey survey, TrustIndexOptions options, string argumentName)
    {
        int p = options.Dimensions.Count;
        int itemCount = survey.ItemNames.Count;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < itemCount; i++)
        {
            index[survey.ItemNames[i]] = i;
        }

        foreach (string reversedItem in options.ReverseCodedItems)
        {
            if (!index.ContainsKey(reversedItem))
            {
                throw new ArgumentException($"The reverse-coded item '{reversedItem}' is not an item of the survey. Items: {string.Join(", ", survey.ItemNames)}.",
                    nameof(options));
            }
        }

        var columns = new int[p][];
        for (int j = 0; j < p; j++)
        {
            var d = options.Dimensions[j];
            columns[j] = new int[d.Items.Count];
            for (int i = 0; i < d.Items.Count; i++)
            {
                columns[j][i] = index.TryGetValue(d.Items[i], out int c)
                    ? c
                    : throw new ArgumentException($"Dimension '{d.Name}' names the item '{d.Items[i]}', which is not an item of the survey. Items: {string.Join(", ", survey.ItemNames)}.",
                        nameof(options));
            }
        }

        var reverse = new HashSet<string>(options.ReverseCodedItems, StringComparer.Ordinal);
        int min = options.Scale.Min, max = options.Scale.Max;
        var values = survey.RawResponses;
        int n = survey.RespondentCount;

        // Validate every cell of a model item once (cells of unused columns are not the index's business).
        var used = new bool[itemCount];
        foreach (var cols in columns)
        {
            foreach (int c in cols)
            {
                used[c] = true;
            }
        }

        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < itemCount; c++)
            {
                double v = values[(r * itemCount) + c];
                if (used[c] && !double.IsNaN(v) && !(v >= min && v <= max))
                {
                    throw new ArgumentOutOfRangeException(argumentName, v,
                        $"{argumentName}.Responses[row {r}, item '{survey.ItemNames[c]}'] = {Guard.Format(v)} is outside the scale {min}–{max}.");
                }
            }
        }

        // Reverse-coding per column once, so the per-cell loop is a flag test rather than a hash lookup.
        var reversedColumn = survey.ItemNames.Select(reverse.Contains).ToArray();
        var scores = new List<double>(n * p);
        var rows = new List<int>(n);
        var rowScores = new double[p];
        for (int r = 0; r < n; r++)
        {
            bool any = false, all = true;
            for (int j = 0; j < p; j++)
            {
                double sum = 0;
                int answered = 0;
                foreach (int c in columns[j])
                {
                    double v = values[(r * itemCount) + c];
                    if (!double.IsNaN(v))
                    {
                        sum += reversedColumn[c] ? min + max - v : v;
                        answered++;
                    }
                }

                bool enough = options.MissingAnswers == MissingAnswerPolicy.Listwise
                    ? answered == columns[j].Length
                    : answered > 0 && answered >= options.MinimumAnsweredShare * columns[j].Length - 1e-12;
                rowScores[j] = enough ? sum / answered : double.NaN;
                any |= enough;
                all &= answered == columns[j].Length;
            }

            bool keep = options.MissingAnswers == MissingAnswerPolicy.Listwise ? all : any;
            if (keep)
            {
                rows.Add(r);
                scores.AddRange(rowScores);
            }
        }

        var rowArray = rows.ToArray();
        var itemValues = new double[p][];
        var itemNames = new string[p][];
        var reversed = new bool[p][];
        for (int j = 0; j < p; j++)
        {
            int k = columns[j].Length;
            itemValues[j] = new double[rowArray.Length * k];
            itemNames[j] = [.. options.Dimensions[j].Items];
            reversed[j] = itemNames[j].Select(reverse.Contains).ToArray();
            for (int u = 0; u < rowArray.Length; u++)
            {
                for (int i = 0; i < k; i++)
                {
                    double v = values[(rowArray[u] * itemCount) + columns[j][i]];
                    itemValues[j][(u * k) + i] = reversed[j][i] && !double.IsNaN(v) ? min + max - v : v;
                }
            }
        }

        string[]? segments = survey.RawSegments is { } s ? rowArray.Select(r => s[r]).ToArray() : null;
        double[]? outcome = survey.RawOutcome is { } o ? rowArray.Select(r => o[r]).ToArray() : null;
        return new RespondentScores(p, options.Dimensions.Select(d => d.Name).ToArray(), scores.ToArray(), rowArray, segments, outcome,
            itemValues, itemNames, reversed);
    }

    /// <summary>Item values of dimension <paramref name="j"/> restricted to the given used rows.</summary>
    public double[] ItemValuesOf(int j, IReadOnlyList<int> usedRows)
    {
        int k = ItemNames[j].Length;
        if (usedRows.Count == Count)
        {
            return ItemValues[j];
        }

        var result = new double[usedRows.Count * k];
        for (int u = 0; u < usedRows.Count; u++)
        {
            Array.Copy(ItemValues[j], usedRows[u] * k, result, u * k, k);
        }

        return result;
    }
}
