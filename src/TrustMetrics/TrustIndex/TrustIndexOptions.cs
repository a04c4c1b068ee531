using TrustMetrics.Scales;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// Every methodological choice of the trust index, with the defaults docs/trust-index.md explains: 1–5 scale, the five
/// default drivers, available-item means with at least half the items answered, theoretical-bounds normalisation, equal
/// weights, arithmetic aggregation, 1,000 seeded bootstrap replicates, alpha warning below 0.7.
/// </summary>
public sealed record TrustIndexOptions
{
    /// <summary>Answer scale of every item. Default 1–5.</summary>
    public RatingScale Scale { get; init; } = RatingScale.FivePoint;

    /// <summary>Dimensions and their items. Default <see cref="TrustDrivers.Default"/> (transparency1..3, consistency1..3, …).</summary>
    public IReadOnlyList<TrustDimension> Dimensions { get; init; } = TrustDrivers.Default();

    /// <summary>Items whose answers are reversed (x' = min + max − x) before anything else. Default none.</summary>
    public IReadOnlyCollection<string> ReverseCodedItems { get; init; } = [];

    /// <summary>Missing-answer policy. Default <see cref="MissingAnswerPolicy.AvailableItemMean"/>.</summary>
    public MissingAnswerPolicy MissingAnswers { get; init; } = MissingAnswerPolicy.AvailableItemMean;

    /// <summary>Smallest share of a dimension's items a respondent must answer for an available-item mean, in (0, 1]. Default 0.5.</summary>
    public double MinimumAnsweredShare { get; init; } = 0.5;

    /// <summary>Normalisation. Default <see cref="TrustNormalization.TheoreticalBounds"/>.</summary>
    public TrustNormalization Normalization { get; init; } = TrustNormalization.TheoreticalBounds;

    /// <summary>Target in scale units for <see cref="TrustNormalization.DistanceToTarget"/>; null = the scale maximum.</summary>
    public double? Target { get; init; }

    /// <summary>Weighting. Default <see cref="TrustWeighting.Equal"/>.</summary>
    public TrustWeighting Weighting { get; init; } = TrustWeighting.Equal;

    /// <summary>Weights by dimension name for <see cref="TrustWeighting.User"/> (≥ 0, not all 0; rescaled to sum to 1).</summary>
    public IReadOnlyDictionary<string, double>? Weights { get; init; }

    /// <summary>Aggregation. Default <see cref="TrustAggregation.Arithmetic"/>.</summary>
    public TrustAggregation Aggregation { get; init; } = TrustAggregation.Arithmetic;

    /// <summary>Bootstrap replicates for every interval (index, dimensions, segments, key drivers); 0 turns intervals off. Default 1,000.</summary>
    public int BootstrapReplicates { get; init; } = 1000;

    /// <summary>Seed of every random draw (bootstrap, sensitivity), so results are reproducible. Default 20260501.</summary>
    public int Seed { get; init; } = 20260501;

    /// <summary>Confidence level of the intervals; null = the calculator's configured level (0.95 by default).</summary>
    public double? ConfidenceLevel { get; init; }

    /// <summary>A dimension whose Cronbach's alpha is below this is flagged. Default 0.7 (Nunnally 1978).</summary>
    public double AlphaWarningThreshold { get; init; } = 0.7;

    /// <summary>Monte Carlo replicates of the uncertainty and sensitivity analysis run by <c>Calculate</c>; 0 (default) skips it.</summary>
    public int SensitivityReplicates { get; init; }

    /// <summary>Weight perturbation of the sensitivity analysis: each weight is multiplied by U(1 − δ, 1 + δ), then rescaled. Default 0.25.</summary>
    public double WeightPerturbation { get; init; } = 0.25;

    /// <summary>Checks every option; throws naming the first invalid one.</summary>
    /// <exception cref="ArgumentException">A dimension list is empty or inconsistent.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A numeric option is out of range or an enum value unknown.</exception>
    public void Validate()
    {
        const string prefix = nameof(TrustIndexOptions) + ".";
        if (Scale.Points < 2)
        {
            throw new ArgumentOutOfRangeException(prefix + nameof(Scale), Scale, $"{prefix}{nameof(Scale)} is not set: use new RatingScale(min, max).");
        }

        if (Dimensions is null || Dimensions.Count == 0)
        {
            throw new ArgumentException($"{prefix}{nameof(Dimensions)} needs at least one dimension.", prefix + nameof(Dimensions));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int j = 0; j < Dimensions.Count; j++)
        {
            var d = Dimensions[j];
            if (d is null || string.IsNullOrWhiteSpace(d.Name) || !names.Add(d.Name))
            {
                throw new ArgumentException($"{prefix}{nameof(Dimensions)}[{j}] has a blank or repeated name.", prefix + nameof(Dimensions));
            }

            if (d.Items is null || d.Items.Count == 0)
            {
                throw new ArgumentException($"Dimension '{d.Name}' has no items.", prefix + nameof(Dimensions));
            }

            if (d.Items.Distinct(StringComparer.Ordinal).Count() != d.Items.Count)
            {
                throw new ArgumentException($"Dimension '{d.Name}' lists an item twice.", prefix + nameof(Dimensions));
            }
        }

        ArgumentNullException.ThrowIfNull(ReverseCodedItems, prefix + nameof(ReverseCodedItems));
        CheckEnum(MissingAnswers, prefix + nameof(MissingAnswers));
        CheckEnum(Normalization, prefix + nameof(Normalization));
        CheckEnum(Weighting, prefix + nameof(Weighting));
        CheckEnum(Aggregation, prefix + nameof(Aggregation));
        if (!(MinimumAnsweredShare > 0 && MinimumAnsweredShare <= 1))
        {
            throw new ArgumentOutOfRangeException(prefix + nameof(MinimumAnsweredShare), MinimumAnsweredShare,
                $"{prefix}{nameof(MinimumAnsweredShare)} must lie in (0, 1]; got {Guard.Format(MinimumAnsweredShare)}.");
        }

        if (Target is double target && !(target > Scale.Min && target <= Scale.Max))
        {
            throw new ArgumentOutOfRangeException(prefix + nameof(Target), target,
                $"{prefix}{nameof(Target)} must lie in ({Scale.Min}, {Scale.Max}]; got {Guard.Format(target)}.");
        }

        if (Weighting == TrustWeighting.User)
        {
            ValidateUserWeights(prefix);
        }

        if (BootstrapReplicates < 0 || BootstrapReplicates == 1)
        {
            throw new ArgumentOutOfRangeException(prefix + nameof(BootstrapReplicates), BootstrapReplicates,
                $"{prefix}{nameof(BootstrapReplicates)} must be 0 (no intervals) or at least 2; got {BootstrapReplicates}.");
        }

        if (SensitivityReplicates < 0)
        {
            throw new ArgumentOutOfRangeException(prefix + nameof(SensitivityReplicates), SensitivityReplicates,
                $"{prefix}{nameof(SensitivityReplicates)} must not be negative; got {SensitivityReplicates}.");
        }

        if (ConfidenceLevel is double level)
        {
            Guard.ConfidenceLevel(level, prefix + nameof(ConfidenceLevel));
        }

        if (!double.IsFinite(AlphaWarningThreshold))
        {
            throw new ArgumentOutOfRangeException(prefix + nameof(AlphaWarningThreshold), AlphaWarningThreshold, $"{prefix}{nameof(AlphaWarningThreshold)} must be finite.");
        }

        if (!(WeightPerturbation >= 0 && WeightPerturbation < 1))
        {
            throw new ArgumentOutOfRangeException(prefix + nameof(WeightPerturbation), WeightPerturbation,
                $"{prefix}{nameof(WeightPerturbation)} must lie in [0, 1); got {Guard.Format(WeightPerturbation)}.");
        }
    }

    private void ValidateUserWeights(string prefix)
    {
        if (Weights is null)
        {
            throw new ArgumentException($"{prefix}{nameof(Weighting)} is User but {prefix}{nameof(Weights)} is not set.", prefix + nameof(Weights));
        }

        double total = 0;
        foreach (var d in Dimensions)
        {
            if (!Weights.TryGetValue(d.Name, out double w))
            {
                throw new ArgumentException($"{prefix}{nameof(Weights)} has no weight for dimension '{d.Name}'.", prefix + nameof(Weights));
            }

            if (!(double.IsFinite(w) && w >= 0))
            {
                throw new ArgumentOutOfRangeException(prefix + nameof(Weights), w, $"The weight of '{d.Name}' must be finite and ≥ 0; got {Guard.Format(w)}.");
            }

            total += w;
        }

        foreach (string name in Weights.Keys)
        {
            if (!Dimensions.Any(d => d.Name == name))
            {
                throw new ArgumentException($"{prefix}{nameof(Weights)} names '{name}', which is not a dimension.", prefix + nameof(Weights));
            }
        }

        if (total <= 0)
        {
            throw new ArgumentException($"{prefix}{nameof(Weights)} are all 0.", prefix + nameof(Weights));
        }
    }

    private static void CheckEnum<TEnum>(TEnum value, string name) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is not a known {typeof(TEnum).Name}: {value}.");
        }
    }
}
