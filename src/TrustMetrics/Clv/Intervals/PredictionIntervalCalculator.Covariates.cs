using MathNet.Numerics.LinearAlgebra;
using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// Prediction intervals after a fit with time-invariant covariates (docs/clv.md §14 "Intervals with covariates"). A customer with
/// covariates z has the log-parameters ψ(z) = M(z)θ, linear in the fit's θ = (ln r, ln α, ln a|ln s, ln b|ln β, γ₁, γ₂), so under the
/// fit's normal approximation ψ(z) ~ N(M θ̂, M Σ Mᵀ) with Σ the joint (4 + 2p)-dimensional covariance of θ̂ (its cross terms between
/// the base parameters and the coefficients included). That is exactly the no-covariate path's situation on the log scale, so the
/// same unscented transform is applied to ψ(z): 8 sigma points ψ̂ ± √4·L eⱼ (L the Cholesky factor of M Σ Mᵀ), weights 1/8, and the
/// same per-row machinery (<see cref="Family"/>, <see cref="Rows"/>). Mapping the 2(4 + 2p) θ-space sigma points through M instead
/// would give the same mean and covariance of ψ (the map is linear) with 4p more models per row; the 4-dimensional points cost 9
/// models per row whatever p is, and when M Σ Mᵀ equals the plain fit's covariance (z = 0, or γ held fixed) they are the
/// plain fit's points, so the intervals equal the no-covariate path's.
/// Customers are grouped by distinct z (one model family per pattern: its tables are built once) and, inside a pattern, by
/// distinct (x, t_x, T) row: the work is O(patterns · table + distinct (pattern, row) · 9 models).
/// </summary>
public sealed partial class PredictionIntervalCalculator
{
    /// <summary>
    /// For every customer of a covariate fit: E[Y(t)] and P(alive) with parameter-uncertainty intervals, and the equal-tailed
    /// interval of the purchase count Y(t) in (T, T+t], each at the customer's own parameters (<see cref="CovariateFit.ModelFor"/>);
    /// parameter uncertainty from the fit's joint covariance of the base parameters and the coefficients, carried to the customer's
    /// log-parameters (docs/clv.md §14).
    /// </summary>
    /// <param name="fit">A BG/NBD or Pareto/NBD fit with covariates (its covariance carries the parameter uncertainty; none when it is singular).</param>
    /// <param name="histories">Valid histories in the model's time unit.</param>
    /// <param name="covariates">One row per history, in the same order, with the fit's covariates (same names, same order).</param>
    /// <param name="horizon">Horizon t ≥ 0, finite.</param>
    /// <param name="level">Nominal level in (0, <see cref="MaximumLevel"/>], e.g. 0.9.</param>
    /// <param name="cancellationToken">Cancels the batch (<see cref="OperationCanceledException"/>).</param>
    /// <param name="maxDegreeOfParallelism">Threads: null = all cores, 1 = serial; ≥ 1.</param>
    /// <returns>The intervals in the order of <paramref name="histories"/>; <see cref="PredictionIntervals.DistinctRows"/> counts distinct (covariate pattern, row) pairs.</returns>
    /// <exception cref="ArgumentException">An argument is out of range or null, the counts differ, the covariates are not the fit's, or a history is invalid (named by index).</exception>
    public PredictionIntervals Compute(CovariateFit fit, ReadOnlySpan<PurchaseHistory> histories, CovariateMatrix covariates, double horizon, double level = 0.9,
        CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(covariates);
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        CheckArguments(horizon, level);
        CheckCovariates(fit, histories.Length, covariates);
        var rows = histories.ToArray();
        for (int i = 0; i < rows.Length; i++)
        {
            CompressedHistories.Validate(rows[i], i, nameof(histories));
        }

        var patterns = CovariatePatterns.Of(covariates);
        int n = rows.Length, count = patterns.Count;
        var (models, points) = PatternModels(fit, covariates, patterns);
        bool pu = points[0].Length > 0;
        var result = new RowResults(new double[n], new double[n], new double[n], new double[n], new double[n], new double[n], new long[n], new long[n]);
        var distinct = new int[count];

        // Large patterns one after another, each on all threads (Rows splits its rows); the many small ones (continuous
        // covariates) side by side, each serial. Every customer is written by exactly one pattern.
        var serial = new ParallelWork(work.CancellationToken, 1);
        var small = new List<int>();
        for (int g = 0; g < count; g++)
        {
            if (patterns.Size(g) > 2 * MinimumChunk)
            {
                distinct[g] = Pattern(g, work);
            }
            else
            {
                small.Add(g);
            }
        }

        work.For(small.Count, small.Count > 1, k => distinct[small[k]] = Pattern(small[k], serial));
        return new PredictionIntervals(horizon, level, pu, result.E, pu ? result.EL : null, pu ? result.EU : null, result.A, pu ? result.AL : null,
            pu ? result.AU : null, result.CL, result.CU, distinct.Sum());

        int Pattern(int g, ParallelWork inner)
        {
            inner.ThrowIfCancellationRequested();
            var members = patterns.Members(g);
            var index = new HistoryIndex(Math.Min(members.Length, 1 << 16));
            var map = new int[members.Length];
            for (int k = 0; k < members.Length; k++)
            {
                var h = rows[members[k]];
                map[k] = index.Add(h.Frequency, h.Recency, h.T);
            }

            var (xs, txs, ts) = index.Columns();
            var family = models[g] switch
            {
                BgNbdModel bg => (Family)new BetaGeometric(bg, null, points[g]),
                ParetoNbdModel pareto => new Pareto(pareto, points[g]),
                _ => throw new InvalidOperationException("A covariate fit's customer model is BG/NBD or Pareto/NBD."),
            };
            var r = Rows(family, inner, xs, txs, ts, horizon, level);
            for (int k = 0; k < members.Length; k++)
            {
                int i = members[k], row = map[k];
                result.E[i] = r.E[row];
                result.EL[i] = r.EL[row];
                result.EU[i] = r.EU[row];
                result.A[i] = r.A[row];
                result.AL[i] = r.AL[row];
                result.AU[i] = r.AU[row];
                result.CL[i] = r.CL[row];
                result.CU[i] = r.CU[row];
            }

            return xs.Length;
        }
    }

    /// <summary>The covariates must be the fit's: one row per history, the same terms in the same order.</summary>
    private static void CheckCovariates(CovariateFit fit, int histories, CovariateMatrix covariates)
    {
        int p = fit.Coefficients.Count / 2;
        if (covariates.CustomerCount != histories)
        {
            throw new ArgumentException($"covariates has {covariates.CustomerCount} rows for {histories} histories; give one covariate row per history, in the same order.", nameof(covariates));
        }

        bool same = covariates.Count == p;
        for (int j = 0; j < p && same; j++)
        {
            same = string.Equals(covariates.Names[j], fit.Coefficients[j].Term, StringComparison.Ordinal);
        }

        if (!same)
        {
            throw new ArgumentException(
                $"covariates has the columns ({string.Join(", ", covariates.Names)}) but the fit was made with ({string.Join(", ", fit.Coefficients.Take(p).Select(c => c.Term))}); give the fit's covariates in its order.",
                nameof(covariates));
        }
    }

    /// <summary>
    /// Each pattern's model at ψ̂(z) and its sigma points exp(ψ̂ ± √4·L eⱼ) (natural scale, the order of <see cref="Family.SigmaPoints"/>);
    /// no pattern has points when the fit's covariance is singular or any pattern's M Σ Mᵀ is not numerically positive definite
    /// (so <see cref="PredictionIntervals.ParameterUncertainty"/> means the same for every customer).
    /// </summary>
    private static (IPurchaseModel[] Models, double[][][] Points) PatternModels(CovariateFit fit, CovariateMatrix covariates, CovariatePatterns patterns)
    {
        var theta = fit.Theta;
        var sigma = fit.LogScaleCovariance;
        var kind = fit.Kind;
        int count = patterns.Count, k = theta.Length;
        var models = new IPurchaseModel[count];
        var points = new double[count][][];
        Span<double> psi = stackalloc double[4];
        var m = new double[4 * k];
        var ms = new double[4 * k];
        var cov = new double[16];
        bool uncertainty = sigma is not null;
        for (int g = 0; g < count; g++)
        {
            var z = covariates.Row(patterns.Representative(g));
            CovariateLikelihood.LogParameters(kind, theta, z, psi);
            double r = Math.Exp(psi[0]), alpha = Math.Exp(psi[1]), third = Math.Exp(psi[2]), fourth = Math.Exp(psi[3]);
            models[g] = kind == CovariateModelKind.BgNbd
                ? new BgNbdModel(new BgNbdParameters(r, alpha, third, fourth))
                : new ParetoNbdModel(new ParetoNbdParameters(r, alpha, third, fourth));
            points[g] = [];
            if (!uncertainty)
            {
                continue;
            }

            // Cov(ψ) = M Σ Mᵀ (4 × 4).
            CovariateLikelihood.Jacobian(kind, z, m, k);
            for (int u = 0; u < 4; u++)
            {
                for (int c = 0; c < k; c++)
                {
                    double s = 0;
                    for (int e = 0; e < k; e++)
                    {
                        s += m[(u * k) + e] * sigma![(e * k) + c];
                    }

                    ms[(u * k) + c] = s;
                }
            }

            for (int u = 0; u < 4; u++)
            {
                for (int v = 0; v < 4; v++)
                {
                    double s = 0;
                    for (int c = 0; c < k; c++)
                    {
                        s += ms[(u * k) + c] * m[(v * k) + c];
                    }

                    cov[(u * 4) + v] = s;
                }
            }

            points[g] = LogSigmaPoints(psi, cov);
            uncertainty = points[g].Length > 0;
        }

        if (!uncertainty)
        {
            Array.Fill(points, []);
        }

        return (models, points);
    }

    /// <summary>
    /// exp(ψ̂ ± √4·L eⱼ) for the Cholesky factor L of <paramref name="cov"/> (4 × 4), in <see cref="Family.SigmaPoints"/>' order
    /// (point 2j + 0 the + side, 2j + 1 the − side), or none when it is not finite and positive definite or a point overflows.
    /// </summary>
    private static double[][] LogSigmaPoints(ReadOnlySpan<double> psi, double[] cov)
    {
        const int D = 4;
        double scale = Math.Sqrt(D);
        if (!cov.All(double.IsFinite))
        {
            return [];
        }

        Matrix<double> l;
        try
        {
            l = Matrix<double>.Build.Dense(D, D, cov).Cholesky().Factor;   // symmetric, so column-major = row-major
        }
        catch (ArgumentException)
        {
            return [];   // not positive definite
        }

        var points = new double[2 * D][];
        for (int j = 0; j < D; j++)
        {
            for (int sign = 0; sign < 2; sign++)
            {
                var p = new double[D];
                for (int i = 0; i < D; i++)
                {
                    p[i] = Math.Exp(psi[i] + ((sign == 0 ? scale : -scale) * l[i, j]));
                    if (!(p[i] > 0 && double.IsFinite(p[i])))
                    {
                        return [];
                    }
                }

                points[(2 * j) + sign] = p;
            }
        }

        return points;
    }
}
