using TrustMetrics.Churn;
using TrustMetrics.Estimation;
using TrustMetrics.Nps;
using TrustMetrics.Scales;
using TrustMetrics.Survival;

namespace TrustMetrics;

/// <summary>
/// Defaults the calculators use when a call does not say otherwise. Calculators copy the values when they are
/// constructed, so changing an options object afterwards never changes a calculator already in use.
/// </summary>
public sealed class TrustMetricsOptions
{
    /// <summary>Confidence level of every interval, strictly between 0 and 1. Default 0.95.</summary>
    public double ConfidenceLevel { get; set; } = 0.95;

    /// <summary>NPS interval method. Default <see cref="NpsIntervalMethod.Score"/> (see docs/nps.md for why).</summary>
    public NpsIntervalMethod NpsIntervalMethod { get; set; } = NpsIntervalMethod.Score;

    /// <summary>Method for comparing two NPS samples. Default <see cref="NpsComparisonMethod.AdjustedWald"/>.</summary>
    public NpsComparisonMethod NpsComparisonMethod { get; set; } = NpsComparisonMethod.AdjustedWald;

    /// <summary>Interval method for shares such as percent satisfied. Default <see cref="ProportionIntervalMethod.Wilson"/>.</summary>
    public ProportionIntervalMethod ProportionIntervalMethod { get; set; } = ProportionIntervalMethod.Wilson;

    /// <summary>CSAT answer scale. Default 1–5.</summary>
    public RatingScale CsatScale { get; set; } = RatingScale.FivePoint;

    /// <summary>Lowest CSAT answer counted as satisfied. Default 4 (top-2-box on 1–5).</summary>
    public int CsatThreshold { get; set; } = 4;

    /// <summary>CES answer scale. Default 1–7.</summary>
    public RatingScale CesScale { get; set; } = RatingScale.SevenPoint;

    /// <summary>Lowest CES answer counted as easy. Default 5 (5–7 on 1–7).</summary>
    public int CesThreshold { get; set; } = 5;

    /// <summary>Star-rating scale of reviews. Default 1–5.</summary>
    public RatingScale RatingScale { get; set; } = RatingScale.FivePoint;

    /// <summary>Lowest rating counted as positive in review metrics. Default 4 (4–5 stars on 1–5).</summary>
    public int RatingPositiveThreshold { get; set; } = 4;

    /// <summary>
    /// Definition of the period churn rate reported as <see cref="PeriodChurn.Rate"/>. Default
    /// <see cref="Churn.ChurnRateDefinition.StartBased"/>, (L − L_new)/S (see docs/churn.md for the pitfalls of the others).
    /// </summary>
    public ChurnRateDefinition ChurnRateDefinition { get; set; } = ChurnRateDefinition.StartBased;

    /// <summary>
    /// Pointwise interval method of Kaplan–Meier curves. Default <see cref="Survival.SurvivalIntervalMethod.LogLog"/> (lifelines,
    /// SAS; see docs/survival.md for why).
    /// </summary>
    public SurvivalIntervalMethod SurvivalIntervalMethod { get; set; } = SurvivalIntervalMethod.LogLog;

    /// <summary>Checks every option and throws naming the first invalid one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the parameter name is the option's name.</exception>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            var (name, value, message) = problems[0];
            throw new ArgumentOutOfRangeException(name, value, message);
        }
    }

    /// <summary>A validated copy, so later changes to this object do not leak into calculators.</summary>
    internal TrustMetricsOptions Snapshot()
    {
        Validate();
        return (TrustMetricsOptions)MemberwiseClone();
    }

    /// <summary>
    /// Every invalid option, in declaration order: its full name (<c>TrustMetricsOptions.ConfidenceLevel</c>), its value and
    /// a message naming both. Empty when the options are valid. <see cref="Validate"/> throws the first; the dependency
    /// injection package reports them all at start-up.
    /// </summary>
    internal List<(string Name, object? Value, string Message)> Problems()
    {
        const string prefix = nameof(TrustMetricsOptions) + ".";
        var problems = new List<(string Name, object? Value, string Message)>();
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
        {
            problems.Add((prefix + nameof(ConfidenceLevel), ConfidenceLevel,
                $"{prefix}{nameof(ConfidenceLevel)} must lie strictly between 0 and 1; got {Guard.Format(ConfidenceLevel)}."));
        }

        CheckEnum(problems, NpsIntervalMethod, prefix + nameof(NpsIntervalMethod));
        CheckEnum(problems, NpsComparisonMethod, prefix + nameof(NpsComparisonMethod));
        CheckEnum(problems, ProportionIntervalMethod, prefix + nameof(ProportionIntervalMethod));
        CheckEnum(problems, ChurnRateDefinition, prefix + nameof(ChurnRateDefinition));
        CheckEnum(problems, SurvivalIntervalMethod, prefix + nameof(SurvivalIntervalMethod));
        CheckScale(problems, CsatScale, CsatThreshold, prefix + nameof(CsatScale), prefix + nameof(CsatThreshold));
        CheckScale(problems, CesScale, CesThreshold, prefix + nameof(CesScale), prefix + nameof(CesThreshold));
        CheckScale(problems, RatingScale, RatingPositiveThreshold, prefix + nameof(RatingScale), prefix + nameof(RatingPositiveThreshold));
        return problems;
    }

    private static void CheckEnum<TEnum>(List<(string, object?, string)> problems, TEnum value, string name)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            problems.Add((name, value, $"{name} is not a known {typeof(TEnum).Name}: {value}."));
        }
    }

    private static void CheckScale(List<(string, object?, string)> problems, RatingScale scale, int threshold, string scaleName, string thresholdName)
    {
        if (scale.Points < 2)
        {
            problems.Add((scaleName, scale, $"{scaleName} is not set ({scale}): use new RatingScale(min, max)."));
        }
        else if (!scale.Contains(threshold))
        {
            problems.Add((thresholdName, threshold, $"{thresholdName} = {threshold} is not on {scaleName} {scale}."));
        }
    }
}
