using TrustMetrics.Sentiment;

namespace TrustMetrics.Tests.Sentiment;

/// <summary>
/// The seeded coverage simulation of the corrected net-sentiment interval (same model as scripts/sentiment-coverage.cs): true
/// shares (negative, neutral, positive) = (0.25, 0.20, 0.55), net 30; the classifier labels a true negative
/// (0.80, 0.15, 0.05), a true neutral (0.20, 0.60, 0.20), a true positive (0.03, 0.12, 0.85); production and validation items
/// are drawn independently from the same population.
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
            var predicted = new long[3];
            for (int i = 0; i < production; i++)
            {
                predicted[Pick(random, Classifier[Pick(random, Truth)])]++;
            }

            var confusion = new long[9];
            for (int i = 0; i < validation; i++)
            {
                int t = Pick(random, Truth);
                confusion[3 * t + Pick(random, Classifier[t])]++;
            }

            var result = calculator.Correct(new SentimentTally(predicted[0], predicted[1], predicted[2]), SentimentConfusion.FromCounts(confusion), 0.95);
            covered += result.NetSentiment.Interval.Contains(net) ? 1 : 0;
        }

        return (covered, replicates);
    }

    private static int Pick(Random random, double[] weights)
    {
        double u = random.NextDouble(), cumulative = 0;
        for (int i = 0; i < weights.Length - 1; i++)
        {
            cumulative += weights[i];
            if (u < cumulative)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
