namespace TrustMetrics.Sentiment;

/// <summary>
/// An application's sentiment model (an LLM prompt, a cloud text-analytics call, a lexicon) as the library sees it: one text
/// in, one <see cref="SentimentPrediction"/> out. Plug it into <see cref="ClassifiedSentimentTally.Classify"/> to tally a stream
/// of texts, then correct the tally for the model's errors with <see cref="ICorrectedSentimentCalculator"/> and a validation
/// sample. Implementations used from several threads must be thread-safe; the tally calls it once per text, in order.
/// </summary>
public interface ISentimentClassifier
{
    /// <summary>The predicted polarity of <paramref name="text"/> and, when the model gives them, its class probabilities.</summary>
    /// <param name="text">One mention, review or answer.</param>
    SentimentPrediction Classify(string text);
}
