using MathNet.Numerics.LinearAlgebra;

namespace TrustMetrics.TrustIndex;

/// <summary>Data-derived weights: principal-component weights and benefit-of-the-doubt weights (formulas on <see cref="TrustWeighting"/>).</summary>
internal static class WeightingMath
{
    public static double[] Equal(int p)
    {
        var w = new double[p];
        Array.Fill(w, 1.0 / p);
        return w;
    }

    public static double[] User(TrustIndexOptions options)
    {
        var w = options.Dimensions.Select(d => options.Weights![d.Name]).ToArray();
        double total = w.Sum();
        for (int j = 0; j < w.Length; j++)
        {
            w[j] /= total;
        }

        return w;
    }

    /// <summary>
    /// w_j = v_j² for v the unit eigenvector of the largest eigenvalue of the correlation matrix of the respondent-level
    /// dimension scores (complete cases), via MathNet's symmetric eigen-decomposition. Squares make the sign of v irrelevant and
    /// sum to 1 because v has unit length.
    /// </summary>
    public static double[] Pca(RespondentScores scores)
    {
        int p = scores.DimensionCount;
        if (p == 1)
        {
            return [1.0];
        }

        var correlation = CorrelationMatrix.OfCompleteRows(scores.Scores, p, scores.Count, null, out long n, out int constant);
        if (n < 2 || constant >= 0)
        {
            throw new ArgumentException(constant >= 0
                ? $"PCA weights are undefined: the scores of dimension '{scores.DimensionNames[constant]}' do not vary."
                : "PCA weights need at least two respondents with every dimension scored.", "TrustIndexOptions.Weighting");
        }

        var evd = Matrix<double>.Build.DenseOfArray(correlation).Evd(Symmetricity.Symmetric);
        int top = 0;
        for (int k = 1; k < p; k++)
        {
            if (evd.EigenValues[k].Real > evd.EigenValues[top].Real)
            {
                top = k;
            }
        }

        var w = new double[p];
        double total = 0;
        for (int j = 0; j < p; j++)
        {
            double v = evd.EigenVectors[j, top];
            w[j] = v * v;
            total += w[j];
        }

        for (int j = 0; j < p; j++)
        {
            w[j] /= total;
        }

        return w;
    }

    /// <summary>
    /// Benefit-of-the-doubt weights of unit <paramref name="unit"/> against the frontier of <paramref name="frontier"/> (units ×
    /// p indicators on 0–100, NaN treated as 0): the LP optimum rescaled to sum 1, or equal weights when the unit scores 0
    /// everywhere (any weights are then optimal).
    /// </summary>
    public static double[] BenefitOfTheDoubt(ReadOnlySpan<double> unit, double[] frontier, int p, out double efficiency)
    {
        int units = frontier.Length / p;
        var objective = new double[p];
        for (int q = 0; q < p; q++)
        {
            objective[q] = double.IsNaN(unit[q]) ? 0 : unit[q] / 100.0;
        }

        var constraints = new double[units * p];
        for (int k = 0; k < constraints.Length; k++)
        {
            constraints[k] = double.IsNaN(frontier[k]) ? 0 : frontier[k] / 100.0;
        }

        var w = SmallSimplex.Maximize(objective, constraints, units, p, out efficiency);
        double total = w.Sum();
        if (total <= 0)
        {
            return Equal(p);
        }

        for (int q = 0; q < p; q++)
        {
            w[q] /= total;
        }

        return w;
    }
}
