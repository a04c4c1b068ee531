using System.Globalization;

namespace TrustMetrics.Monitoring;

/// <summary>
/// Anytime-valid comparison of two monitored means ("segment A below segment B", "current period below its baseline"):
/// the difference μ_A − μ_B lies in <c>[L_A − U_B, U_A − L_B]</c>, where [L, U] are the two confidence sequences each at level
/// α/2, so by the union bound the difference interval holds at every pair of sample sizes simultaneously with probability
/// ≥ 1 − α. "A below B" is declared when its upper end is below 0; under μ_A ≥ μ_B that happens at any time with probability
/// ≤ α. The always-valid p-value is the smallest α' at which it would be declared now (solved in log(2/α') by bisection);
/// a monitor that checks repeatedly keeps the running minimum, which stays valid: P(∃t: p_t ≤ α') ≤ α'.
/// A side that stops growing (a closed baseline period) is still covered: its sequence is valid at its final n.
/// </summary>
public static class AnytimeComparison
{
    /// <summary>The anytime-valid difference <paramref name="a"/> − <paramref name="b"/> at error rate <paramref name="alpha"/> over the whole horizon.</summary>
    /// <param name="a">The first stream's sequence (e.g. the current period, or segment A).</param>
    /// <param name="b">The second stream's sequence (e.g. the baseline, or segment B), on the same range.</param>
    /// <param name="alpha">Error rate over the whole horizon, in (0, 1); <c>null</c> = <paramref name="a"/>'s α.</param>
    /// <exception cref="ArgumentNullException">A sequence is null.</exception>
    /// <exception cref="ArgumentException">The ranges differ; the message names both.</exception>
    /// <exception cref="ArgumentOutOfRangeException">α is outside (0, 1).</exception>
    public static AnytimeDifference Compare(ConfidenceSequence a, ConfidenceSequence b, double? alpha = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        double level = alpha ?? a.Alpha;
        Guard.ConfidenceLevel(level, nameof(alpha));
        if (a.LowerBound != b.LowerBound || a.UpperBound != b.UpperBound)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Cannot compare a sequence on [{a.LowerBound:R}, {a.UpperBound:R}] with one on [{b.LowerBound:R}, {b.UpperBound:R}]: the ranges must match."), nameof(b));
        }

        double logHalf = Math.Log(2.0 / level);
        AnytimeInterval ia = a.IntervalAt(logHalf, level / 2), ib = b.IntervalAt(logHalf, level / 2);
        double? estimate = ia.Estimate is double ea && ib.Estimate is double eb ? ea - eb : null;
        var interval = new AnytimeInterval(estimate, ia.Lower - ib.Upper, ia.Upper - ib.Lower, a.Count + b.Count, level);
        return new AnytimeDifference(interval, PValue(a, b, below: true), PValue(a, b, below: false));
    }

    /// <summary>True when U_A(α/2) &lt; L_B(α/2) (the difference interval lies below 0): the O(1) check of <see cref="Compare"/>'s <c>IsBelow</c>, without the p-values.</summary>
    internal static bool IsBelow(ConfidenceSequence a, ConfidenceSequence b, double alpha)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return false;
        }

        double logHalf = Math.Log(2.0 / alpha);
        return (b.UnitSum / b.Count) - (a.UnitSum / a.Count) > a.UnitRadius(logHalf) + b.UnitRadius(logHalf);
    }

    /// <summary>
    /// Smallest α' with U_A(α'/2) &lt; L_B(α'/2) (for <paramref name="below"/>; the mirror otherwise): with ℓ = log(2/α') both radii
    /// grow in ℓ, so the crossing ℓ* is found by bisection and p = min(1, 2e^−ℓ*). 1 when a side is empty or the means are ordered the other way.
    /// </summary>
    internal static double PValue(ConfidenceSequence a, ConfidenceSequence b, bool below)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 1.0;
        }

        double gap = (b.UnitSum / b.Count) - (a.UnitSum / a.Count);
        if (!below)
        {
            gap = -gap;
        }

        double Total(double l) => a.UnitRadius(l) + b.UnitRadius(l);
        double lo = Math.Log(2.0);
        if (!(gap > Total(lo)))
        {
            return 1.0;
        }

        double hi = lo;
        while (gap > Total(hi) && hi < 1e6)
        {
            hi = 2 * hi + 1;
        }

        for (int i = 0; i < 100 && hi - lo > 1e-12 * hi; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (gap > Total(mid))
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return Math.Min(1.0, 2.0 * Math.Exp(-0.5 * (lo + hi)));
    }
}

/// <summary>The anytime-valid difference of two monitored means (<see cref="AnytimeComparison.Compare"/>).</summary>
public sealed class AnytimeDifference
{
    internal AnytimeDifference(AnytimeInterval interval, double pValueBelow, double pValueAbove)
    {
        Interval = interval;
        PValueBelow = pValueBelow;
        PValueAbove = pValueAbove;
    }

    /// <summary>μ_A − μ_B with its anytime-valid interval (estimate <c>null</c> while a side is empty).</summary>
    public AnytimeInterval Interval { get; }

    /// <summary>Always-valid p-value of "A below B" (H₀: μ_A ≥ μ_B) at this moment.</summary>
    public double PValueBelow { get; }

    /// <summary>Always-valid p-value of "A above B" (H₀: μ_A ≤ μ_B) at this moment.</summary>
    public double PValueAbove { get; }

    /// <summary>True when the whole interval is below 0: A is below B at error rate α over the horizon.</summary>
    public bool IsBelow => Interval.Upper < 0;

    /// <summary>True when the whole interval is above 0.</summary>
    public bool IsAbove => Interval.Lower > 0;

    /// <summary>"difference −0.12 [−0.2, −0.04] (…), p(below) = 0.003".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"difference {Interval}, p(below) = {PValueBelow:G4}, p(above) = {PValueAbove:G4}");
}
