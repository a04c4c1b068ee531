namespace TrustMetrics.Sentiment;

/// <summary>The standard <see cref="ICorrectedSentimentCalculator"/>; the interval level defaults to <see cref="TrustMetricsOptions.ConfidenceLevel"/>.</summary>
public sealed class CorrectedSentimentCalculator : ICorrectedSentimentCalculator
{
    /// <summary>The interval method name carried by every interval of the result.</summary>
    internal const string Method = "Rogan-Gladen delta";

    private static readonly string[] ClassNames = ["negative", "neutral", "positive"];
    private readonly TrustMetricsOptions options;

    /// <summary>A calculator with the library defaults (95%).</summary>
    public CorrectedSentimentCalculator()
        : this(new TrustMetricsOptions())
    {
    }

    /// <summary>A calculator with the given defaults (validated and copied).</summary>
    /// <param name="options">The confidence level.</param>
    public CorrectedSentimentCalculator(TrustMetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Snapshot();
    }

    /// <inheritdoc/>
    public CorrectedSentimentResult Correct(SentimentTally production, SentimentConfusion validation, double? confidenceLevel = null) =>
        Compute(production, null, validation, confidenceLevel);

    /// <inheritdoc/>
    public CorrectedSentimentResult Correct(ClassifiedSentimentTally production, SentimentConfusion validation, double? confidenceLevel = null) =>
        Compute(production.Labels, production.Scored > 0 ? production : null, validation, confidenceLevel);

    private CorrectedSentimentResult Compute(SentimentTally production, ClassifiedSentimentTally? scores, SentimentConfusion validation, double? confidenceLevel)
    {
        if (production.IsEmpty)
        {
            throw Guard.Empty("A corrected sentiment", nameof(production));
        }

        double level = confidenceLevel ?? options.ConfidenceLevel;
        Guard.ConfidenceLevel(level, nameof(confidenceLevel));
        MisclassificationCorrection.Solution solution;
        try
        {
            solution = MisclassificationCorrection.Solve([production.Negative, production.Neutral, production.Positive], validation.ToMatrix(), ClassNames);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(e.Message, nameof(validation));
        }

        var pi = solution.Shares;
        var shares = new Estimation.Estimate[3];
        for (int k = 0; k < 3; k++)
        {
            Span<double> unit = [0, 0, 0];
            unit[k] = 1;
            shares[k] = MisclassificationCorrection.Wald(pi[k], MisclassificationCorrection.Variance(solution.Covariance, unit), level, 0, 1, Method);
        }

        // Net = 100·(π₊ − π₋), c = (−100, 0, 100) in label order.
        var net = MisclassificationCorrection.Wald(100 * (pi[2] - pi[0]), MisclassificationCorrection.Variance(solution.Covariance, [-100, 0, 100]), level, -100, 100, Method);
        double[]? probabilistic = scores is { } s
            ? [s.NegativeProbabilitySum / s.Scored, s.NeutralProbabilitySum / s.Scored, s.PositiveProbabilitySum / s.Scored]
            : null;
        return new CorrectedSentimentResult(production, validation, solution.Matrix, shares, net, solution.Constrained, probabilistic, scores?.Scored ?? 0);
    }
}
