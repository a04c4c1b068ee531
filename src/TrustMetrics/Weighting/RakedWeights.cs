using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Weighting;

/// <summary>
/// Respondent weights raked to population margins (<see cref="Raking.Rake(IReadOnlyList{RakingMargin}, IReadOnlyList{int[]}, RakingOptions?, CancellationToken)"/>),
/// with the convergence report (sweeps, largest margin error), the trimming outcome, Kish's effective sample size
/// n_eff = (Σw)²/Σw² and the design effect of weighting n/n_eff = 1 + CV²(w). The weights have mean 1 (exactly when not trimmed).
/// Weighted estimates with the standard errors of R <c>survey::svymean</c> on the raked design come from <see cref="Nps"/>,
/// <see cref="TopBox"/> and <see cref="Mean"/>. Render with <see cref="ResultFormatter"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class RakedWeights : ITabularResult
{
    /// <summary>Backfitting sweeps R <c>survey:::svyrecvar</c> applies to a raked design's influence values (its fixed 10).</summary>
    internal const int CalibrationSweeps = 10;

    private readonly RakingMargin[] margins;
    private readonly int[] cellOfRow;
    private readonly long[] cellCount;
    private readonly int[][] cellLevels;
    private readonly double[] cellWeight;
    private readonly RowWeights weights;

    internal RakedWeights(RakingMargin[] margins, int[] cellOfRow, long[] cellCount, int[][] cellLevels, double[] cellWeight,
        int iterations, bool converged, double maxMarginError, RakingOptions options)
    {
        this.margins = margins;
        this.cellOfRow = cellOfRow;
        this.cellCount = cellCount;
        this.cellLevels = cellLevels;
        this.cellWeight = cellWeight;
        weights = new RowWeights(cellOfRow, cellWeight);
        Iterations = iterations;
        Converged = converged;
        MaxMarginError = maxMarginError;
        Options = options;
        double sum = 0, squares = 0, min = double.PositiveInfinity, max = 0;
        long trimmed = 0;
        for (int c = 0; c < cellWeight.Length; c++)
        {
            double w = cellWeight[c];
            sum += cellCount[c] * w;
            squares += cellCount[c] * w * w;
            min = Math.Min(min, w);
            max = Math.Max(max, w);
            if ((options.LowerBound is double lo && w <= lo) || (options.UpperBound is double hi && w >= hi))
            {
                trimmed += cellCount[c];
            }
        }

        TotalWeight = sum;
        EffectiveSampleSize = squares > 0 ? sum / squares * sum : 0;
        MinWeight = min;
        MaxWeight = max;
        TrimmedCount = trimmed;
    }

    /// <summary>The margins raked to.</summary>
    public IReadOnlyList<RakingMargin> Margins => margins;

    /// <summary>The options used (tolerance, sweeps, bounds).</summary>
    public RakingOptions Options { get; }

    /// <summary>Number of respondents n.</summary>
    public int Count => cellOfRow.Length;

    /// <summary>Number of distinct cells of the cross-classification held by respondents (the size of the fitting problem).</summary>
    public int CellCount => cellWeight.Length;

    /// <summary>The weight of every respondent, in input order (a view over the cell weights; no copy).</summary>
    public IReadOnlyList<double> Weights => weights;

    /// <summary>Sweeps over all margins performed.</summary>
    public int Iterations { get; }

    /// <summary>True when every weighted margin share is within <see cref="RakingOptions.Tolerance"/> of its target (and, with trimming, every weight within the bounds).</summary>
    public bool Converged { get; }

    /// <summary>max over margins and levels of |Σ_{level} w / Σw − share| after the last sweep.</summary>
    public double MaxMarginError { get; }

    /// <summary>Σw (= n when not trimmed).</summary>
    public double TotalWeight { get; }

    /// <summary>Kish (1965) effective sample size (Σw)²/Σw².</summary>
    public double EffectiveSampleSize { get; }

    /// <summary>Kish design effect of weighting n·Σw²/(Σw)² = 1 + CV²(w).</summary>
    public double DesignEffect => Count / EffectiveSampleSize;

    /// <summary>Smallest weight.</summary>
    public double MinWeight { get; }

    /// <summary>Largest weight.</summary>
    public double MaxWeight { get; }

    /// <summary>Respondents whose weight sits at a trimming bound (0 without bounds).</summary>
    public long TrimmedCount { get; }

    /// <summary>Weighted share of each level of <paramref name="margin"/> (Σ_{level} w / Σw), in the order of its levels.</summary>
    /// <param name="margin">Position of the margin in <see cref="Margins"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">No such margin.</exception>
    public IReadOnlyList<double> AchievedShares(int margin)
    {
        if ((uint)margin >= (uint)margins.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, $"margin must be 0 to {margins.Length - 1}; got {margin}.");
        }

        var totals = Raking.LevelTotals(cellLevels[margin], margins[margin].Levels.Count, cellCount, cellWeight);
        for (int l = 0; l < totals.Length; l++)
        {
            totals[l] /= TotalWeight;
        }

        return totals;
    }

    /// <summary>
    /// Raked NPS in points, 100·(Σw over promoters − Σw over detractors)/Σw, with the raked-design standard error
    /// (see <see cref="Mean"/>) of y = 100·(1{score ≥ 9} − 1{score ≤ 6}).
    /// </summary>
    /// <param name="scores">One 0–10 score per respondent, in the order raked.</param>
    /// <param name="confidenceLevel">Level of the Wald interval, strictly between 0 and 1.</param>
    /// <exception cref="ArgumentException">The span's length is not <see cref="Count"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 0–10 (the message names its index and value) or the level is invalid.</exception>
    public RakedEstimate Nps(ReadOnlySpan<int> scores, double confidenceLevel = 0.95)
    {
        CheckLength(scores.Length, nameof(scores));
        var y = new double[scores.Length];
        for (int i = 0; i < y.Length; i++)
        {
            int s = scores[i];
            if ((uint)s > 10)
            {
                throw new ArgumentOutOfRangeException(nameof(scores), s, $"scores[{i}] = {s} is not an NPS score 0–10.");
            }

            y[i] = s >= 9 ? 100.0 : s <= 6 ? -100.0 : 0.0;
        }

        return Estimate("NPS", y, confidenceLevel, nameof(confidenceLevel));
    }

    /// <summary>Raked top-box percent, 100·Σw·1{score ≥ threshold}/Σw, with the raked-design standard error (see <see cref="Mean"/>).</summary>
    /// <param name="scores">One answer per respondent, in the order raked.</param>
    /// <param name="threshold">The lowest answer counted in the top box.</param>
    /// <param name="confidenceLevel">Level of the Wald interval, strictly between 0 and 1.</param>
    /// <exception cref="ArgumentException">The span's length is not <see cref="Count"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The level is invalid.</exception>
    public RakedEstimate TopBox(ReadOnlySpan<int> scores, int threshold, double confidenceLevel = 0.95)
    {
        CheckLength(scores.Length, nameof(scores));
        var y = new double[scores.Length];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = scores[i] >= threshold ? 100.0 : 0.0;
        }

        return Estimate(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"top box ≥ {threshold} (%)"), y, confidenceLevel, nameof(confidenceLevel));
    }

    /// <summary>
    /// Raked mean Σw·y/Σw with the standard error R <c>survey::svymean</c> gives on a design raked by <c>survey::rake</c>: the
    /// linearization of the ratio mean with the raking's calibration adjustment. The influence values
    /// xᵢ = wᵢ(yᵢ − ȳ_w)/Σw are replaced by residuals from backfitting z = x/w on the margin indicators (ten sweeps over the
    /// margins, each subtracting the plain mean of z within every level, as <c>survey:::svyrecvar</c> does), and
    /// SE² = n/(n−1)·Σ(xᵢ − x̄)². <see cref="RakedEstimate.FixedWeightStandardError"/> is the same without the adjustment (the
    /// weights taken as fixed); the raked SE is usually slightly smaller. The interval is Wald (normal quantile), as
    /// <c>confint(svymean(…))</c>.
    /// </summary>
    /// <param name="values">One finite value per respondent, in the order raked.</param>
    /// <param name="confidenceLevel">Level of the Wald interval, strictly between 0 and 1.</param>
    /// <exception cref="ArgumentException">The span's length is not <see cref="Count"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite (the message names its index and value) or the level is invalid.</exception>
    public RakedEstimate Mean(ReadOnlySpan<double> values, double confidenceLevel = 0.95)
    {
        CheckLength(values.Length, nameof(values));
        Guard.AllFinite(values);
        return Estimate("mean", values, confidenceLevel, nameof(confidenceLevel));
    }

    /// <summary>"Raked 4,000 respondents on 2 margins: 12 sweeps, max margin error 3.1e-13, n_eff 3,708.4 (deff 1.079)" (invariant culture).</summary>
    public override string ToString() =>
        $"Raked {InvariantText.Count(Count)} respondents on {margins.Length} margins: {Iterations} sweeps{(Converged ? string.Empty : " (not converged)")}, "
        + $"max margin error {InvariantText.Number(MaxMarginError, "G2")}, n_eff {InvariantText.Number(EffectiveSampleSize, "#,0.0")} (deff {InvariantText.Number(DesignEffect, "0.000")})";

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable("Raking", "variable", "level", "target", "achieved");
        for (int m = 0; m < margins.Length; m++)
        {
            var achieved = AchievedShares(m);
            for (int l = 0; l < achieved.Count; l++)
            {
                table.Row(margins[m].Variable, margins[m].Levels[l], InvariantText.Percent(margins[m].Shares[l]), InvariantText.Percent(achieved[l]));
            }
        }

        return table.Note(ToString() + ".")
            .Note($"Weights from {InvariantText.Number(MinWeight, "0.###")} to {InvariantText.Number(MaxWeight, "0.###")}; {InvariantText.Count(TrimmedCount)} respondents at a trimming bound.");
    }

    private void CheckLength(int length, string paramName)
    {
        if (length != Count)
        {
            throw new ArgumentException($"{paramName} has {length} elements but {Count} respondents were raked; give one per respondent, in the order raked.", paramName);
        }
    }

    private RakedEstimate Estimate(string statistic, ReadOnlySpan<double> y, double level, string levelName)
    {
        Guard.ConfidenceLevel(level, levelName);
        int cells = cellWeight.Length, n = Count;

        // Weighted mean from the cell sums of y.
        var sum = new double[cells];
        for (int i = 0; i < n; i++)
        {
            sum[cellOfRow[i]] += y[i];
        }

        double mean = 0;
        for (int c = 0; c < cells; c++)
        {
            mean += cellWeight[c] * sum[c];
        }

        mean /= TotalWeight;
        if (!double.IsFinite(mean))
        {
            throw new ArgumentOutOfRangeException("values", mean, "The weighted sum of the values overflows; rescale the values (for example to thousands).");
        }

        // Cell sums of the centred values: Σ(y − ȳ) and Σ(y − ȳ)².
        var d1 = new double[cells];
        var d2 = new double[cells];
        for (int i = 0; i < n; i++)
        {
            double d = y[i] - mean;
            int c = cellOfRow[i];
            d1[c] += d;
            d2[c] += d * d;
        }

        double fixedVariance = Variance(d1, d2, new double[cells]);

        // Backfitting of z = (y − ȳ)/Σw on the margin indicators, as survey:::svyrecvar does for a "raking" postStrata entry:
        // for 10 sweeps, for each margin, z ← z − (plain mean of z within the level). Tracked per cell as the offset A_c.
        var offset = new double[cells];
        for (int sweep = 0; sweep < CalibrationSweeps; sweep++)
        {
            for (int m = 0; m < margins.Length; m++)
            {
                var levelOf = cellLevels[m];
                int levels = margins[m].Levels.Count;
                var zSum = new double[levels];
                var count = new double[levels];
                for (int c = 0; c < cells; c++)
                {
                    zSum[levelOf[c]] += d1[c] / TotalWeight - cellCount[c] * offset[c];
                    count[levelOf[c]] += cellCount[c];
                }

                for (int c = 0; c < cells; c++)
                {
                    offset[c] += zSum[levelOf[c]] / count[levelOf[c]];
                }
            }
        }

        double rakedVariance = Variance(d1, d2, offset);
        if (double.IsNaN(rakedVariance) || double.IsNaN(fixedVariance) || (n > 1 && (double.IsInfinity(rakedVariance) || double.IsInfinity(fixedVariance))))
        {
            throw new ArgumentOutOfRangeException("values", rakedVariance, "The squared deviations of the values overflow; rescale the values (for example to thousands).");
        }
        double z = CriticalValues.TwoSidedZ(level);
        double se = n > 1 ? Math.Sqrt(rakedVariance) : double.PositiveInfinity;
        double fixedSe = n > 1 ? Math.Sqrt(fixedVariance) : double.PositiveInfinity;
        var interval = n > 1
            ? new ConfidenceInterval(mean - z * se, mean + z * se, level, "wald")
            : new ConfidenceInterval(double.NegativeInfinity, double.PositiveInfinity, level, "wald");
        return new RakedEstimate(statistic, new Estimate(mean, se, interval), fixedSe, n, EffectiveSampleSize);
    }

    /// <summary>n/(n−1)·Σ(xᵢ − x̄)² for xᵢ = w_c·((yᵢ − ȳ)/Σw − A_c), from the cell sums of the centred y.</summary>
    private double Variance(double[] d1, double[] d2, double[] offset)
    {
        int n = Count;
        double total = TotalWeight, sumX = 0, sumX2 = 0;
        for (int c = 0; c < cellWeight.Length; c++)
        {
            double w = cellWeight[c], a = offset[c], z1 = d1[c] / total, z2 = d2[c] / (total * total);
            sumX += w * (z1 - cellCount[c] * a);
            sumX2 += w * w * (z2 - 2 * a * z1 + cellCount[c] * a * a);
        }

        double centred = Math.Max(0.0, sumX2 - sumX * sumX / n);
        return n > 1 ? centred * n / (n - 1) : double.PositiveInfinity;
    }

    /// <summary>A read-only view of the per-row weights: the cell weight of the row's cell.</summary>
    private sealed class RowWeights(int[] cellOfRow, double[] cellWeight) : IReadOnlyList<double>
    {
        public double this[int index] => cellWeight[cellOfRow[index]];

        public int Count => cellOfRow.Length;

        public IEnumerator<double> GetEnumerator()
        {
            for (int i = 0; i < cellOfRow.Length; i++)
            {
                yield return cellWeight[cellOfRow[i]];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
