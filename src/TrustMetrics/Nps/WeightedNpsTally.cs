using System.Numerics;

namespace TrustMetrics.Nps;

/// <summary>
/// Sufficient statistics of a survey-weighted NPS: per class the response count, the sum of weights Σw and the sum of
/// squared weights Σw². From these follow the weighted shares, Kish's effective sample size (Σw)²/Σw² and the
/// linearization standard error of R <c>survey::svymean</c>. Merges by addition like <see cref="NpsTally"/>.
/// </summary>
/// <param name="Counts">Unweighted counts per class.</param>
/// <param name="DetractorWeight">Σw over detractors.</param>
/// <param name="PassiveWeight">Σw over passives.</param>
/// <param name="PromoterWeight">Σw over promoters.</param>
/// <param name="DetractorWeightSquares">Σw² over detractors.</param>
/// <param name="PassiveWeightSquares">Σw² over passives.</param>
/// <param name="PromoterWeightSquares">Σw² over promoters.</param>
public readonly record struct WeightedNpsTally(
    NpsTally Counts,
    double DetractorWeight,
    double PassiveWeight,
    double PromoterWeight,
    double DetractorWeightSquares,
    double PassiveWeightSquares,
    double PromoterWeightSquares)
    : IAdditionOperators<WeightedNpsTally, WeightedNpsTally, WeightedNpsTally>, IAdditiveIdentity<WeightedNpsTally, WeightedNpsTally>
{
    /// <summary>The empty tally.</summary>
    public static WeightedNpsTally Empty => default;

    /// <inheritdoc cref="Empty"/>
    public static WeightedNpsTally AdditiveIdentity => default;

    /// <summary>Number of responses (unweighted).</summary>
    public long Count => Counts.Count;

    /// <summary>Σw over all responses.</summary>
    public double TotalWeight => DetractorWeight + PassiveWeight + PromoterWeight;

    /// <summary>Σw² over all responses.</summary>
    public double TotalWeightSquares => DetractorWeightSquares + PassiveWeightSquares + PromoterWeightSquares;

    /// <summary>Kish (1965) effective sample size (Σw)²/Σw²; 0 for an empty tally.</summary>
    public double EffectiveSampleSize => TotalWeightSquares == 0 ? 0.0 : TotalWeight * TotalWeight / TotalWeightSquares;

    /// <summary>Merges two tallies: every component adds.</summary>
    /// <param name="left">A tally.</param>
    /// <param name="right">Another tally.</param>
    public static WeightedNpsTally operator +(WeightedNpsTally left, WeightedNpsTally right) => new(
        left.Counts + right.Counts,
        left.DetractorWeight + right.DetractorWeight,
        left.PassiveWeight + right.PassiveWeight,
        left.PromoterWeight + right.PromoterWeight,
        left.DetractorWeightSquares + right.DetractorWeightSquares,
        left.PassiveWeightSquares + right.PassiveWeightSquares,
        left.PromoterWeightSquares + right.PromoterWeightSquares);

    /// <summary>Merges <paramref name="other"/> into a new tally (same as <c>+</c>).</summary>
    /// <param name="other">The tally to merge.</param>
    public WeightedNpsTally Merge(WeightedNpsTally other) => this + other;

    /// <summary>The serialisable, versioned state of this tally (version <see cref="WeightedNpsTallyState.CurrentVersion"/>).</summary>
    public WeightedNpsTallyState ToState() => new(WeightedNpsTallyState.CurrentVersion, Counts.Detractors, Counts.Passives, Counts.Promoters,
        DetractorWeight, PassiveWeight, PromoterWeight, DetractorWeightSquares, PassiveWeightSquares, PromoterWeightSquares);

    /// <summary>The tally a state describes; <c>FromState(t.ToState()) == t</c>.</summary>
    /// <param name="state">A state of version <see cref="WeightedNpsTallyState.CurrentVersion"/>.</param>
    /// <exception cref="ArgumentException">The version is unknown, a count is negative or a weight sum is negative, NaN or infinite; the message names the field and value.</exception>
    public static WeightedNpsTally FromState(WeightedNpsTallyState state)
    {
        const string type = nameof(WeightedNpsTallyState);
        Serialization.StateGuard.Version(state.Version, WeightedNpsTallyState.CurrentVersion, type);
        Serialization.StateGuard.NonNegative(state.Detractors, type, nameof(state.Detractors));
        Serialization.StateGuard.NonNegative(state.Passives, type, nameof(state.Passives));
        Serialization.StateGuard.NonNegative(state.Promoters, type, nameof(state.Promoters));
        Serialization.StateGuard.FiniteNonNegative(state.DetractorWeight, type, nameof(state.DetractorWeight));
        Serialization.StateGuard.FiniteNonNegative(state.PassiveWeight, type, nameof(state.PassiveWeight));
        Serialization.StateGuard.FiniteNonNegative(state.PromoterWeight, type, nameof(state.PromoterWeight));
        Serialization.StateGuard.FiniteNonNegative(state.DetractorWeightSquares, type, nameof(state.DetractorWeightSquares));
        Serialization.StateGuard.FiniteNonNegative(state.PassiveWeightSquares, type, nameof(state.PassiveWeightSquares));
        Serialization.StateGuard.FiniteNonNegative(state.PromoterWeightSquares, type, nameof(state.PromoterWeightSquares));
        return new WeightedNpsTally(new NpsTally(state.Detractors, state.Passives, state.Promoters),
            state.DetractorWeight, state.PassiveWeight, state.PromoterWeight,
            state.DetractorWeightSquares, state.PassiveWeightSquares, state.PromoterWeightSquares);
    }

    /// <summary>This tally with one more response of <paramref name="score"/> carrying <paramref name="weight"/>.</summary>
    /// <param name="score">A score in 0–10.</param>
    /// <param name="weight">A finite, non-negative survey weight.</param>
    /// <exception cref="ArgumentOutOfRangeException">The score is outside 0–10 or the weight is negative, NaN or infinite.</exception>
    public WeightedNpsTally Add(int score, double weight)
    {
        if (!(double.IsFinite(weight) && weight >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"A survey weight must be finite and non-negative; got {Guard.Format(weight)}.");
        }

        return AddUnchecked(NpsScale.Classify(score), weight);
    }

    /// <summary>Tallies scores with their survey weights (equal lengths).</summary>
    /// <param name="scores">Scores in 0–10.</param>
    /// <param name="weights">Finite, non-negative weights, one per score.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score or weight is invalid; the message names its index and value.</exception>
    public static WeightedNpsTally FromScores(ReadOnlySpan<int> scores, ReadOnlySpan<double> weights)
    {
        if (scores.Length != weights.Length)
        {
            throw new ArgumentException($"scores has {scores.Length} elements but weights has {weights.Length}; they must pair one to one.", nameof(weights));
        }

        var tally = Empty;
        for (int i = 0; i < scores.Length; i++)
        {
            int s = scores[i];
            if ((uint)s > NpsScale.MaxScore)
            {
                throw NpsScale.OutOfRange(nameof(scores), i, s);
            }

            double w = weights[i];
            if (!(double.IsFinite(w) && w >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(weights), w, $"weights[{i}] = {Guard.Format(w)}: a survey weight must be finite and non-negative.");
            }

            tally = tally.AddUnchecked(NpsScale.Classify(s), w);
        }

        return tally;
    }

    /// <summary>Tallies a stream of (score, weight) pairs in one pass.</summary>
    /// <param name="responses">Pairs of a 0–10 score and a finite, non-negative weight.</param>
    /// <exception cref="ArgumentOutOfRangeException">A score or weight is invalid; the message names its position and value.</exception>
    public static WeightedNpsTally FromScores(IEnumerable<(int Score, double Weight)> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var tally = Empty;
        long index = 0;
        foreach (var (s, w) in responses)
        {
            if ((uint)s > NpsScale.MaxScore)
            {
                throw NpsScale.OutOfRange(nameof(responses), index, s);
            }

            if (!(double.IsFinite(w) && w >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(responses), w, $"responses[{index}] has weight {Guard.Format(w)}: a survey weight must be finite and non-negative.");
            }

            tally = tally.AddUnchecked(NpsScale.Classify(s), w);
            index++;
        }

        return tally;
    }

    private WeightedNpsTally AddUnchecked(NpsCategory category, double w) => category switch
    {
        NpsCategory.Detractor => this with
        {
            Counts = Counts with { Detractors = Counts.Detractors + 1 },
            DetractorWeight = DetractorWeight + w,
            DetractorWeightSquares = DetractorWeightSquares + w * w,
        },
        NpsCategory.Passive => this with
        {
            Counts = Counts with { Passives = Counts.Passives + 1 },
            PassiveWeight = PassiveWeight + w,
            PassiveWeightSquares = PassiveWeightSquares + w * w,
        },
        _ => this with
        {
            Counts = Counts with { Promoters = Counts.Promoters + 1 },
            PromoterWeight = PromoterWeight + w,
            PromoterWeightSquares = PromoterWeightSquares + w * w,
        },
    };
}
