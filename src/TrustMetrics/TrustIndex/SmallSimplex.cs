namespace TrustMetrics.TrustIndex;

/// <summary>
/// Exact solution of the benefit-of-the-doubt LP max c'w s.t. A·w ≤ 1, w ≥ 0 (A: m units × p indicators, all ≥ 0) by the
/// dense tableau simplex with Bland's rule (no cycling, finite termination). The right-hand side is 1 &gt; 0, so the origin is
/// a feasible vertex and no phase 1 is needed; the objective is bounded whenever the evaluated unit is one of the rows (its
/// own constraint caps c'w at 1). Sizes here are a handful of segments × a handful of dimensions, so a dense tableau is exact
/// and instant; pivots with |entry| ≤ 1e-12 are treated as zero.
/// </summary>
internal static class SmallSimplex
{
    private const double Epsilon = 1e-12;

    public static double[] Maximize(ReadOnlySpan<double> c, ReadOnlySpan<double> a, int m, int p, out double optimum)
    {
        // Tableau: m constraint rows [A | I | 1] and the objective row [-c | 0 | 0]; columns 0..p-1 are w, p..p+m-1 slacks.
        int width = p + m + 1;
        var t = new double[(m + 1) * width];
        var basis = new int[m];
        for (int i = 0; i < m; i++)
        {
            for (int q = 0; q < p; q++)
            {
                t[(i * width) + q] = a[(i * p) + q];
            }

            t[(i * width) + p + i] = 1;
            t[(i * width) + width - 1] = 1;
            basis[i] = p + i;
        }

        for (int q = 0; q < p; q++)
        {
            t[(m * width) + q] = -c[q];
        }

        for (int iteration = 0; iteration < 10_000; iteration++)
        {
            // Bland: entering = lowest-index column with negative reduced cost.
            int entering = -1;
            for (int col = 0; col < p + m; col++)
            {
                if (t[(m * width) + col] < -Epsilon)
                {
                    entering = col;
                    break;
                }
            }

            if (entering < 0)
            {
                break;
            }

            // Ratio test; ties broken by the lowest basis index (Bland).
            int leaving = -1;
            double best = double.PositiveInfinity;
            for (int i = 0; i < m; i++)
            {
                double entry = t[(i * width) + entering];
                if (entry > Epsilon)
                {
                    double ratio = t[(i * width) + width - 1] / entry;
                    if (ratio < best - Epsilon || (Math.Abs(ratio - best) <= Epsilon && leaving >= 0 && basis[i] < basis[leaving]))
                    {
                        best = ratio;
                        leaving = i;
                    }
                }
            }

            if (leaving < 0)
            {
                throw new InvalidOperationException("The benefit-of-the-doubt LP is unbounded: the evaluated unit must be one of the frontier units.");
            }

            Pivot(t, width, m, leaving, entering);
            basis[leaving] = entering;
        }

        var w = new double[p];
        for (int i = 0; i < m; i++)
        {
            if (basis[i] < p)
            {
                w[basis[i]] = Math.Max(0, t[(i * width) + width - 1]);
            }
        }

        optimum = t[(m * width) + width - 1];
        return w;
    }

    private static void Pivot(double[] t, int width, int m, int row, int col)
    {
        double pivot = t[(row * width) + col];
        for (int k = 0; k < width; k++)
        {
            t[(row * width) + k] /= pivot;
        }

        for (int i = 0; i <= m; i++)
        {
            if (i == row)
            {
                continue;
            }

            double factor = t[(i * width) + col];
            if (factor != 0)
            {
                for (int k = 0; k < width; k++)
                {
                    t[(i * width) + k] -= factor * t[(row * width) + k];
                }
            }
        }
    }
}
