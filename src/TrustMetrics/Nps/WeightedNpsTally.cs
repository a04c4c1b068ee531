using System.Numerics;
using TrustMetrics.Serialization;

namespace TrustMetrics.Nps;

/// <summary>
/// Sufficient statistics of a survey-weighted NPS: per class the response count, the sum of weights Σw and the sum of
/// squared weights Σw². From these follow the weighted shares, Kish's effective sample size (Σw)²/Σw² and the
/// linearization standard error of R <c>survey::svymean</c>. Merges with <see cref="Merge"/> (every sum adds). Every sum is finite
/// and non-negative (the constructor refuses anything else); the default value is the empty tally.
/// </summary>
public readonly struct WeightedNpsTally : IAccumulator<WeightedNpsTally>, IEquatable<WeightedNpsTally>
{
    /// <summary>A tally of the given sums, e.g. computed in SQL (<c>SUM(w)</c>, <c>SUM(w*w)</c> per class).</summary>
    /// <param name="counts">Unweighted counts per class.</param>
    /// <param name="detractorWeight">Σw over detractors, finite and ≥ 0.</param>
    /// <param name="passiveWeight">Σw over passives, finite and ≥ 0.</param>
    /// <param name="promoterWeight">Σw over promoters, finite and ≥ 0.</param>
    /// <param name="detractorWeightSquares">Σw² over detractors, finite and ≥ 0.</param>
    /// <param name="passiveWeightSquares">Σw² over passives, finite and ≥ 0.</param>
    /// <param name="promoterWeightSquares">Σw² over promoters, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A sum is negative, NaN or infinite, or a class without responses has a non-zero sum; the message names the sum and value.</exception>
    public WeightedNpsTally(NpsTally counts, double detractorWeight, double passiveWeight, double promoterWeight,
        double detractorWeightSquares, double passiveWeightSquares, double promoterWeightSquares)
    {
        CheckClass(counts.Detractors, detractorWeight, detractorWeightSquares, nameof(detractorWeight), nameof(detractorWeightSquares));
        CheckClass(counts.Passives, passiveWeight, passiveWeightSquares, nameof(passiveWeight), nameof(passiveWeightSquares));
        CheckClass(counts.Promoters, promoterWeight, promoterWeightSquares, nameof(promoterWeight), nameof(promoterWeightSquares));
        if (!double.IsFinite(detractorWeight + passiveWeight + promoterWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(promoterWeight), promoterWeight, "The total weight Σw overflows to infinity.");
        }

        Counts = counts;
        DetractorWeight = detractorWeight;
        PassiveWeight = passiveWeight;
        PromoterWeight = promoterWeight;
        DetractorWeightSquares = detractorWeightSquares;
        PassiveWeightSquares = passiveWeightSquares;
        PromoterWeightSquares = promoterWeightSquares;
    }

    /// <summary>Unweighted counts per class.</summary>
    public NpsTally Counts { get; }

    /// <summary>Σw over detractors.</summary>
    public double DetractorWeight { get; }

    /// <summary>Σw over passives.</summary>
    public double PassiveWeight { get; }

    /// <summary>Σw over promoters.</summary>
    public double PromoterWeight { get; }

    /// <summary>Σw² over detractors.</summary>
    public double DetractorWeightSquares { get; }

    /// <summary>Σw² over passives.</summary>
    public double PassiveWeightSquares { get; }

    /// <summary>Σw² over promoters.</summary>
    public double PromoterWeightSquares { get; }

    /// <summary>The empty tally, same as <c>default</c>.</summary>
    public static WeightedNpsTally Empty => default;

    /// <summary>Σw over all responses.</summary>
    public double TotalWeight => DetractorWeight + PassiveWeight + PromoterWeight;

    /// <summary>
    /// Kish (1965) effective sample size (Σw)²/Σw²; 0 for an empty tally or all-zero weights, +∞ when weights so small that every
    /// w² underflows to 0 leave Σw &gt; 0 with Σw² = 0.
    /// </summary>
    public double EffectiveSampleSize
    {
        get
        {
            double squares = DetractorWeightSquares + PassiveWeightSquares + PromoterWeightSquares, total = TotalWeight;
            return squares == 0 ? (total == 0 ? 0.0 : double.PositiveInfinity) : total / squares * total;
        }
    }

    /// <summary>Merges two tallies: every count and sum adds (associative, commutative, <see cref="Empty"/> is the identity).</summary>
    /// <param name="other">The tally to merge.</param>
    /// <exception cref="ArgumentOutOfRangeException">A merged count or sum overflows.</exception>
    public WeightedNpsTally Merge(WeightedNpsTally other) => new(
        Counts + other.Counts,
        DetractorWeight + other.DetractorWeight,
        PassiveWeight + other.PassiveWeight,
        PromoterWeight + other.PromoterWeight,
        DetractorWeightSquares + other.DetractorWeightSquares,
        PassiveWeightSquares + other.PassiveWeightSquares,
        PromoterWeightSquares + other.PromoterWeightSquares);

    /// <summary>The versioned state as compact JSON (counts, Σw and Σw² per class).</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(ToState(), AccumulatorJsonContext.Default.WeightedNpsTallyState);

    /// <summary>Reads a tally written by <see cref="ToJson"/>; <c>FromJson(t.ToJson())</c> equals <c>t</c>.</summary>
    /// <param name="json">The JSON document.</param>
    /// <exception cref="ArgumentException">The JSON is malformed, of an unknown version, or holds a negative count or a negative, NaN or infinite sum; the message names the field and value.</exception>
    public static WeightedNpsTally FromJson(string json) => FromState(AccumulatorJson.Deserialize<WeightedNpsTallyState>(json));

    /// <inheritdoc/>
    public bool Equals(WeightedNpsTally other) =>
        Counts == other.Counts
        && DetractorWeight.Equals(other.DetractorWeight) && PassiveWeight.Equals(other.PassiveWeight) && PromoterWeight.Equals(other.PromoterWeight)
        && DetractorWeightSquares.Equals(other.DetractorWeightSquares) && PassiveWeightSquares.Equals(other.PassiveWeightSquares)
        && PromoterWeightSquares.Equals(other.PromoterWeightSquares);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is WeightedNpsTally other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Counts, DetractorWeight, PassiveWeight, PromoterWeight,
        DetractorWeightSquares, PassiveWeightSquares, PromoterWeightSquares);

    /// <summary>"n = 3, Σw = 4.5" (invariant culture).</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"n = {Counts.Count}, Σw = {TotalWeight:R}");

    /// <summary>The serialisable, versioned state of this tally.</summary>
    internal WeightedNpsTallyState ToState() => new(WeightedNpsTallyState.CurrentVersion, Counts.Detractors, Counts.Passives, Counts.Promoters,
        DetractorWeight, PassiveWeight, PromoterWeight, DetractorWeightSquares, PassiveWeightSquares, PromoterWeightSquares);

    /// <summary>The tally a state describes; <c>FromState(t.ToState())</c> equals <c>t</c>.</summary>
    /// <exception cref="ArgumentException">The version is unknown, a count is negative or a weight sum is negative, NaN or infinite; the message names the field and value.</exception>
    internal static WeightedNpsTally FromState(WeightedNpsTallyState state)
    {
        const string type = nameof(WeightedNpsTallyState);
        StateGuard.Version(state.Version, WeightedNpsTallyState.CurrentVersion, type);
        StateGuard.NonNegative(state.Detractors, type, nameof(state.Detractors));
        StateGuard.NonNegative(state.Passives, type, nameof(state.Passives));
        StateGuard.NonNegative(state.Promoters, type, nameof(state.Promoters));
        StateGuard.FiniteNonNegative(state.DetractorWeight, type, nameof(state.DetractorWeight));
        StateGuard.FiniteNonNegative(state.PassiveWeight, type, nameof(state.PassiveWeight));
        StateGuard.FiniteNonNegative(state.PromoterWeight, type, nameof(state.PromoterWeight));
        StateGuard.FiniteNonNegative(state.DetractorWeightSquares, type, nameof(state.DetractorWeightSquares));
        StateGuard.FiniteNonNegative(state.PassiveWeightSquares, type, nameof(state.PassiveWeightSquares));
        StateGuard.FiniteNonNegative(state.PromoterWeightSquares, type, nameof(state.PromoterWeightSquares));
        try
        {
            return new WeightedNpsTally(new NpsTally(state.Detractors, state.Passives, state.Promoters),
                state.DetractorWeight, state.PassiveWeight, state.PromoterWeight,
                state.DetractorWeightSquares, state.PassiveWeightSquares, state.PromoterWeightSquares);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw StateGuard.Invalid(type, e.ParamName ?? "?", e.Message);
        }
    }

    /// <summary>This tally with one more response of <paramref name="score"/> carrying <paramref name="weight"/>.</summary>
    /// <param name="score">A score in 0–10.</param>
    /// <param name="weight">A finite, non-negative survey weight.</param>
    /// <exception cref="ArgumentOutOfRangeException">The score is outside 0–10, or the weight is negative, NaN, infinite or so large that a sum overflows.</exception>
    public WeightedNpsTally Add(int score, double weight)
    {
        CheckWeight(weight, nameof(weight), null);
        return AddChecked(NpsScale.Classify(score), weight, nameof(weight));
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

            CheckWeight(weights[i], nameof(weights), i);
            tally = tally.AddChecked(NpsScale.Classify(s), weights[i], nameof(weights));
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

            CheckWeight(w, nameof(responses), index);
            tally = tally.AddChecked(NpsScale.Classify(s), w, nameof(responses));
            index++;
        }

        return tally;
    }

    private static void CheckWeight(double w, string paramName, long? index)
    {
        if (!(double.IsFinite(w) && w >= 0))
        {
            string where = index is { } i ? $"{paramName}[{i}] = {Guard.Format(w)}" : $"{paramName} = {Guard.Format(w)}";
            throw new ArgumentOutOfRangeException(paramName, w, $"{where}: a survey weight must be finite and non-negative.");
        }
    }

    private static void CheckClass(long count, double weight, double squares, string weightName, string squaresName)
    {
        foreach (var (value, name) in new[] { (weight, weightName), (squares, squaresName) })
        {
            if (!(double.IsFinite(value) && value >= 0))
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and ≥ 0; got {Guard.Format(value)}.");
            }

            if (count == 0 && value != 0)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} = {Guard.Format(value)} but the class has no response: it must be 0.");
            }
        }
    }

    private WeightedNpsTally AddChecked(NpsCategory category, double w, string paramName)
    {
        double w2 = w * w;
        if (!double.IsFinite(w2))
        {
            throw new ArgumentOutOfRangeException(paramName, w, $"The weight {Guard.Format(w)} is too large: its square overflows.");
        }

        try
        {
            return category switch
            {
                NpsCategory.Detractor => new(Counts + new NpsTally(1, 0, 0), DetractorWeight + w, PassiveWeight, PromoterWeight,
                    DetractorWeightSquares + w2, PassiveWeightSquares, PromoterWeightSquares),
                NpsCategory.Passive => new(Counts + new NpsTally(0, 1, 0), DetractorWeight, PassiveWeight + w, PromoterWeight,
                    DetractorWeightSquares, PassiveWeightSquares + w2, PromoterWeightSquares),
                _ => new(Counts + new NpsTally(0, 0, 1), DetractorWeight, PassiveWeight, PromoterWeight + w,
                    DetractorWeightSquares, PassiveWeightSquares, PromoterWeightSquares + w2),
            };
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentOutOfRangeException(paramName, w, $"Adding the weight {Guard.Format(w)} overflows the tally: {e.Message}");
        }
    }
}
