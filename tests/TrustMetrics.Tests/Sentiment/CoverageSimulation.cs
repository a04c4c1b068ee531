using TrustMetrics.Sentiment;

namespace TrustMetrics.Tests.Sentiment;

/// <summary>
/// The seeded coverage simulation of the corrected net-sentiment interval (same model as scripts/sentiment-coverage.cs): true
/// shares (negative, neutral, positive) = (0.25, 0.20, 0.55), net 30; the classifier labels a true negative
/// (0.80, 0.15, 0.05), a true neutral (0.20, 0.60, 0.20), a true positive (0.03, 0.12, 0.85); production and validation items
/// are drawn independently from the same population. The script runs the large version through this file (<c>#:include</c>).
/// </summary>
internal static class CoverageSimulation
{
    public static readonly double[] Truth = [0.25, 0.20, 0.55];

    public static readonly double[][] Classifier = [[0.80, 0.15, 0.05], [0.20, 0.60, 0.20], [0.03, 0.12, 0.85]];

    public static (int Covered, int Replicates) Run(int seed, int replicates, int production, int validation)
    {
        var random = new Random(seed);
        var calculator = new CorrectedSentimentCalculator();
        double net = 100 * (Truth[2] - Truth[0]);
        int covered = 0;
        for (int r = 0; r < replicates; r++)
        {
            var (predicted, confusion) = Draw(random, production, validation);
            var result = calculator.Correct(new SentimentTally(predicted[0], predicted[1], predicted[2]), SentimentConfusion.FromCounts(confusion), 0.95);
            covered += result.NetSentiment.Interval.Contains(net) ? 1 : 0;
        }

        return (covered, replicates);
    }

    /// <summary>
    /// One replicate: the classifier's labels of <paramref name="production"/> items (negative, neutral, positive counts) and the
    /// 3 × 3 confusion counts (row = truth, column = label) of <paramref name="validation"/> items.
    /// </summary>
    public static (long[] Predicted, long[] Confusion) Draw(Random random, int production, int validation)
    {
        var predicted = new long[3];
        for (int i = 0; i < production; i++)
        {
            predicted[Draws.Category(random, Classifier[Draws.Category(random, Truth)])]++;
        }

        var confusion = new long[9];
        for (int i = 0; i < validation; i++)
        {
            int t = Draws.Category(random, Truth);
            confusion[3 * t + Draws.Category(random, Classifier[t])]++;
        }

        return (predicted, confusion);
    }
}
