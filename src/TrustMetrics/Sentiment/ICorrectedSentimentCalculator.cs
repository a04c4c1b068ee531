namespace TrustMetrics.Sentiment;

/// <summary>
/// Sentiment shares corrected for classifier error (adjusted classify-and-count, the multiclass Rogan–Gladen estimator): the
/// predicted-label shares q of the production labels and the misclassification matrix M[p, t] = P(predicted p | true t) from a
/// validation sample with human labels give the true shares π = M⁻¹q, constrained to the simplex by least squares when the plain
/// inverse leaves it; the delta-method interval carries both the production sampling error and the validation sample's
/// uncertainty about M. Stateless and thread-safe.
/// </summary>
public interface ICorrectedSentimentCalculator
{
    /// <summary>Corrects a production label tally with a validation sample.</summary>
    /// <param name="production">Predicted labels of the production items (non-empty).</param>
    /// <param name="validation">Human × classifier labels of an independent validation sample; every true label must occur.</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    /// <exception cref="ArgumentException">Empty production tally, a true label absent from the validation, or a singular confusion matrix (the classifier's labels do not identify the shares).</exception>
    CorrectedSentimentResult Correct(SentimentTally production, SentimentConfusion validation, double? confidenceLevel = null);

    /// <summary>As <see cref="Correct(SentimentTally, SentimentConfusion, double?)"/> on the tally's labels, and the probabilistic average of its scored items beside it.</summary>
    /// <param name="production">A streaming tally of the classifier's output (non-empty).</param>
    /// <param name="validation">Human × classifier labels of an independent validation sample.</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    /// <exception cref="ArgumentException">As the label overload.</exception>
    CorrectedSentimentResult Correct(ClassifiedSentimentTally production, SentimentConfusion validation, double? confidenceLevel = null);
}
