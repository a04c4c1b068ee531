using TrustMetrics.Presentation;

namespace TrustMetrics.Sentiment;

/// <summary>
/// One classifier output: the predicted label and, optionally, the model's probabilities P(positive), P(neutral), P(negative)
/// (each in [0, 1], summing to 1 within 1e-6). The probabilities feed the probabilistic average (probabilistic
/// classify-and-count: the mean of the probabilities over the production items).
/// </summary>
public sealed class SentimentPrediction
{
    private const double SumTolerance = 1e-6;

    /// <summary>A prediction without probabilities.</summary>
    /// <param name="label">The predicted polarity.</param>
    /// <exception cref="ArgumentOutOfRangeException">The label is undefined.</exception>
    public SentimentPrediction(SentimentLabel label)
    {
        Guard.Defined(label);
        Label = label;
    }

    /// <summary>A prediction with probabilities.</summary>
    /// <param name="label">The predicted polarity (usually the most probable class, but thresholds may differ).</param>
    /// <param name="positive">P(positive) in [0, 1].</param>
    /// <param name="neutral">P(neutral) in [0, 1].</param>
    /// <param name="negative">P(negative) in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">The label is undefined, a probability is not in [0, 1] (NaN refused), or they do not sum to 1 within 1e-6.</exception>
    public SentimentPrediction(SentimentLabel label, double positive, double neutral, double negative)
        : this(label)
    {
        Guard.Probability(positive);
        Guard.Probability(neutral);
        Guard.Probability(negative);
        double sum = positive + neutral + negative;
        if (!(Math.Abs(sum - 1) <= SumTolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(negative), sum,
                $"The probabilities {Guard.Format(positive)} + {Guard.Format(neutral)} + {Guard.Format(negative)} sum to {Guard.Format(sum)}, not 1 (within {SumTolerance}).");
        }

        PositiveProbability = positive;
        NeutralProbability = neutral;
        NegativeProbability = negative;
    }

    /// <summary>The predicted polarity.</summary>
    public SentimentLabel Label { get; }

    /// <summary>P(positive), or null when the model gave no probabilities.</summary>
    public double? PositiveProbability { get; }

    /// <summary>P(neutral), or null when the model gave no probabilities.</summary>
    public double? NeutralProbability { get; }

    /// <summary>P(negative), or null when the model gave no probabilities.</summary>
    public double? NegativeProbability { get; }

    /// <summary>"Positive (0.80/0.15/0.05)" or "Positive", invariant culture.</summary>
    public override string ToString() => PositiveProbability is { } p
        ? $"{Label} ({InvariantText.Number(p, "0.00")}/{InvariantText.Number(NeutralProbability!.Value, "0.00")}/{InvariantText.Number(NegativeProbability!.Value, "0.00")})"
        : Label.ToString();
}
