using System.Globalization;
using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Survival;

/// <summary>
/// The Aalen–Johansen estimator for competing risks (Aalen &amp; Johansen 1978; Kalbfleisch &amp; Prentice 2002, §8.2) with the
/// infinitesimal-jackknife variance R survival 3.5-3 uses for multi-state <c>survfit(Surv(time, factor(status)) ~ 1)</c>.
/// </summary>
internal static class AalenJohansenEstimator
{
    /// <summary>
    /// Ŝ(tᵢ) = Π_{j ≤ i}(1 − dⱼ/nⱼ) (all causes) and F̂ₖ(tᵢ) = Σ_{j ≤ i} Ŝ(tⱼ−)·dₖⱼ/nⱼ. Variance: Σ over subjects of the squared
    /// influence Uₗ(t) = ∂F̂ₖ(t)/∂wₗ (the infinitesimal jackknife), with ∂(dₖⱼ/nⱼ)/∂wₗ = (dNₗₖ(tⱼ) − Yₗ(tⱼ)dₖⱼ/nⱼ)/nⱼ,
    /// ∂Ŝ(tⱼ) = ∂Ŝ(tⱼ−)(1 − dⱼ/nⱼ) − Ŝ(tⱼ−)Σₖ∂(dₖⱼ/nⱼ) and ∂F̂ₖ(tⱼ) = ∂F̂ₖ(tⱼ−) + ∂Ŝ(tⱼ−)dₖⱼ/nⱼ + Ŝ(tⱼ−)∂(dₖⱼ/nⱼ). Subjects
    /// still at risk share one influence vector x = (∂Ŝ, ∂F̂₁…∂F̂_K); after leaving, a subject's vector evolves by the linear map
    /// Lⱼ above, so the sum of squares of those who left is carried as M ← LⱼMLⱼᵀ + Σ(leaving)xxᵀ: O(m·K³) for m times, K causes.
    /// </summary>
    public static CumulativeIncidenceResult Compute(CompetingRisksTally tally, double level, SurvivalIntervalMethod method)
    {
        int m = tally.DistinctTimeCount, causes = tally.Causes.Count, dim = causes + 1;
        var atRisk = new long[m];
        var incidence = new double[causes][];
        var variance = new double[causes][];
        for (int k = 0; k < causes; k++)
        {
            incidence[k] = new double[m];
            variance[k] = new double[m];
        }

        var x = new double[dim];       // influence shared by the subjects still at risk: [∂S, ∂F₁, …]
        var next = new double[dim];
        var leaving = new double[dim];
        var left = new double[dim, dim]; // Σ over subjects who have left of their influence outer products
        var mapped = new double[dim, dim];
        var f = new double[causes];
        double s = 1.0;
        long n = tally.Count;
        var censored = tally.Censored;
        for (int i = 0; i < m; i++)
        {
            atRisk[i] = n;
            long d = 0;
            for (int k = 0; k < causes; k++)
            {
                d += tally.EventsOf(k)[i];
            }

            double nn = n, before = s, keep = 1.0 - (d / nn);

            // The linear map Lᵢ: S' = S·keep, Fₖ' = Fₖ + S·dₖ/n (applied to every influence vector); M ← L M Lᵀ.
            if (d > 0)
            {
                Apply(left, mapped, tally, i, nn, keep, dim);
            }

            // Those at risk: x' = L x + b, b: ∂Fₖ += Ŝ(t−)·(−dₖ/n²), ∂S += Ŝ(t−)·d/n².
            next[0] = (x[0] * keep) + (before * d / (nn * nn));
            for (int k = 0; k < causes; k++)
            {
                double dk = tally.EventsOf(k)[i];
                next[k + 1] = x[k + 1] + (x[0] * dk / nn) - (before * dk / (nn * nn));
            }

            // Subjects leaving now: censored ones carry x', an event of cause k adds Ŝ(t−)/n to ∂Fₖ and removes it from ∂S.
            AddOuter(left, next, censored[i]);
            for (int k = 0; k < causes; k++)
            {
                long dk = tally.EventsOf(k)[i];
                if (dk > 0)
                {
                    Array.Copy(next, leaving, dim);
                    leaving[0] -= before / nn;
                    leaving[k + 1] += before / nn;
                    AddOuter(left, leaving, dk);
                }
            }

            (x, next) = (next, x);
            long remaining = n - d - censored[i];
            s = d == n ? 0.0 : before * keep;
            for (int k = 0; k < causes; k++)
            {
                long dk = tally.EventsOf(k)[i];
                f[k] += before * dk / nn;
                incidence[k][i] = f[k];
                variance[k][i] = left[k + 1, k + 1] + (remaining * x[k + 1] * x[k + 1]);
            }

            n = remaining;
        }

        var curves = new CumulativeIncidenceCurve[causes];
        double z = CriticalValues.TwoSidedZ(level);
        for (int k = 0; k < causes; k++)
        {
            curves[k] = new CumulativeIncidenceCurve(tally.Causes[k], tally, k, atRisk, incidence[k], variance[k], z, level, method);
        }

        return new CumulativeIncidenceResult(tally, curves, level, method);
    }

    private static void Apply(double[,] left, double[,] mapped, CompetingRisksTally tally, int i, double n, double keep, int dim)
    {
        // L = [[keep, 0…], [d₁/n, 1, 0…], [d₂/n, 0, 1, …], …]; mapped = L·left·Lᵀ.
        Span<double> column = stackalloc double[dim];
        column[0] = keep;
        for (int k = 1; k < dim; k++)
        {
            column[k] = tally.EventsOf(k - 1)[i] / n;
        }

        // (L·A)[r, c] = A[r, c] + column[r]·A[0, c] for r ≥ 1; keep·A[0, c] for r = 0.
        for (int c = 0; c < dim; c++)
        {
            double top = left[0, c];
            mapped[0, c] = keep * top;
            for (int r = 1; r < dim; r++)
            {
                mapped[r, c] = left[r, c] + (column[r] * top);
            }
        }

        // (B·Lᵀ)[r, c] = B[r, c] + column[c]·B[r, 0] for c ≥ 1; keep·B[r, 0] for c = 0.
        for (int r = 0; r < dim; r++)
        {
            double first = mapped[r, 0];
            left[r, 0] = keep * first;
            for (int c = 1; c < dim; c++)
            {
                left[r, c] = mapped[r, c] + (column[c] * first);
            }
        }
    }

    private static void AddOuter(double[,] target, double[] v, long count)
    {
        if (count == 0)
        {
            return;
        }

        for (int r = 0; r < v.Length; r++)
        {
            for (int c = 0; c < v.Length; c++)
            {
                target[r, c] += count * v[r] * v[c];
            }
        }
    }
}

/// <summary>
/// One row of a cumulative incidence curve at a distinct time tᵢ: nᵢ at risk, the events of this cause, F̂ₖ(tᵢ), its standard error
/// (infinitesimal jackknife, R's multi-state <c>survfit</c> <c>std.err</c>) and the pointwise interval.
/// </summary>
public sealed class CumulativeIncidencePoint
{
    internal CumulativeIncidencePoint(double time, long atRisk, long events, double incidence, double standardError, double lower, double upper)
    {
        Time = time;
        AtRisk = atRisk;
        Events = events;
        Incidence = incidence;
        StandardError = standardError;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>The time tᵢ.</summary>
    public double Time { get; }

    /// <summary>Subjects at risk just before tᵢ (all causes).</summary>
    public long AtRisk { get; }

    /// <summary>Events of this cause at tᵢ.</summary>
    public long Events { get; }

    /// <summary>F̂ₖ(tᵢ): the probability of having churned from this cause by tᵢ.</summary>
    public double Incidence { get; }

    /// <summary>Standard error of F̂ₖ(tᵢ).</summary>
    public double StandardError { get; }

    /// <summary>Lower pointwise bound.</summary>
    public double Lower { get; }

    /// <summary>Upper pointwise bound.</summary>
    public double Upper { get; }
}

/// <summary>The cumulative incidence curve F̂ₖ(t) of one cause, one row per distinct time of the tally; a right-continuous step function, 0 before the first time.</summary>
public sealed class CumulativeIncidenceCurve
{
    private readonly CompetingRisksTally tally;
    private readonly int cause;
    private readonly long[] atRisk;
    private readonly double[] incidence;
    private readonly double[] variance;
    private readonly double z;

    internal CumulativeIncidenceCurve(string name, CompetingRisksTally tally, int cause, long[] atRisk, double[] incidence, double[] variance, double z,
        double level, SurvivalIntervalMethod method)
    {
        Cause = name;
        this.tally = tally;
        this.cause = cause;
        this.atRisk = atRisk;
        this.incidence = incidence;
        this.variance = variance;
        this.z = z;
        ConfidenceLevel = level;
        IntervalMethod = method;
        Table = new ComputedList<CumulativeIncidencePoint>(incidence.Length, Row);
    }

    /// <summary>The cause.</summary>
    public string Cause { get; }

    /// <summary>Confidence level of the pointwise intervals.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>Interval method (as R's <c>conf.type</c> applied to F̂: see docs/survival.md).</summary>
    public SurvivalIntervalMethod IntervalMethod { get; }

    /// <summary>One row per distinct time, ascending.</summary>
    public IReadOnlyList<CumulativeIncidencePoint> Table { get; }

    /// <summary>F̂ₖ(<paramref name="time"/>): 0 before the first time, carried flat after the last.</summary>
    /// <param name="time">Any time that is not NaN.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is NaN.</exception>
    public double IncidenceAt(double time)
    {
        int i = RowAt(time);
        return i < 0 ? 0.0 : incidence[i];
    }

    /// <summary>F̂ₖ(<paramref name="time"/>) with its standard error and interval; (0, 0) before the first time.</summary>
    /// <param name="time">Any time that is not NaN.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is NaN.</exception>
    public Estimate EstimateAt(double time)
    {
        int i = RowAt(time);
        string name = SurvivalIntervals.Name(IntervalMethod);
        if (i < 0)
        {
            return new Estimate(0.0, 0.0, new ConfidenceInterval(0.0, 0.0, ConfidenceLevel, name));
        }

        var row = Row(i);
        return new Estimate(row.Incidence, row.StandardError, new ConfidenceInterval(row.Lower, row.Upper, ConfidenceLevel, name));
    }

    private int RowAt(double time)
    {
        if (double.IsNaN(time))
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, "The time must be a number; got NaN.");
        }

        int i = tally.Times.BinarySearch(time);
        return i >= 0 ? i : ~i - 1;
    }

    private CumulativeIncidencePoint Row(int i)
    {
        double p = incidence[i], se = Math.Sqrt(Math.Max(0.0, variance[i]));
        var (lower, upper) = Bounds(p, se, z, IntervalMethod);
        return new CumulativeIncidencePoint(tally.Times[i], atRisk[i], tally.EventsOf(cause)[i], p, se, lower, upper);
    }

    /// <summary>
    /// R's <c>survfit_confint(p, se, logse = FALSE, conf.type)</c> for a probability state: plain p ± z·se clipped to [0, 1]; log
    /// exp(ln p ± z·se/p), upper capped at 1; log-log exp(−exp(ln(−ln p) ∓ z·se/(p·ln p)))... ordered low to high. p = 0 gives (0, 0)
    /// and, for log-log, p = 1 gives (1, 1) (R: NA).
    /// </summary>
    internal static (double Lower, double Upper) Bounds(double p, double se, double z, SurvivalIntervalMethod method)
    {
        if (p <= 0.0)
        {
            return (0.0, 0.0);
        }

        double half = z * se;
        switch (method)
        {
            case SurvivalIntervalMethod.Plain:
                return (Math.Max(0.0, p - half), Math.Min(1.0, p + half));
            case SurvivalIntervalMethod.Log:
                return (Math.Exp(Math.Log(p) - (half / p)), Math.Min(1.0, Math.Exp(Math.Log(p) + (half / p))));
            default:
                if (p >= 1.0)
                {
                    return (1.0, 1.0);
                }

                double logP = Math.Log(p), shift = half / (p * logP), inner = Math.Log(-logP);
                double a = Math.Exp(-Math.Exp(inner - shift)), b = Math.Exp(-Math.Exp(inner + shift));
                return (Math.Min(a, b), Math.Max(a, b));
        }
    }
}

/// <summary>
/// Cumulative incidence of each competing cause (Aalen–Johansen): F̂ₖ(t) = Σ_{tᵢ ≤ t} Ŝ(tᵢ−)·dₖᵢ/nᵢ, the probability of having
/// churned from cause k by t when the other causes also remove customers (1 − KM of one cause, censoring the others, overstates it).
/// Σₖ F̂ₖ(t) + Ŝ(t) = 1. Standard errors by the infinitesimal jackknife, as R survival 3.5-3's multi-state <c>survfit</c>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class CumulativeIncidenceResult : ITabularResult
{
    internal CumulativeIncidenceResult(CompetingRisksTally tally, CumulativeIncidenceCurve[] curves, double level, SurvivalIntervalMethod method)
    {
        Tally = tally;
        Curves = Array.AsReadOnly(curves);
        ConfidenceLevel = level;
        IntervalMethod = method;
    }

    /// <summary>The counts the curves were computed from.</summary>
    public CompetingRisksTally Tally { get; }

    /// <summary>One curve per cause, in the order of <see cref="CompetingRisksTally.Causes"/>.</summary>
    public IReadOnlyList<CumulativeIncidenceCurve> Curves { get; }

    /// <summary>Confidence level of the pointwise intervals.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>The pointwise interval method.</summary>
    public SurvivalIntervalMethod IntervalMethod { get; }

    /// <summary>The curve of <paramref name="cause"/>.</summary>
    /// <param name="cause">A cause of the tally.</param>
    /// <exception cref="ArgumentException">The cause is not in the tally.</exception>
    public CumulativeIncidenceCurve Curve(string cause) =>
        Curves.FirstOrDefault(c => string.Equals(c.Cause, cause, StringComparison.Ordinal))
        ?? throw new ArgumentException($"The cause '{cause}' has no event in this tally; causes: {string.Join(", ", Tally.Causes)}.", nameof(cause));

    /// <summary>"Cumulative incidence n = 100: payment 0.25, voluntary 0.35 at t = 24 (end)" (invariant culture).</summary>
    public override string ToString()
    {
        double end = Tally.IsEmpty ? 0 : Tally.Times[^1];
        return string.Create(CultureInfo.InvariantCulture,
            $"Cumulative incidence n = {Tally.Count}: {string.Join(", ", Curves.Select(c => c.Cause + " " + InvariantText.Number(c.IncidenceAt(end), "0.####")))} at t = {end:G6} (end)");
    }

    ResultTable ITabularResult.ToTable()
    {
        var headers = new List<string> { "time", "at risk" };
        foreach (var curve in Curves)
        {
            headers.Add($"F({curve.Cause})");
            headers.Add($"{InvariantText.Level(ConfidenceLevel)} CI ({SurvivalIntervals.Name(IntervalMethod)})");
        }

        var table = new ResultTable("Cumulative incidence by cause (Aalen–Johansen)", [.. headers]);
        for (int i = 0; i < Tally.DistinctTimeCount; i++)
        {
            var cells = new List<string> { InvariantText.Number(Tally.Times[i], "G6"), InvariantText.Count(Curves.Count > 0 ? Curves[0].Table[i].AtRisk : 0) };
            foreach (var curve in Curves)
            {
                var row = curve.Table[i];
                cells.Add(InvariantText.Number(row.Incidence, "0.0000"));
                cells.Add($"{InvariantText.Number(row.Lower, "0.0000")} to {InvariantText.Number(row.Upper, "0.0000")}");
            }

            table.Row([.. cells]);
        }

        return table.Note(ToString());
    }
}
