using System.Globalization;
using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Nps;

/// <summary>
/// Paired two-wave NPS: the same n respondents answered before (wave 1) and after (wave 2). With π_ij the share of the
/// respondents in category i in wave 1 and j in wave 2 (i, j ∈ {detractor, passive, promoter} scored s = −1, 0, +1), the
/// difference Δ = NPS₂ − NPS₁ = (p₂₊ − p₂₋) − (p₁₊ − p₁₋) = Σ c_ij·π_ij with c_ij = s_j − s_i ∈ {−2, …, 2}: the mean change
/// of the respondents' ±1/0 scores. The nine counts are one multinomial sample, so
/// Var(Δ̂) = cᵀ(diag(π) − ππᵀ)c / n = (Σ c_ij²·π_ij − Δ²) / n = (V₁ + V₂ − 2·Cov(s₁, s₂)) / n, estimated at π̂ (the
/// independent-samples formula (V₁ + V₂)/n drops the covariance: too wide when the waves correlate positively). Wald or score
/// interval (<see cref="PairedNpsIntervalMethod"/>), the movement table (nine cells), promoters and detractors gained and lost,
/// and Bowker's symmetry test. Derivation and sources: docs/nps.md §Paired waves. All scores, SEs and bounds are in points.
/// </summary>
/// <remarks>Render with <see cref="ResultFormatter"/> (HTML or markdown).</remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class PairedNpsComparison : ITabularResult
{
    private static readonly NpsCategory[] Order = [NpsCategory.Detractor, NpsCategory.Passive, NpsCategory.Promoter];

    private readonly PairedNpsMovement[] movement;

    private PairedNpsComparison(PairedNpsTally tally, double difference, double standardError, double independentStandardError,
        ConfidenceInterval interval, double? pValue, PairedNpsIntervalMethod method, PairedNpsMovement[] movement, BowkerSymmetryTest? symmetry)
    {
        Tally = tally;
        Difference = difference;
        StandardError = standardError;
        IndependentStandardError = independentStandardError;
        Interval = interval;
        PValue = pValue;
        Method = method;
        this.movement = movement;
        Symmetry = symmetry;
        var before = tally.Before;
        var after = tally.After;
        Before = 100.0 * (before.Promoters - before.Detractors) / before.Count;
        After = 100.0 * (after.Promoters - after.Detractors) / after.Count;
    }

    /// <summary>The transition table the result was computed from (n ≥ 1).</summary>
    public PairedNpsTally Tally { get; }

    /// <summary>n: respondents who answered both waves.</summary>
    public long Respondents => Tally.Count;

    /// <summary>NPS₁ of the paired respondents in wave 1, in points.</summary>
    public double Before { get; }

    /// <summary>NPS₂ of the paired respondents in wave 2, in points.</summary>
    public double After { get; }

    /// <summary>Δ = NPS₂ − NPS₁ in points (computed from the table: exactly the mean change of the ±1/0 scores × 100).</summary>
    public double Difference { get; }

    /// <summary>
    /// Paired standard error of Δ in points: 100·√((Σ c_ij²·π̂_ij − Δ̂²)/n) (the multinomial covariance of the nine cells). 0 when every
    /// respondent has the same change (n = 1, all in one cell, all on the diagonal): then the Wald interval has zero width and the Wald p is null.
    /// </summary>
    public double StandardError { get; }

    /// <summary>
    /// What the independent-samples formula would give, 100·√((V₁ + V₂)/n) with V_k = p_k₊ + p_k₋ − NPS_k² (shares): shown for
    /// comparison only; it ignores the within-respondent covariance and is wrong for a panel.
    /// </summary>
    public double IndependentStandardError { get; }

    /// <summary>Interval of Δ in points by <see cref="Method"/> (method name "score" or "wald"), always inside [−200, 200].</summary>
    public ConfidenceInterval Interval { get; }

    /// <summary>
    /// Two-sided p-value of H₀ Δ = 0 by <see cref="Method"/>: the score test (1 when Δ̂ = 0), or the Wald z test
    /// (<c>null</c> when SE = 0).
    /// </summary>
    public double? PValue { get; }

    /// <summary>The interval and test method.</summary>
    public PairedNpsIntervalMethod Method { get; }

    /// <summary>The nine cells in row-major order (from detractor, passive, promoter × to detractor, passive, promoter) with counts and shares.</summary>
    public IReadOnlyList<PairedNpsMovement> Movement => movement;

    /// <summary>Wave-2 promoters who were not promoters in wave 1: n(detractor → promoter) + n(passive → promoter).</summary>
    public long PromotersGained => Tally.Cell(0, 2) + Tally.Cell(1, 2);

    /// <summary>Wave-1 promoters who are not promoters in wave 2: n(promoter → detractor) + n(promoter → passive).</summary>
    public long PromotersLost => Tally.Cell(2, 0) + Tally.Cell(2, 1);

    /// <summary>Wave-2 detractors who were not detractors in wave 1: n(passive → detractor) + n(promoter → detractor).</summary>
    public long DetractorsGained => Tally.Cell(1, 0) + Tally.Cell(2, 0);

    /// <summary>Wave-1 detractors who are not detractors in wave 2: n(detractor → passive) + n(detractor → promoter).</summary>
    public long DetractorsLost => Tally.Cell(0, 1) + Tally.Cell(0, 2);

    /// <summary>Bowker's test that movement between every pair of categories is as frequent each way; <c>null</c> when nobody changed category.</summary>
    public BowkerSymmetryTest? Symmetry { get; }

    /// <summary>
    /// The paired comparison of a transition table. Δ, its SE, the interval and test by <paramref name="method"/>, the movement
    /// table and Bowker's test (formulas in the type summary and in docs/nps.md §Paired waves).
    /// </summary>
    /// <param name="tally">The 3×3 table of the respondents who answered both waves; not empty.</param>
    /// <param name="confidenceLevel">Interval level, strictly between 0 and 1.</param>
    /// <param name="method">Score (default) or Wald.</param>
    /// <exception cref="ArgumentException">The tally is empty, the level is outside (0, 1) or the method is undefined.</exception>
    public static PairedNpsComparison Compare(PairedNpsTally tally, double confidenceLevel = 0.95, PairedNpsIntervalMethod method = PairedNpsIntervalMethod.Score)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        Guard.Defined(method);
        long count = tally.Count;
        if (count == 0)
        {
            throw Guard.Empty("A paired NPS comparison", nameof(tally));
        }

        double n = count;
        var byChange = PairedNpsScore.ChangeCounts(tally);
        double mean = 0, square = 0;
        for (int v = 0; v < byChange.Length; v++)
        {
            double share = byChange[v] / n, change = v - 2;
            mean += share * change;
            square += share * change * change;
        }

        double variance = Math.Max(0.0, square - (mean * mean));
        double se = Math.Sqrt(variance / n);
        double independent = Math.Sqrt((TrinomialVariance(tally.Before) + TrinomialVariance(tally.After)) / n);
        double z = CriticalValues.TwoSidedZ(confidenceLevel);
        ConfidenceInterval interval;
        double? p;
        if (method == PairedNpsIntervalMethod.Wald)
        {
            interval = new ConfidenceInterval(Math.Max(-2.0, mean - (z * se)), Math.Min(2.0, mean + (z * se)), confidenceLevel, "wald");
            p = se > 0 ? CriticalValues.TwoSidedP(mean / se) : null;
        }
        else
        {
            var score = new PairedNpsScore(byChange);
            var (lower, upper) = score.Interval(z);
            interval = new ConfidenceInterval(lower, upper, confidenceLevel, "score");
            p = CriticalValues.TwoSidedP(score.Statistic(0.0));
        }

        var cells = new PairedNpsMovement[9];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                long c = tally.Cell(i, j);
                cells[(3 * i) + j] = new PairedNpsMovement(Order[i], Order[j], c, c / n);
            }
        }

        return new PairedNpsComparison(tally, 100.0 * mean, 100.0 * se, 100.0 * independent, interval.Scale(100.0), p, method, cells,
            BowkerSymmetryTest.Of(tally));
    }

    /// <summary>"NPS 11.2 → 22.6: Δ +11.4 [4.1, 18.6] (95% score, n = 535)" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"NPS {Before:0.0} → {After:0.0}: Δ {Difference:+0.0;-0.0;0.0} [{Interval.Lower:0.0}, {Interval.Upper:0.0}] ({Interval.Level * 100:0.##}% {Interval.Method}, n = {Respondents})");

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable("Paired NPS (two waves)", "wave 1 → wave 2", "detractor", "passive", "promoter", "total");
        string[] names = ["detractor", "passive", "promoter"];
        for (int i = 0; i < 3; i++)
        {
            table.Row(names[i], Cell(i, 0), Cell(i, 1), Cell(i, 2), InvariantText.Count(Tally.Cell(i, 0) + Tally.Cell(i, 1) + Tally.Cell(i, 2)));
        }

        table.Note(string.Create(CultureInfo.InvariantCulture,
            $"n = {InvariantText.Count(Respondents)} paired respondents; NPS {InvariantText.Number(Before, "0.0")} → {InvariantText.Number(After, "0.0")}, "
            + $"Δ = {InvariantText.Number(Difference, "+0.0;-0.0;0.0")} points, paired SE {InvariantText.Number(StandardError, "0.0")} "
            + $"(independent-samples formula: {InvariantText.Number(IndependentStandardError, "0.0")}), {InvariantText.IntervalHeader(Interval)} "
            + $"{InvariantText.Bounds(Interval, "0.0")} ({Interval.Method}), p = {(PValue is double p ? InvariantText.PValue(p) : "–")}."));
        table.Note($"Promoters +{InvariantText.Count(PromotersGained)} / −{InvariantText.Count(PromotersLost)}, detractors +{InvariantText.Count(DetractorsGained)} / −{InvariantText.Count(DetractorsLost)}; "
            + (Symmetry is { } s
                ? $"Bowker symmetry χ² = {InvariantText.Number(s.Statistic, "0.###")}, df = {s.DegreesOfFreedom}, p = {InvariantText.PValue(s.PValue)}."
                : "nobody changed category (no symmetry test)."));
        return table;
    }

    private string Cell(int i, int j) => $"{InvariantText.Count(Tally.Cell(i, j))} ({InvariantText.Percent(movement[(3 * i) + j].Share)})";

    private static double TrinomialVariance(NpsTally t)
    {
        double p = (double)t.Promoters / t.Count, d = (double)t.Detractors / t.Count;
        return Math.Max(0.0, p + d - ((p - d) * (p - d)));
    }
}
