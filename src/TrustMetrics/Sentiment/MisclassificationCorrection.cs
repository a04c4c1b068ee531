using TrustMetrics.Estimation;

namespace TrustMetrics.Sentiment;

/// <summary>
/// Adjusted classify-and-count (Rogan and Gladen 1978, multiclass form): with M[p, t] = P(predicted p | true t) estimated
/// from a validation sample and q the predicted shares of the production labels, the true shares π solve q = M·π.
/// The plain solution π = M⁻¹q always sums to 1 (every column of M sums to 1); when it has a negative element it leaves the
/// simplex and the estimate is the constrained least-squares solution argmin ‖M·π − q‖² over π ≥ 0, Σπ = 1, found exactly by
/// enumerating the supports (faces of the simplex) and solving each equality-constrained problem by its KKT system: the
/// problem is convex, so the feasible face solution with the smallest residual is the optimum. The covariance is the delta
/// method over the two independent samples: dπ = M⁻¹(dq − dM·π), so Σπ = M⁻¹ [Σq + Σₜ πₜ² Σ(mₜ)] M⁻ᵀ with
/// Σq = (diag q − qqᵀ)/n and Σ(mₜ) = (diag mₜ − mₜmₜᵀ)/nₜ for column t (nₜ validation items of true class t). For two
/// classes this is Greenland's (1996) variance of the Rogan–Gladen estimator,
/// [q(1−q)/n + π²Se(1−Se)/n₁ + (1−π)²Sp(1−Sp)/n₀]/(Se + Sp − 1)².
/// </summary>
internal static class MisclassificationCorrection
{
    /// <summary>Pivots below this (relative to the largest element of M, which is at most 1) make M singular for the correction.</summary>
    private const double SingularTolerance = 1e-10;

    /// <summary>The estimate and what it came from.</summary>
    /// <param name="Observed">q: predicted shares of the production labels.</param>
    /// <param name="Matrix">M[p, t] = P(predicted p | true t).</param>
    /// <param name="Unconstrained">M⁻¹q (sums to 1, may have negative elements).</param>
    /// <param name="Shares">The estimate on the simplex (= Unconstrained when that is on it).</param>
    /// <param name="Covariance">Delta-method covariance of the shares.</param>
    /// <param name="Constrained">True when the plain inverse left the simplex.</param>
    internal sealed record Solution(double[] Observed, double[,] Matrix, double[] Unconstrained, double[] Shares, double[,] Covariance, bool Constrained);

    /// <summary>Solves for the true shares.</summary>
    /// <param name="predicted">Production counts by predicted class (K ≥ 2), total &gt; 0.</param>
    /// <param name="confusion">Validation counts [true t, predicted p], every true class present.</param>
    /// <param name="classNames">Class names for error messages.</param>
    /// <exception cref="ArgumentException">No production label, a true class absent from the validation, or a singular M.</exception>
    public static Solution Solve(ReadOnlySpan<long> predicted, long[,] confusion, IReadOnlyList<string> classNames)
    {
        int k = predicted.Length;
        double n = 0;
        foreach (long c in predicted)
        {
            n += c;
        }

        if (n <= 0)
        {
            throw new ArgumentException("The production tally is empty: there are no labels to correct.", nameof(predicted));
        }

        var q = new double[k];
        for (int i = 0; i < k; i++)
        {
            q[i] = predicted[i] / n;
        }

        var m = new double[k, k];
        var truthCounts = new double[k];
        for (int t = 0; t < k; t++)
        {
            double total = 0;
            for (int p = 0; p < k; p++)
            {
                total += confusion[t, p];
            }

            if (total <= 0)
            {
                throw new ArgumentException(
                    $"The validation sample has no item whose true label is {classNames[t]}: P(predicted | true {classNames[t]}) is unknown, so the correction is undefined.",
                    nameof(confusion));
            }

            truthCounts[t] = total;
            for (int p = 0; p < k; p++)
            {
                m[p, t] = confusion[t, p] / total;
            }
        }

        var inverse = Invert(m) ?? throw new ArgumentException(
            "The classifier's confusion matrix P(predicted | true) is singular: its labels do not identify the true shares (it is no better than chance on some contrast).",
            nameof(confusion));
        var unconstrained = Multiply(inverse, q);
        var shares = unconstrained;
        bool constrained = false;
        if (unconstrained.Any(x => x < 0))
        {
            shares = SimplexLeastSquares(m, q);
            constrained = true;
        }

        // Delta method: Σπ = A [Σq + Σₜ πₜ² Σ(mₜ)] A' with A = M⁻¹.
        var inner = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                inner[i, j] = ((i == j ? q[i] : 0) - q[i] * q[j]) / n;
            }
        }

        for (int t = 0; t < k; t++)
        {
            double weight = shares[t] * shares[t] / truthCounts[t];
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    inner[i, j] += weight * ((i == j ? m[i, t] : 0) - m[i, t] * m[j, t]);
                }
            }
        }

        var covariance = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                double sum = 0;
                for (int a = 0; a < k; a++)
                {
                    for (int b = 0; b < k; b++)
                    {
                        sum += inverse[i, a] * inner[a, b] * inverse[j, b];
                    }
                }

                covariance[i, j] = sum;
            }
        }

        return new Solution(q, m, unconstrained, shares, covariance, constrained);
    }

    /// <summary>Variance of the linear combination cᵀπ (never negative: rounding is clipped at 0).</summary>
    public static double Variance(double[,] covariance, ReadOnlySpan<double> c)
    {
        double sum = 0;
        for (int i = 0; i < c.Length; i++)
        {
            for (int j = 0; j < c.Length; j++)
            {
                sum += c[i] * covariance[i, j] * c[j];
            }
        }

        return Math.Max(0, sum);
    }

    /// <summary>A Wald interval value ± z·se clipped to [lower, upper].</summary>
    public static Estimate Wald(double value, double variance, double level, double lower, double upper, string method)
    {
        double se = Math.Sqrt(variance);
        double z = CriticalValues.TwoSidedZ(level);
        return new Estimate(value, se, new ConfidenceInterval(Math.Clamp(value - z * se, lower, upper), Math.Clamp(value + z * se, lower, upper), level, method));
    }

    /// <summary>argmin ‖M·π − q‖² over the simplex, by enumerating supports (exact for the convex problem).</summary>
    internal static double[] SimplexLeastSquares(double[,] m, double[] q)
    {
        int k = q.Length;
        double[]? best = null;
        double bestResidual = double.PositiveInfinity;
        for (int mask = 1; mask < 1 << k; mask++)
        {
            var support = Enumerable.Range(0, k).Where(i => (mask & (1 << i)) != 0).ToArray();
            if (FaceSolution(m, q, support) is not { } x)
            {
                continue;
            }

            var full = new double[k];
            bool feasible = true;
            for (int s = 0; s < support.Length; s++)
            {
                if (x[s] < -1e-14)
                {
                    feasible = false;
                    break;
                }

                full[support[s]] = Math.Max(0, x[s]);
            }

            if (!feasible)
            {
                continue;
            }

            double residual = 0;
            for (int p = 0; p < k; p++)
            {
                double r = -q[p];
                for (int t = 0; t < k; t++)
                {
                    r += m[p, t] * full[t];
                }

                residual += r * r;
            }

            if (residual < bestResidual - 1e-15)
            {
                bestResidual = residual;
                best = full;
            }
        }

        // A vertex (one-element support) is always feasible, so best is set; renormalise away the rounding of Σ = 1.
        var result = best!;
        double total = result.Sum();
        for (int i = 0; i < k; i++)
        {
            result[i] /= total;
        }

        return result;
    }

    /// <summary>min ‖M_S x − q‖² subject to Σx = 1 on the support S: the KKT system [2MₛᵀMₛ 1; 1ᵀ 0][x; λ] = [2Mₛᵀq; 1].</summary>
    private static double[]? FaceSolution(double[,] m, double[] q, int[] support)
    {
        int s = support.Length, k = q.Length;
        var system = new double[s + 1, s + 1];
        var rhs = new double[s + 1];
        for (int a = 0; a < s; a++)
        {
            for (int b = 0; b < s; b++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    sum += m[p, support[a]] * m[p, support[b]];
                }

                system[a, b] = 2 * sum;
            }

            double right = 0;
            for (int p = 0; p < k; p++)
            {
                right += m[p, support[a]] * q[p];
            }

            rhs[a] = 2 * right;
            system[a, s] = 1;
            system[s, a] = 1;
        }

        rhs[s] = 1;
        var inverse = Invert(system);
        if (inverse is null)
        {
            return null;
        }

        var solution = Multiply(inverse, rhs);
        return solution[..s];
    }

    /// <summary>Gauss–Jordan inverse with partial pivoting; null when a pivot falls below the singularity tolerance.</summary>
    internal static double[,]? Invert(double[,] matrix)
    {
        int k = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        var inverse = new double[k, k];
        double scale = 0;
        for (int i = 0; i < k; i++)
        {
            inverse[i, i] = 1;
            for (int j = 0; j < k; j++)
            {
                scale = Math.Max(scale, Math.Abs(a[i, j]));
            }
        }

        for (int column = 0; column < k; column++)
        {
            int pivot = column;
            for (int row = column + 1; row < k; row++)
            {
                if (Math.Abs(a[row, column]) > Math.Abs(a[pivot, column]))
                {
                    pivot = row;
                }
            }

            if (!(Math.Abs(a[pivot, column]) > SingularTolerance * scale))
            {
                return null;
            }

            if (pivot != column)
            {
                for (int j = 0; j < k; j++)
                {
                    (a[pivot, j], a[column, j]) = (a[column, j], a[pivot, j]);
                    (inverse[pivot, j], inverse[column, j]) = (inverse[column, j], inverse[pivot, j]);
                }
            }

            double diagonal = a[column, column];
            for (int j = 0; j < k; j++)
            {
                a[column, j] /= diagonal;
                inverse[column, j] /= diagonal;
            }

            for (int row = 0; row < k; row++)
            {
                if (row == column || a[row, column] == 0)
                {
                    continue;
                }

                double factor = a[row, column];
                for (int j = 0; j < k; j++)
                {
                    a[row, j] -= factor * a[column, j];
                    inverse[row, j] -= factor * inverse[column, j];
                }
            }
        }

        return inverse;
    }

    private static double[] Multiply(double[,] matrix, double[] vector)
    {
        int rows = matrix.GetLength(0), columns = matrix.GetLength(1);
        var result = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double sum = 0;
            for (int j = 0; j < columns; j++)
            {
                sum += matrix[i, j] * vector[j];
            }

            result[i] = sum;
        }

        return result;
    }
}
