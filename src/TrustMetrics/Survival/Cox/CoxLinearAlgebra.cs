namespace TrustMetrics.Survival;

/// <summary>
/// The symmetric solves of the Newton step, as R survival's <c>cholesky2</c>/<c>chsolve2</c>/<c>chinv2</c>: an LDLᵀ
/// factorisation in which a pivot below <c>tolerance</c>·max diagonal is set to zero (that direction is aliased), so the rank is
/// reported instead of producing a NaN.
/// </summary>
internal static class CoxLinearAlgebra
{
    /// <summary>R's <c>coxph.control(toler.chol)</c> default, .Machine$double.eps^0.75.</summary>
    public static readonly double CholeskyTolerance = Math.Pow(2.220446049250313e-16, 0.75);

    /// <summary>Factorises a copy of the p×p row-major matrix in place (lower triangle: L below the diagonal, D on it); returns the rank and the first aliased index (−1 if none).</summary>
    public static double[] Factor(ReadOnlySpan<double> matrix, int n, out int rank, out int firstAliased)
    {
        var m = matrix.ToArray();
        double eps = 0;
        for (int i = 0; i < n; i++) if (m[(i * n) + i] > eps) eps = m[(i * n) + i];
        eps = eps == 0 ? CholeskyTolerance : eps * CholeskyTolerance;
        rank = 0;
        firstAliased = -1;
        for (int i = 0; i < n; i++)
        {
            double pivot = m[(i * n) + i];
            if (!double.IsFinite(pivot) || pivot < eps)
            {
                m[(i * n) + i] = 0;
                if (firstAliased < 0) firstAliased = i;
                for (int j = i + 1; j < n; j++) m[(j * n) + i] = 0;
                continue;
            }

            rank++;
            for (int j = i + 1; j < n; j++)
            {
                double temp = m[(j * n) + i] / pivot;
                m[(j * n) + j] -= temp * m[(j * n) + i];
                for (int k = j + 1; k < n; k++) m[(k * n) + j] -= temp * m[(k * n) + i];
                m[(j * n) + i] = temp;
            }
        }

        return m;
    }

    /// <summary>Solves (LDLᵀ)y = b in place; aliased directions get 0.</summary>
    public static void Solve(double[] factor, int n, Span<double> y)
    {
        for (int i = 0; i < n; i++)
        {
            double temp = y[i];
            for (int j = 0; j < i; j++) temp -= y[j] * factor[(i * n) + j];
            y[i] = temp;
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double d = factor[(i * n) + i];
            if (d == 0)
            {
                y[i] = 0;
                continue;
            }

            double temp = y[i] / d;
            for (int j = i + 1; j < n; j++) temp -= y[j] * factor[(j * n) + i];
            y[i] = temp;
        }
    }

    /// <summary>The (generalised) inverse from the factor, p×p row-major.</summary>
    public static double[] Inverse(double[] factor, int n)
    {
        var inv = new double[n * n];
        var col = new double[n];
        for (int c = 0; c < n; c++)
        {
            Array.Clear(col);
            col[c] = 1;
            Solve(factor, n, col);
            for (int r = 0; r < n; r++) inv[(r * n) + c] = col[r];
        }

        for (int r = 0; r < n; r++)
        {
            for (int c = r + 1; c < n; c++)
            {
                double avg = 0.5 * (inv[(r * n) + c] + inv[(c * n) + r]);
                inv[(r * n) + c] = avg;
                inv[(c * n) + r] = avg;
            }
        }

        return inv;
    }

    /// <summary>vᵀ·A⁻¹·v through the factor.</summary>
    public static double QuadraticForm(double[] factor, int n, ReadOnlySpan<double> v)
    {
        var y = v.ToArray();
        Solve(factor, n, y);
        double s = 0;
        for (int i = 0; i < n; i++) s += v[i] * y[i];
        return s;
    }
}
