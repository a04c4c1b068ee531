using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace TrustMetrics.Statistics;

/// <summary>
/// Small dense symmetric positive-definite systems (k × k row-major arrays, k of a model's parameters): H⁻¹g and H⁻¹ by the
/// Cholesky factorisation H = LLᵀ (MathNet's dense Cholesky), or null when H is not positive definite. The one home of the
/// Newton-step and inverse-information algebra of the maximum-likelihood fits (the CLV fitters' <c>MaximumLikelihood</c>, the
/// covariate fits' Newton iterations, the churn family's covariate sBG). Never throws a MathNet exception: a matrix that MathNet
/// refuses, a non-finite entry, or a pivot at or below the floor gives null.
/// </summary>
internal static class SymmetricSolver
{
    /// <summary>
    /// H⁻¹g, or null when H is not positive definite: a pivot L_ii ≤ 0 or not finite, or (when
    /// <paramref name="relativePivotFloor"/> &gt; 0) L_ii² ≤ floor·max_i H_ii — a relative floor that treats a numerically flat
    /// direction (a covariate with no effect on the likelihood) as singular.
    /// </summary>
    /// <param name="h">k × k symmetric, row-major.</param>
    /// <param name="g">Right-hand side, length k.</param>
    /// <param name="k">Order.</param>
    /// <param name="relativePivotFloor">0 = any positive pivot; 1e−13 in the covariate fits.</param>
    public static double[]? Solve(ReadOnlySpan<double> h, double[] g, int k, double relativePivotFloor = 0)
    {
        var cholesky = TryCholesky(h, k, relativePivotFloor);
        return cholesky?.Solve(Vector<double>.Build.DenseOfArray(g)).ToArray();
    }

    /// <summary>H⁻¹ (row-major), or null when H has a non-finite entry or is not positive definite (as <see cref="Solve"/>).</summary>
    /// <param name="h">k × k symmetric, row-major.</param>
    /// <param name="k">Order.</param>
    /// <param name="relativePivotFloor">0 = any positive pivot; 1e−13 in the covariate fits.</param>
    public static double[]? Invert(ReadOnlySpan<double> h, int k, double relativePivotFloor = 0)
    {
        foreach (double v in h)
        {
            if (!double.IsFinite(v))
            {
                return null;
            }
        }

        var cholesky = TryCholesky(h, k, relativePivotFloor);
        if (cholesky is null)
        {
            return null;
        }

        var inverse = cholesky.Solve(Matrix<double>.Build.DenseIdentity(k));
        var result = new double[k * k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                result[(i * k) + j] = inverse[i, j];
            }
        }

        return result;
    }

    private static Cholesky<double>? TryCholesky(ReadOnlySpan<double> h, int k, double relativePivotFloor)
    {
        var m = Matrix<double>.Build.Dense(k, k);
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                m[i, j] = h[(i * k) + j];
            }
        }

        Cholesky<double> c;
        try
        {
            c = m.Cholesky();
        }
        catch (ArgumentException)
        {
            return null;
        }

        double floor = relativePivotFloor > 0 ? relativePivotFloor * m.Diagonal().Maximum() : 0;
        for (int i = 0; i < k; i++)
        {
            double d = c.Factor[i, i];
            if (!(d > 0) || !double.IsFinite(d) || (relativePivotFloor > 0 && !(d * d > floor)))
            {
                return null;
            }
        }

        return c;
    }
}
