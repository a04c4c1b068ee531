using TrustMetrics.Estimation;

namespace TrustMetrics.Reviews;

/// <summary>
/// Closed-form rating aggregates for ranking items (survey-metrics.md §3.1–3.4): the Bayesian average (IMDb weighted rating),
/// the Wilson lower bound of a positive share (Evan Miller 2009), the beta-posterior mean and quantile (Miller 2012) and the
/// Dirichlet star-rating score (Miller, "Ranking Items With Star Ratings").
/// </summary>
public static class RatingAggregation
{
    /// <summary>WR = (v·R + m·C)/(v + m): the posterior mean when the prior is worth m ratings at C; C when v = 0 (IMDb Top 250 formula).</summary>
    /// <param name="mean">R, the item's mean rating (ignored when <paramref name="count"/> is 0).</param>
    /// <param name="count">v ≥ 0, the item's number of ratings.</param>
    /// <param name="prior">C and m; m must be &gt; 0 when v = 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">v &lt; 0, the prior is invalid, or v + m = 0.</exception>
    public static double BayesianAverage(double mean, long count, RatingPrior prior)
    {
        Guard.NonNegative(count);
        if (count == 0)
        {
            return prior.Weight > 0 ? prior.Mean
                : throw new ArgumentOutOfRangeException(nameof(prior), prior.Weight, "With no ratings and prior weight 0 the Bayesian average is undefined.");
        }

        Guard.Finite(mean);
        return (count * mean + prior.Weight * prior.Mean) / (count + prior.Weight);
    }

    /// <summary>
    /// Lower end of the Wilson score interval of positive/total at <paramref name="confidenceLevel"/> (two-sided, z = Φ⁻¹(1 − α/2),
    /// 1.959963985 at 95%): Evan Miller's "How Not To Sort By Average Rating" sort key; 0 when total = 0.
    /// </summary>
    /// <param name="positive">Positive ratings, 0 ≤ positive ≤ total.</param>
    /// <param name="total">All ratings ≥ 0.</param>
    /// <param name="confidenceLevel">Strictly between 0 and 1.</param>
    public static double WilsonLowerBound(long positive, long total, double confidenceLevel = 0.95)
    {
        Guard.NonNegative(total);
        Guard.ConfidenceLevel(confidenceLevel);
        if (total == 0)
        {
            Guard.NonNegative(positive);
            return positive == 0 ? 0.0
                : throw new ArgumentOutOfRangeException(nameof(positive), positive, $"positive must lie in [0, {total}]; got {positive}.");
        }

        return ProportionIntervals.Compute(positive, total, confidenceLevel).Lower;
    }

    /// <summary>Posterior mean (a + up)/(a + b + up + down) of a positive share under a Beta(a, b) prior (Miller 2012, survey-metrics.md §3.3).</summary>
    /// <param name="up">Positive ratings ≥ 0.</param>
    /// <param name="down">Negative ratings ≥ 0.</param>
    /// <param name="priorUp">a &gt; 0.</param>
    /// <param name="priorDown">b &gt; 0.</param>
    public static double BetaPosteriorMean(long up, long down, double priorUp = 1.0, double priorDown = 1.0)
    {
        Guard.NonNegative(up);
        Guard.NonNegative(down);
        Guard.Positive(priorUp);
        Guard.Positive(priorDown);
        return (priorUp + up) / (priorUp + priorDown + up + down);
    }

    /// <summary>
    /// The <paramref name="probability"/> quantile of the Beta(a + up, b + down) posterior (MathNet's inverse incomplete beta). Under
    /// asymmetric linear loss that costs L per unit of over-estimate and 1 per unit of under-estimate the Bayes sort key is the
    /// 1/(1 + L) quantile (survey-metrics.md §3.3; 1/6 for Miller's "five times worse").
    /// </summary>
    /// <param name="up">Positive ratings ≥ 0.</param>
    /// <param name="down">Negative ratings ≥ 0.</param>
    /// <param name="probability">Strictly between 0 and 1.</param>
    /// <param name="priorUp">a &gt; 0.</param>
    /// <param name="priorDown">b &gt; 0.</param>
    public static double BetaPosteriorQuantile(long up, long down, double probability, double priorUp = 1.0, double priorDown = 1.0)
    {
        Guard.NonNegative(up);
        Guard.NonNegative(down);
        Guard.Positive(priorUp);
        Guard.Positive(priorDown);
        if (!(probability > 0 && probability < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, $"probability must lie strictly between 0 and 1; got {Guard.Format(probability)}.");
        }

        return Statistics.Distributions.BetaQuantile(priorUp + up, priorDown + down, probability, upper: false);
    }

    /// <summary>
    /// Evan Miller's Dirichlet star-rating sort key with a uniform Dir(1, …, 1) prior over K levels of worth s_k:
    /// μ = Σ s_k(n_k + 1)/(N + K), μ₂ = Σ s_k²(n_k + 1)/(N + K), S = μ − z·√((μ₂ − μ²)/(N + K + 1)) — the posterior mean of the
    /// expected rating minus z posterior standard deviations (survey-metrics.md §3.4).
    /// </summary>
    /// <param name="counts">n_k per rating level, lowest level first.</param>
    /// <param name="lowestWorth">s of the first level; level k is worth lowestWorth + k (1 for a 1–5 star scale).</param>
    /// <param name="z">Posterior standard deviations to subtract, ≥ 0: 1.644853627 (one-sided 95%) by default; Miller's example uses 1.65.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, fewer than 2 levels, or z is negative or not finite.</exception>
    public static double DirichletScore(ReadOnlySpan<long> counts, int lowestWorth = 1, double z = 1.6448536269514722)
    {
        if (counts.Length < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(counts), counts.Length, $"A rating distribution needs at least 2 levels; got {counts.Length}.");
        }

        if (!(z >= 0) || !double.IsFinite(z))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, $"z must be a finite number ≥ 0; got {Guard.Format(z)}.");
        }

        double total = counts.Length, first = 0, second = 0;
        for (int k = 0; k < counts.Length; k++)
        {
            if (counts[k] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(counts), counts[k], $"counts[{k}] = {counts[k]} is negative.");
            }

            total += counts[k];
        }

        for (int k = 0; k < counts.Length; k++)
        {
            double worth = lowestWorth + k, weight = (counts[k] + 1.0) / total;
            first += worth * weight;
            second += worth * worth * weight;
        }

        return first - z * Math.Sqrt(Math.Max(0.0, second - first * first) / (total + 1.0));
    }
}
