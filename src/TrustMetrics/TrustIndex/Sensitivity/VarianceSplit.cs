namespace TrustMetrics.TrustIndex.Sensitivity;

/// <summary>
/// The law of total variance on a full grid of outputs y[l, r] over L equally likely method combinations l and a set of
/// resamples r (each listed resample equally likely): with ȳ_l the mean over the resamples of method l and s²_l the variance
/// over them (divisor the number of resamples),
/// Var(Y) = E_l[s²_l] + Var_l(ȳ_l) (population variances), the sampling part E[Var(Y | method)] and the method part
/// Var(E[Y | method]). The identity is exact for the finite design, so the two shares add to 1; 0/0 := 0 for both.
/// </summary>
internal static class VarianceSplit
{
    /// <summary>
    /// The split of <paramref name="grid"/> (row-major L × R) over the resamples <paramref name="rows"/> (indices into 0…R−1,
    /// repeats allowed, as a bootstrap of the resamples draws them).
    /// </summary>
    public static (double Mean, double Sampling, double Method) Compute(ReadOnlySpan<double> grid, int methods, int resamples, ReadOnlySpan<int> rows)
    {
        int count = rows.Length;
        double grand = 0, sampling = 0;
        Span<double> means = methods <= 256 ? stackalloc double[methods] : new double[methods];
        for (int l = 0; l < methods; l++)
        {
            var y = grid.Slice(l * resamples, resamples);
            double sum = 0;
            foreach (int r in rows)
            {
                sum += y[r];
            }

            double mean = sum / count, squares = 0;
            foreach (int r in rows)
            {
                double d = y[r] - mean;
                squares += d * d;
            }

            means[l] = mean;
            grand += mean;
            sampling += IsZero(squares / count, mean) ? 0 : squares / count; // identical values: exactly 0, not round-off
        }

        grand /= methods;
        double method = 0;
        for (int l = 0; l < methods; l++)
        {
            double d = means[l] - grand;
            method += d * d;
        }

        return (grand, sampling / methods, method / methods);
    }

    /// <summary>part / total, with 0/0 := 0 (a total below round-off of the squared scale counts as 0).</summary>
    public static double Share(double part, double sampling, double method, double mean)
    {
        double total = sampling + method;
        return IsZero(total, mean) ? 0 : Math.Clamp(part / total, 0, 1);
    }

    /// <summary>A variance below 1e-24 of the squared scale is round-off of a constant output.</summary>
    public static bool IsZero(double variance, double mean) => !(variance > 1e-24 * Math.Max(1, mean * mean));
}
