using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex;

/// <summary>How a driver's performance is measured in an importance–performance analysis.</summary>
public enum DriverPerformance
{
    /// <summary>Mean dimension score on 0–100: 100·(mean answer − scale minimum) / (scale maximum − scale minimum).</summary>
    Mean,

    /// <summary>
    /// Top-two box in percent: the share of respondents whose dimension score (mean of their answered items) is at least the
    /// scale maximum − 1 (4 or more on 1–5, as CSAT's default top box).
    /// </summary>
    TopBox,
}

/// <summary>Where the quadrant grid of an importance–performance analysis is cut.</summary>
public enum QuadrantCut
{
    /// <summary>
    /// Martilla &amp; James (1977): importance cut at the mean importance of the drivers (= R²/p for relative weights), performance
    /// cut at the mean performance of the drivers — a data-centred grid that always splits the drivers.
    /// </summary>
    DriverMeans,

    /// <summary>
    /// Importance cut at the mean importance (the equal-share line R²/p), performance cut at the scale midpoint (50 on 0–100,
    /// 50 % for top box) — an absolute performance yardstick, so all drivers may land on one side.
    /// </summary>
    ScaleMidpoint,
}

/// <summary>The four cells of Martilla &amp; James's (1977) importance–performance grid.</summary>
public enum ImportancePerformanceQuadrant
{
    /// <summary>High importance, low performance: where improvement pays most ("concentrate here").</summary>
    ConcentrateHere,

    /// <summary>High importance, high performance ("keep up the good work").</summary>
    KeepUpTheGoodWork,

    /// <summary>Low importance, low performance ("low priority").</summary>
    LowPriority,

    /// <summary>Low importance, high performance: effort possibly better spent elsewhere ("possible overkill").</summary>
    PossibleOverkill,
}

/// <summary>
/// One driver of an importance–performance analysis: its importance (Johnson's relative weight of the outcome on the driver
/// scores), its performance (mean score or top box, 0–100), each with a bootstrap percentile interval from the same
/// resamples, its quadrant and how often the bootstrap puts it in that quadrant.
/// </summary>
public sealed class ImportancePerformanceDriver
{
    internal ImportancePerformanceDriver(string name, Estimate importance, Estimate performance, ImportancePerformanceQuadrant quadrant, double? stability)
    {
        Name = name;
        Importance = importance;
        Performance = performance;
        Quadrant = quadrant;
        Stability = stability;
    }

    /// <summary>Driver (dimension) name.</summary>
    public string Name { get; }

    /// <summary>Johnson's relative weight ε_j (share of R² carried by the driver; the drivers' weights sum to R²), with its interval.</summary>
    public Estimate Importance { get; }

    /// <summary>Performance on 0–100 (mean score or top-box percent), with its interval.</summary>
    public Estimate Performance { get; }

    /// <summary>The driver's quadrant at the point estimates.</summary>
    public ImportancePerformanceQuadrant Quadrant { get; }

    /// <summary>
    /// Share of valid bootstrap replicates in which the driver falls in <see cref="Quadrant"/>, with the cut-points recomputed
    /// in every replicate; in [0, 1]. Null without replicates (bootstrap off or every replicate degenerate).
    /// </summary>
    public double? Stability { get; }

    /// <summary>"consistency: importance 0.081, performance 62.4, concentrate here (stability 0.87)", invariant culture.</summary>
    public override string ToString() =>
        $"{Name}: importance {InvariantText.Number(Importance.Value, "0.000")}, performance {InvariantText.Number(Performance.Value, "0.0")}, " +
        $"{ImportancePerformanceResult.Label(Quadrant)} (stability {InvariantText.Optional(Stability, "0.00")})";
}

/// <summary>
/// Importance–performance analysis (Martilla &amp; James 1977) of the trust drivers on an outcome: importance = Johnson's
/// relative weight (the key-driver analysis's), performance = mean score or top box on 0–100, both on the complete cases
/// (every driver score and the outcome present) and both resampled together by one respondent bootstrap (the key-driver
/// analysis's resamples). Drivers fall in four quadrants by the cut-points of <see cref="Cut"/>; <see
/// cref="ImportancePerformanceDriver.Stability"/> is the bootstrap share of replicates that agree. Formulas: docs/trust-index.md
/// §Importance–performance. Render with <see cref="ResultFormatter"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class ImportancePerformanceResult : ITabularResult
{
    private readonly ImportancePerformanceDriver[] drivers;

    internal ImportancePerformanceResult(string outcome, long count, double rSquared, DriverPerformance performance, QuadrantCut cut,
        double cutImportance, double cutPerformance, ImportancePerformanceDriver[] drivers, int replicates, int skippedReplicates, double level)
    {
        Outcome = outcome;
        Count = count;
        RSquared = rSquared;
        PerformanceMeasure = performance;
        Cut = cut;
        CutImportance = cutImportance;
        CutPerformance = cutPerformance;
        this.drivers = drivers;
        Replicates = replicates;
        SkippedReplicates = skippedReplicates;
        ConfidenceLevel = level;
    }

    /// <summary>Name of the outcome whose variance the importances share out.</summary>
    public string Outcome { get; }

    /// <summary>Complete cases used on both axes.</summary>
    public long Count { get; }

    /// <summary>R² of the outcome on the drivers (the sum of the importances).</summary>
    public double RSquared { get; }

    /// <summary>How performance is measured.</summary>
    public DriverPerformance PerformanceMeasure { get; }

    /// <summary>The cut-point rule.</summary>
    public QuadrantCut Cut { get; }

    /// <summary>Importance cut-point: the mean of the drivers' importances (R²/p).</summary>
    public double CutImportance { get; }

    /// <summary>Performance cut-point: the mean of the drivers' performances, or 50 for <see cref="QuadrantCut.ScaleMidpoint"/>.</summary>
    public double CutPerformance { get; }

    /// <summary>Per driver, in input order.</summary>
    public IReadOnlyList<ImportancePerformanceDriver> Drivers => drivers;

    /// <summary>Bootstrap replicates requested.</summary>
    public int Replicates { get; }

    /// <summary>Replicates skipped because the resample was degenerate (constant outcome or collinear drivers).</summary>
    public int SkippedReplicates { get; }

    /// <summary>Confidence level of the intervals.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>The plain name of a quadrant: "concentrate here", "keep up the good work", "low priority", "possible overkill".</summary>
    internal static string Label(ImportancePerformanceQuadrant quadrant) => quadrant switch
    {
        ImportancePerformanceQuadrant.ConcentrateHere => "concentrate here",
        ImportancePerformanceQuadrant.KeepUpTheGoodWork => "keep up the good work",
        ImportancePerformanceQuadrant.LowPriority => "low priority",
        _ => "possible overkill",
    };

    /// <summary>"Importance–performance of nps (mean), n = 4,000: concentrate here: consistency, empathy", invariant culture.</summary>
    public override string ToString()
    {
        var focus = drivers.Where(d => d.Quadrant == ImportancePerformanceQuadrant.ConcentrateHere).Select(d => d.Name).ToList();
        return $"Importance–performance of {Outcome} ({Measure(PerformanceMeasure)}), n = {InvariantText.Count(Count)}: concentrate here: " +
            (focus.Count == 0 ? "none" : string.Join(", ", focus));
    }

    ResultTable ITabularResult.ToTable()
    {
        string ci = TrustIndexTables.IntervalHeader(ConfidenceLevel);
        var table = new ResultTable($"Importance–performance of {Outcome}", "driver", "importance", ci, "% of R²", $"performance ({Measure(PerformanceMeasure)})", ci,
            "quadrant", "stability");
        foreach (var d in drivers)
        {
            table.Row(d.Name, InvariantText.Number(d.Importance.Value, "0.000"), TrustIndexTables.Bounds3(d.Importance),
                InvariantText.Optional(RSquared > 0 ? 100 * d.Importance.Value / RSquared : null, "0.0"),
                InvariantText.Number(d.Performance.Value, "0.0"), TrustIndexTables.Bounds(d.Performance), Label(d.Quadrant), InvariantText.Optional(d.Stability, "0.00"));
        }

        return table
            .Note($"Cut-points ({(Cut == QuadrantCut.DriverMeans ? "driver means, Martilla & James 1977" : "scale midpoint")}): importance {InvariantText.Number(CutImportance, "0.000")}, " +
                $"performance {InvariantText.Number(CutPerformance, "0.0")}; R² = {InvariantText.Number(RSquared, "0.000")}, n = {InvariantText.Count(Count)} complete cases.")
            .Note($"Importance: Johnson's relative weight; stability: share of {InvariantText.Count(Replicates)} bootstrap replicates ({InvariantText.Count(SkippedReplicates)} skipped) " +
                "in the same quadrant, cut-points recomputed in each.");
    }

    private static string Measure(DriverPerformance performance) => performance == DriverPerformance.TopBox ? "top box %" : "mean, 0–100";
}
