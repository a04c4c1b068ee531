using TrustMetrics.Scales;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// Every methodological choice of the trust index, with the defaults docs/trust-index.md explains: 1–5 scale, the five
/// default drivers, available-item means with at least half the items answered, theoretical-bounds normalisation, equal
/// weights, arithmetic aggregation, 1,000 seeded bootstrap replicates, alpha warning below 0.7. Each property refuses an
/// invalid value when it is set (the exception's parameter name is <c>TrustIndexOptions.Property</c>); choices that depend on
/// each other (the target within the scale, a weight for every dimension) are checked when the options are used. Collections
/// are copied when set. To change one choice of existing options, copy them: <c>new TrustIndexOptions(options) { Seed = 12 }</c>.
/// </summary>
public sealed class TrustIndexOptions
{
    private const string Prefix = nameof(TrustIndexOptions) + ".";

    /// <summary>Options with every default.</summary>
    public TrustIndexOptions()
    {
    }

    /// <summary>A copy of <paramref name="other"/>, to change some choices in an object initializer.</summary>
    /// <param name="other">Options to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public TrustIndexOptions(TrustIndexOptions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Scale = other.Scale;
        Dimensions = other.Dimensions;
        ReverseCodedItems = other.ReverseCodedItems;
        MissingAnswers = other.MissingAnswers;
        MinimumAnsweredShare = other.MinimumAnsweredShare;
        Normalization = other.Normalization;
        Target = other.Target;
        Weighting = other.Weighting;
        Weights = other.Weights;
        Aggregation = other.Aggregation;
        BootstrapReplicates = other.BootstrapReplicates;
        Seed = other.Seed;
        ConfidenceLevel = other.ConfidenceLevel;
        AlphaWarningThreshold = other.AlphaWarningThreshold;
        SensitivityReplicates = other.SensitivityReplicates;
        WeightPerturbation = other.WeightPerturbation;
    }

    /// <summary>Answer scale of every item. Default 1–5.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The scale is <c>default</c> (not set).</exception>
    public RatingScale Scale
    {
        get;
        init => field = value.Points >= 2
            ? value
            : throw new ArgumentOutOfRangeException(Prefix + nameof(Scale), value, $"{Prefix}{nameof(Scale)} is not set: use new RatingScale(min, max).");
    } = RatingScale.FivePoint;

    /// <summary>Dimensions and their items, names distinct. Default <see cref="TrustDrivers.Default"/> (transparency1..3, consistency1..3, …).</summary>
    /// <exception cref="ArgumentException">The list is null or empty, or an entry is null or repeats a name (the message names its index).</exception>
    public IReadOnlyList<TrustDimension> Dimensions
    {
        get;
        init => field = CheckDimensions(value);
    } = TrustDrivers.Default();

    /// <summary>Items whose answers are reversed (x' = min + max − x) before anything else. Default none.</summary>
    /// <exception cref="ArgumentException">The collection is null or holds a blank name.</exception>
    public IReadOnlyCollection<string> ReverseCodedItems
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, Prefix + nameof(ReverseCodedItems));
            string[] copy = [.. value];
            for (int i = 0; i < copy.Length; i++)
            {
                if (string.IsNullOrWhiteSpace(copy[i]))
                {
                    throw new ArgumentException($"{Prefix}{nameof(ReverseCodedItems)}[{i}] is blank.", Prefix + nameof(ReverseCodedItems));
                }
            }

            field = copy;
        }
    } = [];

    /// <summary>Missing-answer policy. Default <see cref="MissingAnswerPolicy.AvailableItemMean"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined policy.</exception>
    public MissingAnswerPolicy MissingAnswers
    {
        get;
        init
        {
            Guard.Defined(value, Prefix + nameof(MissingAnswers));
            field = value;
        }
    } = MissingAnswerPolicy.AvailableItemMean;

    /// <summary>Smallest share of a dimension's items a respondent must answer for an available-item mean, in (0, 1]. Default 0.5.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside (0, 1] or NaN.</exception>
    public double MinimumAnsweredShare
    {
        get;
        init => field = value > 0 && value <= 1
            ? value
            : throw new ArgumentOutOfRangeException(Prefix + nameof(MinimumAnsweredShare), value,
                $"{Prefix}{nameof(MinimumAnsweredShare)} must lie in (0, 1]; got {Guard.Format(value)}.");
    } = 0.5;

    /// <summary>Normalisation. Default <see cref="TrustNormalization.TheoreticalBounds"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined normalisation.</exception>
    public TrustNormalization Normalization
    {
        get;
        init
        {
            Guard.Defined(value, Prefix + nameof(Normalization));
            field = value;
        }
    } = TrustNormalization.TheoreticalBounds;

    /// <summary>
    /// Target in scale units for <see cref="TrustNormalization.DistanceToTarget"/>, in (scale minimum, scale maximum]; null = the
    /// scale maximum. The range is checked when the options are used.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN or infinite.</exception>
    public double? Target
    {
        get;
        init => field = value is not { } t || double.IsFinite(t)
            ? value
            : throw new ArgumentOutOfRangeException(Prefix + nameof(Target), t, $"{Prefix}{nameof(Target)} must be finite; got {Guard.Format(t)}.");
    }

    /// <summary>Weighting. Default <see cref="TrustWeighting.Equal"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined weighting.</exception>
    public TrustWeighting Weighting
    {
        get;
        init
        {
            Guard.Defined(value, Prefix + nameof(Weighting));
            field = value;
        }
    } = TrustWeighting.Equal;

    /// <summary>
    /// Weights by dimension name for <see cref="TrustWeighting.User"/> (finite, ≥ 0, not all 0; rescaled to sum to 1). That every
    /// dimension has one is checked when the options are used.
    /// </summary>
    /// <exception cref="ArgumentException">A name is blank, a weight is negative or not finite, or all are 0.</exception>
    public IReadOnlyDictionary<string, double>? Weights
    {
        get;
        init => field = value is null ? null : CheckWeights(value);
    }

    /// <summary>Aggregation. Default <see cref="TrustAggregation.Arithmetic"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined aggregation.</exception>
    public TrustAggregation Aggregation
    {
        get;
        init
        {
            Guard.Defined(value, Prefix + nameof(Aggregation));
            field = value;
        }
    } = TrustAggregation.Arithmetic;

    /// <summary>Bootstrap replicates for every interval (index, dimensions, segments, key drivers); 0 turns intervals off. Default 1,000.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or 1.</exception>
    public int BootstrapReplicates
    {
        get;
        init => field = value == 0 || value >= 2
            ? value
            : throw new ArgumentOutOfRangeException(Prefix + nameof(BootstrapReplicates), value,
                $"{Prefix}{nameof(BootstrapReplicates)} must be 0 (no intervals) or at least 2; got {value}.");
    } = 1000;

    /// <summary>Seed of every random draw (bootstrap, sensitivity), so results are reproducible. Default 20260501.</summary>
    public int Seed { get; init; } = 20260501;

    /// <summary>Confidence level of the intervals, in (0, 1); null = the calculator's configured level (0.95 by default).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside (0, 1) or NaN.</exception>
    public double? ConfidenceLevel
    {
        get;
        init
        {
            if (value is { } level)
            {
                Guard.ConfidenceLevel(level, Prefix + nameof(ConfidenceLevel));
            }

            field = value;
        }
    }

    /// <summary>A dimension whose Cronbach's alpha is below this is flagged. Default 0.7 (Nunnally 1978).</summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN or infinite.</exception>
    public double AlphaWarningThreshold
    {
        get;
        init
        {
            Guard.Finite(value, Prefix + nameof(AlphaWarningThreshold));
            field = value;
        }
    } = 0.7;

    /// <summary>Monte Carlo replicates of the uncertainty and sensitivity analysis run by <c>Calculate</c>; 0 (default) skips it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int SensitivityReplicates
    {
        get;
        init => field = value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(Prefix + nameof(SensitivityReplicates), value, $"{Prefix}{nameof(SensitivityReplicates)} must not be negative; got {value}.");
    }

    /// <summary>Weight perturbation δ of the sensitivity analysis: each weight is multiplied by U(1 − δ, 1 + δ), then rescaled; in [0, 1). Default 0.25.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 1) or NaN.</exception>
    public double WeightPerturbation
    {
        get;
        init => field = value >= 0 && value < 1
            ? value
            : throw new ArgumentOutOfRangeException(Prefix + nameof(WeightPerturbation), value,
                $"{Prefix}{nameof(WeightPerturbation)} must lie in [0, 1); got {Guard.Format(value)}.");
    } = 0.25;

    /// <summary>The checks that combine options (each property checked itself when set); throws naming the first problem.</summary>
    internal void Validate()
    {
        if (Target is double target && !(target > Scale.Min && target <= Scale.Max))
        {
            throw new ArgumentOutOfRangeException(Prefix + nameof(Target), target,
                $"{Prefix}{nameof(Target)} must lie in ({Scale.Min}, {Scale.Max}]; got {Guard.Format(target)}.");
        }

        if (Weighting != TrustWeighting.User)
        {
            return;
        }

        if (Weights is null)
        {
            throw new ArgumentException($"{Prefix}{nameof(Weighting)} is User but {Prefix}{nameof(Weights)} is not set.", Prefix + nameof(Weights));
        }

        double total = 0;
        foreach (var d in Dimensions)
        {
            total += Weights.TryGetValue(d.Name, out double w)
                ? w
                : throw new ArgumentException($"{Prefix}{nameof(Weights)} has no weight for dimension '{d.Name}'.", Prefix + nameof(Weights));
        }

        foreach (string name in Weights.Keys)
        {
            if (!Dimensions.Any(d => d.Name == name))
            {
                throw new ArgumentException($"{Prefix}{nameof(Weights)} names '{name}', which is not a dimension.", Prefix + nameof(Weights));
            }
        }

        if (total <= 0)
        {
            throw new ArgumentException($"{Prefix}{nameof(Weights)} are all 0.", Prefix + nameof(Weights));
        }
    }

    private static TrustDimension[] CheckDimensions(IReadOnlyList<TrustDimension> value)
    {
        if (value is null || value.Count == 0)
        {
            throw new ArgumentException($"{Prefix}{nameof(Dimensions)} needs at least one dimension.", Prefix + nameof(Dimensions));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int j = 0; j < value.Count; j++)
        {
            if (value[j] is not { } d || !names.Add(d.Name))
            {
                throw new ArgumentException($"{Prefix}{nameof(Dimensions)}[{j}] is null or repeats the name '{value[j]?.Name}'.", Prefix + nameof(Dimensions));
            }
        }

        return [.. value];
    }

    private static Dictionary<string, double> CheckWeights(IReadOnlyDictionary<string, double> value)
    {
        var copy = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, w) in value)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException($"{Prefix}{nameof(Weights)} has a blank dimension name.", Prefix + nameof(Weights));
            }

            if (!(double.IsFinite(w) && w >= 0))
            {
                throw new ArgumentOutOfRangeException(Prefix + nameof(Weights), w, $"{Prefix}{nameof(Weights)}['{name}'] must be finite and ≥ 0; got {Guard.Format(w)}.");
            }

            copy[name] = w;
        }

        return copy.Values.Any(w => w > 0)
            ? copy
            : throw new ArgumentException($"{Prefix}{nameof(Weights)} are all 0.", Prefix + nameof(Weights));
    }
}
