using System.Globalization;
using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Survival;

/// <summary>
/// A Kaplan–Meier survival curve: Ŝ(t) = Π_{tᵢ ≤ t} (1 − dᵢ/nᵢ) (Kaplan &amp; Meier 1958) with Greenwood's standard errors
/// (Greenwood 1926) and pointwise intervals by <see cref="IntervalMethod"/>, one <see cref="SurvivalPoint"/> per distinct time
/// (event or censoring) as in R's <c>survfit</c> object. The curve is a right-continuous step function, 1 before the first event
/// and carried flat after the last time. Rows are computed from column arrays when read. Immutable and thread-safe.
/// Formulas, conventions and sources: docs/survival.md.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class KaplanMeierResult : ITabularResult
{
    /// <summary>R's tolerance for "Ŝ equals ½" in <c>quantile.survfit</c>: √ε.</summary>
    private const double MedianTolerance = 1.4901161193847656e-8;

    private readonly long[] atRisk;
    private readonly double[] survival;
    private readonly double[] logVariance;
    private readonly double z;
    private readonly Lazy<SurvivalMedian> median;

    internal KaplanMeierResult(SurvivalTally tally, long[] atRisk, double[] survival, double[] logVariance, double level, SurvivalIntervalMethod method)
    {
        Tally = tally;
        this.atRisk = atRisk;
        this.survival = survival;
        this.logVariance = logVariance;
        ConfidenceLevel = level;
        IntervalMethod = method;
        z = CriticalValues.TwoSidedZ(level);
        Table = new ComputedList<SurvivalPoint>(survival.Length, Row);
        median = new Lazy<SurvivalMedian>(ComputeMedian, LazyThreadSafetyMode.PublicationOnly);
    }

    /// <summary>The event counts the curve was computed from.</summary>
    public SurvivalTally Tally { get; }

    /// <summary>Number of subjects n.</summary>
    internal long Count => Tally.Count;

    /// <summary>Number of events (churned subjects).</summary>
    internal long EventCount => Tally.EventCount;

    /// <summary>Number of censored subjects (still active at their last observation).</summary>
    internal long CensoredCount => Tally.CensoredCount;

    /// <summary>Confidence level of the pointwise intervals and of the median's interval.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>The pointwise interval method.</summary>
    public SurvivalIntervalMethod IntervalMethod { get; }

    /// <summary>One row per distinct time in <see cref="Tally"/>, ascending (censoring-only times included, with Ŝ unchanged).</summary>
    public IReadOnlyList<SurvivalPoint> Table { get; }

    /// <summary>
    /// The median survival time with its confidence interval: the first time with Ŝ ≤ ½ (lifelines' rule; R takes the midpoint
    /// where Ŝ is exactly ½ over an interval) and the first times the lower and upper bands are ≤ ½ (as R <c>quantile.survfit</c>).
    /// </summary>
    public SurvivalMedian Median => median.Value;

    /// <summary>
    /// Ŝ(<paramref name="time"/>): the step function, right-continuous, 1 before the first event, carried flat after the last time
    /// (where it is not estimated: beyond the follow-up the true curve can only be lower or equal when the last row is censored).
    /// </summary>
    /// <param name="time">Any time that is not NaN; negative times give 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is NaN.</exception>
    public double SurvivalAt(double time)
    {
        int i = RowAt(time);
        return i < 0 ? 1.0 : survival[i];
    }

    /// <summary>
    /// Ŝ(<paramref name="time"/>) with its standard error Ŝ·σ̂ and pointwise interval; before the first time Ŝ = 1 with standard
    /// error 0 and interval (1, 1).
    /// </summary>
    /// <param name="time">Any time that is not NaN.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is NaN.</exception>
    public Estimate EstimateAt(double time)
    {
        int i = RowAt(time);
        string method = SurvivalIntervals.Name(IntervalMethod);
        if (i < 0)
        {
            return new Estimate(1.0, 0.0, new ConfidenceInterval(1.0, 1.0, ConfidenceLevel, method));
        }

        var row = Row(i);
        return new Estimate(row.Survival, row.StandardError, new ConfidenceInterval(row.Lower, row.Upper, ConfidenceLevel, method));
    }

    /// <summary>
    /// Restricted mean survival time to <paramref name="horizon"/> τ: RMST = ∫₀^τ Ŝ(t) dt (the area under the step function, carried
    /// flat after the last time), with standard error √Σ_{tᵢ ≤ τ} Aᵢ²·dᵢ/(nᵢ(nᵢ − dᵢ)), Aᵢ = ∫_{tᵢ}^τ Ŝ(t) dt, as R
    /// <c>print(survfit, rmean = τ)</c>; interval RMST ± z·SE clipped to [0, τ] ("normal").
    /// </summary>
    /// <param name="horizon">τ, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="horizon"/> is negative, NaN or infinite.</exception>
    public Estimate RestrictedMean(double horizon)
    {
        if (!(horizon >= 0 && horizon <= double.MaxValue))
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon,
                $"The RMST horizon must be a finite time ≥ 0; got {Guard.Format(horizon)}.");
        }

        var times = Tally.Times;
        var events = Tally.Events;
        int last = RowAt(horizon);
        double area = 0.0, variance = 0.0, next = horizon;
        for (int i = last; i >= 0; i--)
        {
            area += survival[i] * (next - times[i]);
            next = times[i];
            long d = events[i], n = atRisk[i];
            if (d > 0 && d < n)
            {
                variance += area * area * (d / ((double)n * (n - d)));
            }
        }

        double mean = Math.Min(horizon, area + next); // Ŝ = 1 on [0, t₁); the telescoped sum may exceed τ by rounding
        double se = Math.Sqrt(variance), half = z * se;
        var interval = new ConfidenceInterval(Math.Max(0.0, mean - half), Math.Min(horizon, mean + half), ConfidenceLevel, "normal");
        return new Estimate(mean, se, interval);
    }

    /// <summary>A one-line summary such as <c>Kaplan–Meier n = 129, events = 122, median 58 [56, 60] (95% log-log)</c>.</summary>
    public override string ToString()
    {
        var m = Median;
        string text = m.Time is { } t
            ? string.Create(CultureInfo.InvariantCulture, $"median {t:G6} [{Show(m.Lower)}, {Show(m.Upper)}]")
            : "median not reached";
        return string.Create(CultureInfo.InvariantCulture,
            $"Kaplan–Meier n = {Count}, events = {EventCount}, {text} ({ConfidenceLevel * 100:0.##}% {SurvivalIntervals.Name(IntervalMethod)})");

        static string Show(double? value) => value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "NA";
    }

    ResultTable ITabularResult.ToTable() => StepTableRendering.ToTable("Kaplan–Meier survival", "S(t)",
        $"{InvariantText.Level(ConfidenceLevel)} CI ({SurvivalIntervals.Name(IntervalMethod)})", Table,
        p => new(p.Time, p.AtRisk, p.Events, p.Censored, p.Survival, p.StandardError, p.Lower, p.Upper), ToString(), nameof(Table));

    private int RowAt(double time) => Tally.LastIndexAtOrBefore(time);

    private SurvivalPoint Row(int i)
    {
        double s = survival[i], sigma = Math.Sqrt(logVariance[i]);
        var (lower, upper) = SurvivalIntervals.Bounds(s, sigma, z, IntervalMethod);
        return new SurvivalPoint(Tally.Times[i], atRisk[i], Tally.Events[i], Tally.Censored[i], s, s > 0 ? s * sigma : 0.0, sigma, lower, upper);
    }

    private SurvivalMedian ComputeMedian()
    {
        const double half = 0.5 + MedianTolerance;
        var times = Tally.Times;
        double? time = null, lower = null, upper = null;
        for (int i = 0; i < survival.Length && (time is null || lower is null || upper is null); i++)
        {
            double s = survival[i];
            if (time is null && s <= half)
            {
                time = times[i];
            }

            if (s <= 0.0)
            {
                break; // R's bands are NA where Ŝ = 0, so they cannot cross there
            }

            var (lo, up) = SurvivalIntervals.Bounds(s, Math.Sqrt(logVariance[i]), z, IntervalMethod);
            if (lower is null && lo <= half)
            {
                lower = times[i];
            }

            if (upper is null && up <= half)
            {
                upper = times[i];
            }
        }

        return new SurvivalMedian(time, lower, upper, ConfidenceLevel, IntervalMethod);
    }
}
