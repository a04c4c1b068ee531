using TrustMetrics.Statistics;

namespace TrustMetrics.Cli.Monitoring;

/// <summary>
/// The report's month-versus-baseline test: each calendar month after a group's baseline is compared once, when it ends, with the
/// baseline — the mean of the month's answers minus the baseline mean, Welch's standard error
/// √(s²_b/n_b + s²_m/n_m), one-sided z test at level α_look = (α/2) / (S · L): S the series of the family (<see cref="MonitorOptions.MonthFamily"/>),
/// L the months after the group's baseline in the file. By Bonferroni's inequality the chance that any month of any series of the family
/// is flagged while nothing changed is at most α/2, whatever the correlation of the looks (they share the baseline). It is a
/// fixed-sample test at known looks, not an anytime-valid one: it is valid because the file is finite (L is known) and each month is
/// looked at once, at its end. Why it is there: with answers stamped by month the order inside a month carries no information, and the
/// sequential detectors, which scan every answer as a possible change point, spend their error budget on windows the data cannot tell
/// apart (docs/monitoring.md, "Month-versus-baseline test").
/// </summary>
internal static class MonthWindowTest
{
    /// <summary>Fewest answers a month needs to be tested (the normal approximation of a mean of bounded answers); smaller months still count in L.</summary>
    public const int MinAnswers = 30;

    /// <summary>Running sums of one sample: count, Σx and Σx².</summary>
    internal struct Sums
    {
        public long Count;
        public double Sum;
        public double SumSquares;

        public void Add(double x)
        {
            Count++;
            Sum += x;
            SumSquares += x * x;
        }

        public readonly double Mean => Sum / Count;

        /// <summary>The unbiased variance s² (n − 1 in the denominator), never below 0.</summary>
        public readonly double Variance => Count < 2 ? double.NaN : Math.Max(0, (SumSquares - Sum * Sum / Count) / (Count - 1));
    }

    /// <summary>The one-sided level of each look: (α/2) / (S · L).</summary>
    public static double LookLevel(double alpha, int family, int looks) => alpha / 2 / ((double)family * Math.Max(1, looks));

    /// <summary>
    /// The comparison of a month with the baseline: the difference of the means, the two-sided interval at <paramref name="lookLevel"/> per
    /// side (difference ± z₁₋ₗₒₒₖ · SE) and whether the month is flagged (the interval's upper end below zero, i.e. the one-sided z test
    /// rejects). Null when the month has fewer than <see cref="MinAnswers"/> answers or the standard error is zero.
    /// </summary>
    public static (double Difference, double Lower, double Upper, bool Flagged)? Compare(Sums baseline, Sums month, double lookLevel)
    {
        if (month.Count < MinAnswers || baseline.Count < 2)
        {
            return null;
        }

        double se = Math.Sqrt(baseline.Variance / baseline.Count + month.Variance / month.Count);
        if (!(se > 0))
        {
            return null;
        }

        double d = month.Mean - baseline.Mean;
        double z = Distributions.NormalQuantile(1 - lookLevel);
        return (d, d - z * se, d + z * se, d + z * se < 0);
    }

    /// <summary>The calendar month of a time, as a number (year · 12 + month − 1).</summary>
    public static int Month(DateTime time) => time.Year * 12 + time.Month - 1;
}
