namespace TrustMetrics.Clv;

/// <summary>
/// Settings of <see cref="ValueSegmenter"/>: CLV horizon (months), monthly discount rate, model time units per month, margin, the VIP
/// share, the P(alive) threshold of "at-risk vip" and the level of the mean-CLV intervals. Validated in the constructor; immutable.
/// </summary>
public sealed class ValueSegmentOptions
{
    /// <summary>Settings.</summary>
    /// <param name="months">CLV horizon in months ≥ 1. Default 12.</param>
    /// <param name="monthlyDiscountRate">Monthly discount rate, finite and &gt; −1. Default 0.01.</param>
    /// <param name="unitsPerMonth">Model time units per month &gt; 0 (<see cref="CustomerLifetimeValue.WeeksPerMonth"/> for weekly summaries). Default 4.345.</param>
    /// <param name="margin">Share of the expected spend that is margin, finite and ≥ 0. Default 1.</param>
    /// <param name="vipShare">Share of customers in the VIP tier (top predicted CLV) and of "high past value", in (0, 1]. Default 0.1.</param>
    /// <param name="atRiskAlive">"at-risk vip" needs P(alive) below this, in (0, 1]. Default 0.5.</param>
    /// <param name="confidenceLevel">Level of the mean-CLV intervals, in (0, 1). Default 0.95.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range, NaN or infinite.</exception>
    public ValueSegmentOptions(int months = 12, double monthlyDiscountRate = 0.01, double unitsPerMonth = CustomerLifetimeValue.WeeksPerMonth,
        double margin = 1.0, double vipShare = 0.1, double atRiskAlive = 0.5, double confidenceLevel = 0.95)
    {
        if (months < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(months), months, $"months must be at least 1; got {months}.");
        }

        if (!(monthlyDiscountRate > -1 && double.IsFinite(monthlyDiscountRate)))
        {
            throw new ArgumentOutOfRangeException(nameof(monthlyDiscountRate), monthlyDiscountRate, $"monthlyDiscountRate must be a finite number > −1; got {Guard.Format(monthlyDiscountRate)}.");
        }

        Guard.Positive(unitsPerMonth);
        Guard.NonNegative(margin);
        Guard.Finite(margin);
        if (!(vipShare > 0 && vipShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(vipShare), vipShare, $"vipShare must lie in (0, 1]; got {Guard.Format(vipShare)}.");
        }

        if (!(atRiskAlive > 0 && atRiskAlive <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(atRiskAlive), atRiskAlive, $"atRiskAlive must lie in (0, 1]; got {Guard.Format(atRiskAlive)}.");
        }

        Guard.ConfidenceLevel(confidenceLevel);
        Months = months;
        MonthlyDiscountRate = monthlyDiscountRate;
        UnitsPerMonth = unitsPerMonth;
        Margin = margin;
        VipShare = vipShare;
        AtRiskAlive = atRiskAlive;
        ConfidenceLevel = confidenceLevel;
    }

    /// <summary>The defaults: 12 months, 1 % a month, weeks, margin 1, VIP 10 %, at-risk below P(alive) 0.5, 95 % intervals.</summary>
    public static ValueSegmentOptions Default { get; } = new();

    /// <summary>CLV horizon in months.</summary>
    public int Months { get; }

    /// <summary>Monthly discount rate.</summary>
    public double MonthlyDiscountRate { get; }

    /// <summary>Model time units per month.</summary>
    public double UnitsPerMonth { get; }

    /// <summary>Margin share of the expected spend.</summary>
    public double Margin { get; }

    /// <summary>VIP share of customers.</summary>
    public double VipShare { get; }

    /// <summary>P(alive) threshold of "at-risk vip".</summary>
    public double AtRiskAlive { get; }

    /// <summary>Level of the mean-CLV intervals.</summary>
    public double ConfidenceLevel { get; }
}
