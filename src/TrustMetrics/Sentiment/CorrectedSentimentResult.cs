using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Sentiment;

/// <summary>
/// Sentiment shares corrected for classifier error: the true positive/neutral/negative shares π = M⁻¹q (adjusted classify-and-count,
/// multiclass Rogan–Gladen; constrained least squares on the simplex when the plain inverse leaves it) and the net sentiment
/// 100·(π₊ − π₋) in points, each with its delta-method SE and Wald interval (clipped to [0, 1] and [−100, 100]) carrying the
/// sampling error of the production labels and of the validation sample's confusion matrix; beside them the uncorrected
/// shares and, when the classifier gave probabilities, their average (probabilistic classify-and-count). Rendered by
/// <see cref="ResultFormatter"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class CorrectedSentimentResult : ITabularResult
{
    private readonly double[,] matrix;
    private readonly Estimate[] shares;
    private readonly double[]? probabilistic;

    internal CorrectedSentimentResult(SentimentTally production, SentimentConfusion validation, double[,] matrix, Estimate[] shares, Estimate netSentiment,
        bool constrained, double[]? probabilistic, long scored)
    {
        Production = production;
        Validation = validation;
        this.matrix = matrix;
        this.shares = shares;
        NetSentiment = netSentiment;
        Constrained = constrained;
        this.probabilistic = probabilistic;
        Scored = scored;
    }

    /// <summary>The production label tally (the classifier's labels).</summary>
    public SentimentTally Production { get; }

    /// <summary>The validation sample's confusion counts.</summary>
    public SentimentConfusion Validation { get; }

    /// <summary>Corrected share of positive items (0–1) with SE and interval.</summary>
    public Estimate Positive => shares[2];

    /// <summary>Corrected share of neutral items (0–1) with SE and interval.</summary>
    public Estimate Neutral => shares[1];

    /// <summary>Corrected share of negative items (0–1) with SE and interval.</summary>
    public Estimate Negative => shares[0];

    /// <summary>Corrected net sentiment 100·(π₊ − π₋) in points with SE and interval.</summary>
    public Estimate NetSentiment { get; }

    /// <summary>Uncorrected net sentiment of the production labels, 100·(positive − negative)/n in points.</summary>
    public double ObservedNetSentiment => 100.0 * (Production.Positive - Production.Negative) / Production.Count;

    /// <summary>True when the plain inverse M⁻¹q had a negative share and the estimate is the simplex-constrained least-squares solution.</summary>
    public bool Constrained { get; }

    /// <summary>Production items that came with probabilities (0 when none did).</summary>
    public long Scored { get; }

    /// <summary>Mean P(positive) over the scored items (probabilistic classify-and-count); null without probabilities.</summary>
    public double? ProbabilisticPositive => probabilistic?[2];

    /// <summary>Mean P(neutral) over the scored items; null without probabilities.</summary>
    public double? ProbabilisticNeutral => probabilistic?[1];

    /// <summary>Mean P(negative) over the scored items; null without probabilities.</summary>
    public double? ProbabilisticNegative => probabilistic?[0];

    /// <summary>100·(mean P(positive) − mean P(negative)) in points; null without probabilities.</summary>
    public double? ProbabilisticNetSentiment => probabilistic is { } p ? 100 * (p[2] - p[0]) : null;

    /// <summary>Estimated P(predicted | true) from the validation sample (each true label's column sums to 1).</summary>
    /// <param name="predicted">The classifier's label.</param>
    /// <param name="truth">The true label.</param>
    /// <exception cref="ArgumentOutOfRangeException">A label is undefined.</exception>
    public double Misclassification(SentimentLabel predicted, SentimentLabel truth)
    {
        Guard.Defined(predicted);
        Guard.Defined(truth);
        return matrix[(int)predicted, (int)truth];
    }

    /// <summary>Uncorrected share of <paramref name="label"/> in the production labels.</summary>
    internal double ObservedShare(SentimentLabel label) => label switch
    {
        SentimentLabel.Negative => (double)Production.Negative / Production.Count,
        SentimentLabel.Neutral => (double)Production.Neutral / Production.Count,
        _ => (double)Production.Positive / Production.Count,
    };

    /// <summary>The corrected share of <paramref name="label"/>.</summary>
    internal Estimate Share(SentimentLabel label) => shares[(int)label];

    /// <summary>"Corrected net sentiment 24.1 [15.0, 33.2] (95% Rogan-Gladen delta; observed 30.0, n = 2,000, validation 300)", invariant culture.</summary>
    public override string ToString() =>
        $"Corrected net sentiment {InvariantText.Number(NetSentiment.Value, "0.0")} [{InvariantText.Number(NetSentiment.Interval.Lower, "0.0")}, {InvariantText.Number(NetSentiment.Interval.Upper, "0.0")}] " +
        $"({InvariantText.Level(NetSentiment.Interval.Level)} {NetSentiment.Interval.Method}; observed {InvariantText.Number(ObservedNetSentiment, "0.0")}, n = {InvariantText.Count(Production.Count)}, validation {InvariantText.Count(Validation.Count)})";

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable("Sentiment corrected for classifier error", "", "observed", "corrected", "SE", InvariantText.IntervalHeader(NetSentiment.Interval), "probabilistic");
        foreach (var label in new[] { SentimentLabel.Positive, SentimentLabel.Neutral, SentimentLabel.Negative })
        {
            var share = Share(label);
            table.Row(label.ToString().ToLowerInvariant(), InvariantText.Percent(ObservedShare(label)), InvariantText.Percent(share.Value), InvariantText.Percent(share.StandardError),
                InvariantText.PercentBounds(share.Interval), probabilistic is { } p ? InvariantText.Percent(p[(int)label]) : "–");
        }

        table.Row("net sentiment", InvariantText.Number(ObservedNetSentiment, "0.0"), InvariantText.Number(NetSentiment.Value, "0.0"), InvariantText.Number(NetSentiment.StandardError, "0.0"),
            InvariantText.Bounds(NetSentiment.Interval, "0.0"), InvariantText.Optional(ProbabilisticNetSentiment, "0.0"));
        table.Note($"n = {InvariantText.Count(Production.Count)} production labels; {Validation}. Adjusted classify-and-count (Rogan–Gladen): π = M⁻¹q with M = P(predicted | true); " +
            "delta-method interval over both samples.");
        if (Constrained)
        {
            table.Note("The plain inverse left the simplex (a negative share): the estimate is the least-squares solution constrained to shares ≥ 0.");
        }

        return table;
    }
}
