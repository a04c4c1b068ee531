using MathNet.Numerics.LinearAlgebra;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// Johnson's (2000) relative weights and the Shapley (LMG) decomposition of R², both from the correlation matrix of drivers and
/// outcome (formulas in trust-index.md §3.3, checked against kda.R / kda.py in §3.4).
/// </summary>
internal static class KeyDriverMath
{
    private const double Collinear = 1e-10;

    /// <summary>
    /// Relative weights: R_xx = QΛQ', Λ* = QΛ^{1/2}Q', β* = Λ*⁻¹r_xy = QΛ^{−1/2}Q'r_xy, ε_j = Σ_k (Λ*_jk)²(β*_k)², R² = Σβ*².
    /// False when R_xx is singular (an eigenvalue ≤ 1e-10: perfectly collinear drivers).
    /// </summary>
    public static bool RelativeWeights(double[,] c, int p, Span<double> weights, out double rSquared)
    {
        rSquared = double.NaN;
        var r = Matrix<double>.Build.Dense(p, p, (i, j) => c[i, j]);
        var evd = r.Evd(Symmetricity.Symmetric);
        var q = evd.EigenVectors;
        var lambda = new double[p];
        for (int k = 0; k < p; k++)
        {
            lambda[k] = evd.EigenValues[k].Real;
            if (!(lambda[k] > Collinear))
            {
                return false;
            }
        }

        // Q'r_xy, then β* = Q·diag(λ^{-1/2})·Q'r_xy.
        var qr = new double[p];
        for (int k = 0; k < p; k++)
        {
            for (int i = 0; i < p; i++)
            {
                qr[k] += q[i, k] * c[i, p];
            }
        }

        var beta = new double[p];
        for (int i = 0; i < p; i++)
        {
            for (int k = 0; k < p; k++)
            {
                beta[i] += q[i, k] * qr[k] / Math.Sqrt(lambda[k]);
            }
        }

        rSquared = 0;
        for (int j = 0; j < p; j++)
        {
            double e = 0;
            for (int k = 0; k < p; k++)
            {
                double root = 0;
                for (int m = 0; m < p; m++)
                {
                    root += q[j, m] * Math.Sqrt(lambda[m]) * q[k, m];
                }

                e += root * root * beta[k] * beta[k];
            }

            weights[j] = e;
            rSquared += beta[j] * beta[j];
        }

        return true;
    }

    /// <summary>
    /// Shapley values φ_j = Σ_{S ⊆ P∖{j}} |S|!(p−|S|−1)!/p!·(R²(S∪{j}) − R²(S)). R²(S) = r_S'R_SS⁻¹r_S for all 2^p subsets by a
    /// depth-first walk that grows one Cholesky factor a variable at a time (O(s²) per subset): with L the factor of R_SS and
    /// z = L⁻¹r_S, adding v gives l = L⁻¹R_Sv, d = √(1 − l'l), z_v = (r_v − l'z)/d and R²(S∪{v}) = R²(S) + z_v². False when a
    /// pivot d² ≤ 1e-10 (collinear drivers).
    /// </summary>
    public static bool Shapley(double[,] c, int p, Span<double> values, out double rSquared)
    {
        var r2 = new double[1 << p];
        var factor = new double[p][];
        for (int i = 0; i < p; i++)
        {
            factor[i] = new double[p];
        }

        var members = new int[p];
        var z = new double[p];
        if (!Visit(c, p, r2, factor, members, z, mask: 0, next: 0, size: 0, current: 0))
        {
            rSquared = double.NaN;
            return false;
        }

        var weight = new double[p];
        for (int s = 0; s < p; s++)
        {
            weight[s] = Math.Exp(LogFactorial(s) + LogFactorial(p - s - 1) - LogFactorial(p));
        }

        values.Clear();
        for (int mask = 0; mask < r2.Length; mask++)
        {
            int size = System.Numerics.BitOperations.PopCount((uint)mask);
            for (int j = 0; j < p; j++)
            {
                if ((mask & (1 << j)) == 0)
                {
                    values[j] += weight[size] * (r2[mask | (1 << j)] - r2[mask]);
                }
            }
        }

        rSquared = r2[^1];
        return true;
    }

    private static bool Visit(double[,] c, int p, double[] r2, double[][] factor, int[] members, double[] z, int mask, int next, int size, double current)
    {
        r2[mask] = current;
        for (int v = next; v < p; v++)
        {
            // Row `size` of the factor: l = L⁻¹ R_{S,v} by forward substitution.
            var l = factor[size];
            double ll = 0, lz = 0;
            for (int i = 0; i < size; i++)
            {
                double s = c[members[i], v];
                var row = factor[i];
                for (int k = 0; k < i; k++)
                {
                    s -= row[k] * l[k];
                }

                l[i] = s / row[i];
                ll += l[i] * l[i];
                lz += l[i] * z[i];
            }

            double d2 = 1 - ll;
            if (!(d2 > Collinear))
            {
                return false;
            }

            double d = Math.Sqrt(d2);
            l[size] = d;
            members[size] = v;
            z[size] = (c[v, p] - lz) / d;
            if (!Visit(c, p, r2, factor, members, z, mask | (1 << v), v + 1, size + 1, current + (z[size] * z[size])))
            {
                return false;
            }
        }

        return true;
    }

    private static double LogFactorial(int n) => MathNet.Numerics.SpecialFunctions.FactorialLn(n);
}
