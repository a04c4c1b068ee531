using TrustMetrics.Estimation;
using TrustMetrics.Statistics;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// McDonald's omega total from a one-factor model fitted by maximum likelihood to the items' correlation matrix R (McDonald 1999;
/// formulas in docs/trust-index.md §Omega). The ML discrepancy concentrated on the uniquenesses ψ (Jöreskog 1967; the function
/// R's <c>factanal</c> and <c>psych::fa(fm = "ml")</c> minimise) is F(ψ) = Σ_{j≥2} (e_j − log e_j − 1), e_j the eigenvalues of
/// Ψ^{-1/2} R Ψ^{-1/2} (e₁ the largest, with eigenvector v), with gradient ∂F/∂ψ_i = (λ_i² + ψ_i − 1)/ψ_i² and loadings
/// λ = Ψ^{1/2} v √(e₁ − 1). It is minimised over 0.005 ≤ ψ_i ≤ 1 (factanal's and psych's bounds) by projected Newton steps on
/// the Hessian from central differences of the analytic gradient, with a backtracking line search, until the projected gradient is below 1e-12, so the fit is
/// exact where the references stop at their optimiser's tolerance. Then ω = (Σλ)² / ((Σλ)² + Σψ).
/// </summary>
internal static class OmegaMath
{
    /// <summary>Lower bound of a uniqueness (factanal's and psych's default <c>lower = 0.005</c>).</summary>
    public const double LowerBound = 0.005;

    /// <summary>Projected-gradient norm at which the fit has converged.</summary>
    private const double GradientTolerance = 1e-12;

    private const int MaxIterations = 500;

    /// <summary>A one-factor ML fit: loadings, uniquenesses and ω, or the reason it is undefined.</summary>
    public readonly record struct Fit(double[]? Loadings, double[]? Uniquenesses, double Omega, int Iterations, string? Reason)
    {
        public bool Defined => Reason is null;
    }

    /// <summary>
    /// ω of the complete rows of a row-major n×k matrix (rows with a NaN are left out), with a percentile bootstrap interval of
    /// <paramref name="replicates"/> resamples of the complete rows (put in canonical order first, so the interval does not depend
    /// on row order); replicates whose fit is undefined are left out.
    /// </summary>
    public static McDonaldOmega Estimate(ReadOnlySpan<double> values, int k, int replicates, int seed, double level, ParallelWork work)
    {
        var complete = CompleteRows(values, k, out int n);
        var fit = FitRows(complete, k, null);
        if (!fit.Defined)
        {
            return new McDonaldOmega(null, null, [], [], fit.Reason);
        }

        ConfidenceInterval? interval = null;
        if (replicates >= 2)
        {
            var sorted = IndexBootstrap.Canonical(complete, k, Enumerable.Range(0, n).ToArray());
            var start = fit.Uniquenesses;
            var reps = Resampling.Bootstrap(n, replicates, seed, rows =>
            {
                var sample = new double[rows.Length * k];
                for (int i = 0; i < rows.Length; i++)
                {
                    Array.Copy(sorted, rows[i] * k, sample, i * k, k);
                }

                var f = FitRows(sample, k, start);
                return f.Defined ? f.Omega : double.NaN;
            }, work);
            var estimate = Percentiles.Bootstrap(fit.Omega, reps, level);
            interval = estimate.Interval.Method == "none" ? null : estimate.Interval;
        }

        return new McDonaldOmega(fit.Omega, interval, fit.Loadings!, fit.Uniquenesses!, null);
    }

    /// <summary>The rows without NaN, row-major.</summary>
    public static double[] CompleteRows(ReadOnlySpan<double> values, int k, out int n)
    {
        int rows = values.Length / k;
        var result = new List<double>(values.Length);
        n = 0;
        for (int r = 0; r < rows; r++)
        {
            var row = values.Slice(r * k, k);
            bool ok = true;
            foreach (double x in row)
            {
                ok &= !double.IsNaN(x);
            }

            if (!ok)
            {
                continue;
            }

            foreach (double x in row)
            {
                result.Add(x);
            }

            n++;
        }

        return [.. result];
    }

    /// <summary>The fit to the correlation matrix of complete rows (row-major n×k).</summary>
    public static Fit FitRows(double[] rows, int k, double[]? start)
    {
        int n = rows.Length / k;
        if (k < 3)
        {
            return Undefined("a one-factor model needs at least three items");
        }

        if (n < 2)
        {
            return Undefined("fewer than two respondents answered every item");
        }

        var means = new double[k];
        for (int r = 0; r < n; r++)
        {
            for (int i = 0; i < k; i++)
            {
                means[i] += rows[(r * k) + i];
            }
        }

        for (int i = 0; i < k; i++)
        {
            means[i] /= n;
        }

        var c = new double[k, k];
        var centred = new double[k];
        for (int r = 0; r < n; r++)
        {
            for (int i = 0; i < k; i++)
            {
                centred[i] = rows[(r * k) + i] - means[i];
            }

            for (int i = 0; i < k; i++)
            {
                for (int j = i; j < k; j++)
                {
                    c[i, j] += centred[i] * centred[j];
                }
            }
        }

        for (int i = 0; i < k; i++)
        {
            if (!(c[i, i] > 1e-24 * Math.Max(1, means[i] * means[i]) * n))
            {
                return Undefined("an item has no variance, so the correlation matrix is undefined");
            }
        }

        var correlation = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            correlation[i, i] = 1;
            for (int j = i + 1; j < k; j++)
            {
                double r = Math.Clamp(c[i, j] / Math.Sqrt(c[i, i] * c[j, j]), -1, 1);
                correlation[i, j] = r;
                correlation[j, i] = r;
            }
        }

        return FitCorrelation(correlation, start);
    }

    /// <summary>The ML one-factor fit to a correlation matrix (unit diagonal).</summary>
    public static Fit FitCorrelation(double[,] correlation, double[]? start)
    {
        int k = correlation.GetLength(0);
        var work = new double[k * k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                work[(i * k) + j] = correlation[i, j];
            }
        }

        var vectors = new double[k * k];
        var spectrum = new double[k];
        SymmetricEigen(work, k, vectors, spectrum);
        if (!(spectrum.Min() > 1e-10 * k))
        {
            return Undefined("the items' correlation matrix is singular (perfectly collinear items or fewer respondents than items)");
        }

        double logDet = spectrum.Sum(Math.Log);
        var psi = new double[k];
        if (start is { Length: > 0 } && start.Length == k)
        {
            Array.Copy(start, psi, k);
        }
        else
        {
            // factanal's start: (1 − q/(2p)) / diag(R⁻¹), diag(R⁻¹)_i = Σ_m v_im² / d_m.
            for (int i = 0; i < k; i++)
            {
                double inverse = 0;
                for (int m = 0; m < k; m++)
                {
                    inverse += vectors[(i * k) + m] * vectors[(i * k) + m] / spectrum[m];
                }

                psi[i] = (1 - (0.5 / k)) / inverse;
            }
        }

        for (int i = 0; i < k; i++)
        {
            psi[i] = Math.Clamp(psi[i], LowerBound, 1);
        }

        var state = new Evaluation(correlation, logDet);
        double f = state.Evaluate(psi);
        var g = (double[])state.Gradient.Clone();
        var trial = new double[k];
        var plus = new double[k];
        int iteration = 0;
        for (; iteration < MaxIterations; iteration++)
        {
            // Free variables: not held at a bound by a gradient pushing outwards.
            var free = new List<int>(k);
            double projected = 0;
            for (int i = 0; i < k; i++)
            {
                bool atLower = psi[i] <= LowerBound && g[i] > 0;
                bool atUpper = psi[i] >= 1 && g[i] < 0;
                if (!atLower && !atUpper)
                {
                    free.Add(i);
                    projected = Math.Max(projected, Math.Abs(g[i]));
                }
            }

            if (projected < GradientTolerance)
            {
                break;
            }

            // Hessian of the free block by central differences of the analytic gradient (relative step 1e-5: error ~1e-10,
            // so Newton converges superlinearly; the line search and the gradient test keep the optimum exact).
            int m = free.Count;
            var h = new double[m, m];
            for (int b = 0; b < m; b++)
            {
                int j = free[b];
                double step = 1e-5 * psi[j];
                Array.Copy(psi, trial, k);
                trial[j] = psi[j] + step;
                state.Evaluate(trial);
                Array.Copy(state.Gradient, plus, k);
                trial[j] = psi[j] - step;
                state.Evaluate(trial);
                for (int a2 = 0; a2 < m; a2++)
                {
                    h[a2, b] = (plus[free[a2]] - state.Gradient[free[a2]]) / (2 * step);
                }
            }

            for (int a2 = 0; a2 < m; a2++)
            {
                for (int b = a2 + 1; b < m; b++)
                {
                    double mean = (h[a2, b] + h[b, a2]) / 2;
                    h[a2, b] = mean;
                    h[b, a2] = mean;
                }
            }

            var rhs = new double[m];
            for (int a2 = 0; a2 < m; a2++)
            {
                rhs[a2] = -g[free[a2]];
            }

            // Not positive definite (the likelihood is not convex far from a fitting model): shift the diagonal until it is
            // (Levenberg–Marquardt), which keeps Newton's scaling instead of falling back to steepest descent.
            var direction = CholeskySolve(h, rhs);
            double largest = 0;
            for (int a2 = 0; a2 < m; a2++)
            {
                largest = Math.Max(largest, Math.Abs(h[a2, a2]));
            }

            for (double shift = 1e-6 * Math.Max(largest, 1e-12); direction is null && shift < 1e12 * Math.Max(largest, 1); shift *= 4)
            {
                var shifted = (double[,])h.Clone();
                for (int a2 = 0; a2 < m; a2++)
                {
                    shifted[a2, a2] += shift;
                }

                direction = CholeskySolve(shifted, rhs);
            }

            direction ??= rhs;
            double slope = 0;
            for (int a = 0; a < m; a++)
            {
                slope += direction[a] * g[free[a]];
            }

            if (!(slope < 0))
            {
                direction = rhs;
            }


            double t = 1;
            bool accepted = false;
            for (int halving = 0; halving < 60; halving++, t *= 0.5)
            {
                Array.Copy(psi, trial, k);
                double decrease = 0;
                for (int a = 0; a < m; a++)
                {
                    int i = free[a];
                    trial[i] = Math.Clamp(psi[i] + (t * direction[a]), LowerBound, 1);
                    decrease += g[i] * (trial[i] - psi[i]);
                }

                double ft = state.Evaluate(trial);
                bool decreases = ft <= f + (1e-4 * decrease);

                // Near the optimum F changes by less than its rounding (it is a difference of O(k) terms): then a step that
                // lowers the projected gradient is taken, as Newton's method would.
                bool flat = Math.Abs(ft - f) <= 1e-12 * (1 + Math.Abs(f)) && ProjectedGradient(trial, state.Gradient) < projected;
                if (decreases || flat)
                {
                    accepted = true;
                    f = ft;
                    Array.Copy(trial, psi, k);
                    Array.Copy(state.Gradient, g, k);
                    break;
                }
            }

            if (!accepted)
            {
                // No decrease is representable any more: the fit is at the optimum up to rounding.
                state.Evaluate(psi);
                break;
            }
        }

        if (iteration == MaxIterations)
        {
            return Undefined("the maximum-likelihood factor fit did not converge");
        }

        state.Evaluate(psi);
        var loadings = (double[])state.Loadings.Clone();
        double sum = loadings.Sum();
        if (sum < 0)
        {
            for (int i = 0; i < k; i++)
            {
                loadings[i] = -loadings[i];
            }

            sum = -sum;
        }

        double omega = sum * sum / ((sum * sum) + psi.Sum());
        return new Fit(loadings, psi, omega, iteration, null);
    }

    /// <summary>Largest gradient component not held at a bound.</summary>
    private static double ProjectedGradient(double[] psi, double[] g)
    {
        double result = 0;
        for (int i = 0; i < psi.Length; i++)
        {
            if (!(psi[i] <= LowerBound && g[i] > 0) && !(psi[i] >= 1 && g[i] < 0))
            {
                result = Math.Max(result, Math.Abs(g[i]));
            }
        }

        return result;
    }

    private static Fit Undefined(string reason) => new(null, null, double.NaN, 0, reason);

    /// <summary>Solves H x = b by Cholesky; null when H is not (numerically) positive definite.</summary>
    private static double[]? CholeskySolve(double[,] h, double[] b)
    {
        int m = b.Length;
        var l = new double[m, m];
        double largest = 0;
        for (int i = 0; i < m; i++)
        {
            largest = Math.Max(largest, h[i, i]);
        }

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = h[i, j];
                for (int q = 0; q < j; q++)
                {
                    sum -= l[i, q] * l[j, q];
                }

                if (i == j)
                {
                    if (!(sum > 1e-12 * largest))
                    {
                        return null;
                    }

                    l[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i, j] = sum / l[j, j];
                }
            }
        }

        var x = new double[m];
        for (int i = 0; i < m; i++)
        {
            double sum = b[i];
            for (int q = 0; q < i; q++)
            {
                sum -= l[i, q] * x[q];
            }

            x[i] = sum / l[i, i];
        }

        for (int i = m - 1; i >= 0; i--)
        {
            double sum = x[i];
            for (int q = i + 1; q < m; q++)
            {
                sum -= l[q, i] * x[q];
            }

            x[i] = sum / l[i, i];
        }

        return x;
    }

    /// <summary>
    /// Eigenvalues and eigenvectors of a small symmetric matrix (row-major, overwritten) by cyclic Jacobi rotations (Golub &amp;
    /// Van Loan §8.5), accurate to rounding and allocation-free; eigenvector m is column m of <paramref name="vectors"/>.
    /// </summary>
    internal static void SymmetricEigen(double[] a, int k, double[] vectors, double[] values)
    {
        Array.Clear(vectors);
        double norm = 0;
        for (int i = 0; i < k; i++)
        {
            vectors[(i * k) + i] = 1;
            for (int j = 0; j < k; j++)
            {
                norm += a[(i * k) + j] * a[(i * k) + j];
            }
        }

        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (int p = 0; p < k; p++)
            {
                for (int q = p + 1; q < k; q++)
                {
                    off += a[(p * k) + q] * a[(p * k) + q];
                }
            }

            if (off <= 1e-34 * norm)
            {
                break;
            }

            for (int p = 0; p < k; p++)
            {
                for (int q = p + 1; q < k; q++)
                {
                    double apq = a[(p * k) + q];
                    if (apq == 0)
                    {
                        continue;
                    }

                    double theta = (a[(q * k) + q] - a[(p * k) + p]) / (2 * apq);
                    double t = 1 / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    if (theta < 0)
                    {
                        t = -t;
                    }

                    double c = 1 / Math.Sqrt((t * t) + 1), s = t * c;
                    for (int r = 0; r < k; r++)
                    {
                        double arp = a[(r * k) + p], arq = a[(r * k) + q];
                        a[(r * k) + p] = (c * arp) - (s * arq);
                        a[(r * k) + q] = (s * arp) + (c * arq);
                    }

                    for (int r = 0; r < k; r++)
                    {
                        double apr = a[(p * k) + r], aqr = a[(q * k) + r];
                        a[(p * k) + r] = (c * apr) - (s * aqr);
                        a[(q * k) + r] = (s * apr) + (c * aqr);
                    }

                    for (int r = 0; r < k; r++)
                    {
                        double vrp = vectors[(r * k) + p], vrq = vectors[(r * k) + q];
                        vectors[(r * k) + p] = (c * vrp) - (s * vrq);
                        vectors[(r * k) + q] = (s * vrp) + (c * vrq);
                    }
                }
            }
        }

        for (int i = 0; i < k; i++)
        {
            values[i] = a[(i * k) + i];
        }
    }

    /// <summary>The concentrated ML discrepancy, its gradient and the loadings at one ψ.</summary>
    private sealed class Evaluation(double[,] correlation, double logDet)
    {
        private readonly int k = correlation.GetLength(0);
        private readonly double[] scaled = new double[correlation.GetLength(0) * correlation.GetLength(0)];
        private readonly double[] vectors = new double[correlation.GetLength(0) * correlation.GetLength(0)];
        private readonly double[] values = new double[correlation.GetLength(0)];
        private int top;

        public double[] Gradient { get; } = new double[correlation.GetLength(0)];

        public double[] Loadings { get; } = new double[correlation.GetLength(0)];

        /// <summary>Σ_{m ≠ top} v_im v_jm / √(ψ_i ψ_j) at the last evaluated ψ.</summary>
        public double Residual(int i, int j, double[] psi)
        {
            double sum = 0;
            for (int m = 0; m < k; m++)
            {
                if (m != top)
                {
                    sum += vectors[(i * k) + m] * vectors[(j * k) + m];
                }
            }

            return sum / Math.Sqrt(psi[i] * psi[j]);
        }

        public double Evaluate(double[] psi)
        {
            double trace = 0, logPsi = 0;
            for (int i = 0; i < k; i++)
            {
                trace += correlation[i, i] / psi[i];
                logPsi += Math.Log(psi[i]);
                for (int j = 0; j < k; j++)
                {
                    scaled[(i * k) + j] = correlation[i, j] / Math.Sqrt(psi[i] * psi[j]);
                }
            }

            SymmetricEigen(scaled, k, vectors, values);
            top = 0;
            for (int i = 1; i < k; i++)
            {
                if (values[i] > values[top])
                {
                    top = i;
                }
            }

            double e1 = values[top];
            double factor = Math.Sqrt(Math.Max(e1 - 1, 0));
            for (int i = 0; i < k; i++)
            {
                double loading = Math.Sqrt(psi[i]) * vectors[(i * k) + top] * factor;
                Loadings[i] = loading;
                Gradient[i] = ((loading * loading) + psi[i] - correlation[i, i]) / (psi[i] * psi[i]);
            }

            // Σ_{j≥2}(e_j − log e_j − 1) = (tr S* − e₁) − (log|S*| − log e₁) − (k − 1), log|S*| = log|R| − Σ log ψ.
            return trace - e1 - (logDet - logPsi - Math.Log(e1)) - (k - 1);
        }
    }
}
