using System.Globalization;
using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Survival;

/// <summary>
/// A Nelson–Aalen cumulative hazard curve Ĥ(t) = Σ_{tᵢ ≤ t} (increment by <see cref="Ties"/>) (Nelson 1972; Aalen 1978) with its
/// variance and the interval Ĥ·exp(±z·√Var/Ĥ), one <see cref="CumulativeHazardPoint"/> per distinct time. A right-continuous step
/// function, 0 before the first event and carried flat after the last time. Immutable and thread-safe. See docs/survival.md.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class NelsonAalenResult : ITabularResult
{
    private readonly long[] atRisk;
    private readonly double[] hazard;
    private readonly double[] variance;
    private readonly double z;

    internal NelsonAalenResult(SurvivalTally tally, long[] atRisk, double[] hazard, double[] variance, double level, NelsonAalenTies ties)
    {
        Tally = tally;
        this.atRisk = atRisk;
        this.hazard = hazard;
        this.variance = variance;
        ConfidenceLevel = level;
        Ties = ties;
        z = CriticalValues.TwoSidedZ(level);
        Table = new ComputedList<CumulativeHazardPoint>(hazard.Length, Row);
    }

    /// <summary>The event counts the curve was computed from.</summary>
    public SurvivalTally Tally { get; }

    /// <summary>Number of subjects n.</summary>
    internal long Count => Tally.Count;

    /// <summary>Number of events.</summary>
    internal long EventCount => Tally.EventCount;

    /// <summary>Confidence level of the intervals.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>How tied events were counted.</summary>
    public NelsonAalenTies Ties { get; }

    /// <summary>One row per distinct time in <see cref="Tally"/>, ascending.</summary>
    public IReadOnlyList<CumulativeHazardPoint> Table { get; }

    /// <summary>Ĥ(<paramref name="time"/>): 0 before the first event, carried flat after the last time.</summary>
    /// <param name="time">Any time that is not NaN.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is NaN.</exception>
    public double CumulativeHazardAt(double time)
    {
        int i = RowAt(time);
        return i < 0 ? 0.0 : hazard[i];
    }

    /// <summary>Ĥ(<paramref name="time"/>) with its standard error and interval ("log": Ĥ·exp(±z·SE/Ĥ); (0, 0) where Ĥ = 0).</summary>
    /// <param name="time">Any time that is not NaN.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is NaN.</exception>
    public Estimate EstimateAt(double time)
    {
        int i = RowAt(time);
        if (i < 0)
        {
            return new Estimate(0.0, 0.0, new ConfidenceInterval(0.0, 0.0, ConfidenceLevel, "log"));
        }

        var row = Row(i);
        return new Estimate(row.CumulativeHazard, row.StandardError, new ConfidenceInterval(row.Lower, row.Upper, ConfidenceLevel, "log"));
    }

    /// <summary>A one-line summary such as <c>Nelson–Aalen n = 129, events = 122, H(end) = 4.78 (fleming-harrington ties)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Nelson–Aalen n = {Count}, events = {EventCount}, H(end) = {(hazard.Length == 0 ? 0.0 : hazard[^1]):G4} ({(Ties == NelsonAalenTies.Discrete ? "discrete" : "fleming-harrington")} ties)");

    ResultTable ITabularResult.ToTable() => StepTableRendering.ToTable("Nelson–Aalen cumulative hazard", "H(t)",
        $"{InvariantText.Level(ConfidenceLevel)} CI (log)", Table,
        p => new(p.Time, p.AtRisk, p.Events, p.Censored, p.CumulativeHazard, p.StandardError, p.Lower, p.Upper), ToString(), nameof(Table));

    private int RowAt(double time) => Tally.LastIndexAtOrBefore(time);

    private CumulativeHazardPoint Row(int i)
    {
        double h = hazard[i], se = Math.Sqrt(variance[i]);
        double lower = 0.0, upper = 0.0;
        if (h > 0)
        {
            double factor = Math.Exp(z * se / h);
            lower = h / factor;
            upper = h * factor;
        }

        return new CumulativeHazardPoint(Tally.Times[i], atRisk[i], Tally.Events[i], Tally.Censored[i], h, se, lower, upper);
    }
}
