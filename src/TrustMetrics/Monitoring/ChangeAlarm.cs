using System.Globalization;

namespace TrustMetrics.Monitoring;

/// <summary>How a <see cref="ChangeDetector"/> decides.</summary>
public enum ChangeDetectionMethod
{
    /// <summary>Page's CUSUM for one drop size δ (optimal for that drop in Lorden's sense).</summary>
    Cusum,

    /// <summary>Generalised likelihood ratio over a grid of drop sizes: the maximum of one CUSUM per δ (max over change point and δ of the log-likelihood ratio).</summary>
    Glr,
}

/// <summary>A change detector's alarm: when it fired and where it places the change.</summary>
public sealed class ChangeAlarm
{
    internal ChangeAlarm(ChangeDetectionMethod method, long alarmAt, long changeAt, double baselineMean, double postChangeMean, double drop)
    {
        Method = method;
        AlarmAt = alarmAt;
        ChangeAt = changeAt;
        BaselineMean = baselineMean;
        PostChangeMean = postChangeMean;
        Drop = drop;
    }

    /// <summary>The detector that fired.</summary>
    public ChangeDetectionMethod Method { get; }

    /// <summary>The observation (1-based) at which the alarm fired.</summary>
    public long AlarmAt { get; }

    /// <summary>The estimated change point: the first observation (1-based) after the CUSUM statistic last stood at 0 (the maximum-likelihood change point of the CUSUM).</summary>
    public long ChangeAt { get; }

    /// <summary>The pre-change mean μ₀.</summary>
    public double BaselineMean { get; }

    /// <summary>Mean of the observations from <see cref="ChangeAt"/> to <see cref="AlarmAt"/> (the estimate of the post-change mean).</summary>
    public double PostChangeMean { get; }

    /// <summary>Estimated change size: <see cref="PostChangeMean"/> − <see cref="BaselineMean"/> (negative for a drop).</summary>
    public double ChangeSize => PostChangeMean - BaselineMean;

    /// <summary>The drop δ of the CUSUM that fired (for GLR, the grid point with the largest excess over its threshold).</summary>
    public double Drop { get; }

    /// <summary>"Cusum alarm at 812: change at 640, mean 0.1 → −0.02 (−0.12)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Method} alarm at {AlarmAt}: change at {ChangeAt}, mean {BaselineMean:G4} → {PostChangeMean:G4} ({ChangeSize:+0.####;−0.####})");
}
