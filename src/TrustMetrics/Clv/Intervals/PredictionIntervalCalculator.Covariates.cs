using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// Prediction intervals after a fit with time-invariant covariates (docs/clv.md §14 "Intervals with covariates"). A customer with
/// covariates z has the log-parameters ψ(z) = M(z)θ, linear in the fit's θ = (ln r, ln α, ln a|ln s, ln b|ln β, γ₁, γ₂), so under the
/// fit's normal approximation ψ(z) ~ N(M θ̂, M Σ Mᵀ) with Σ the joint (4 + 2p)-dimensional covariance of θ̂ (its cross terms between
/// the base parameters and the coefficients included). That is exactly the no-covariate path's situation on its log scale, so each
/// covariate pattern becomes a plain fit — estimates e^{ψ̂(z)}, natural-scale covariance D M Σ Mᵀ D (D = diag e^{ψ̂}) — and the
/// no-covariate machinery runs on it unchanged: its 8 sigma points ψ̂ ± √4·L eⱼ (L the Cholesky factor of M Σ Mᵀ), weights 1/8.
/// Mapping the 2(4 + 2p) θ-space sigma points through M instead would give the same mean and covariance of ψ (the map is linear)
/// with 4p more models per row; these cost 9 models per row whatever p is, and when M Σ Mᵀ equals the plain fit's log-scale
/// covariance (z = 0, or γ held fixed) they are the plain fit's points, so the intervals equal the no-covariate path's.
/// Customers are grouped by distinct z (one model family per pattern: the plain path's tables, or for a BG/NBD pattern with few
/// rows none, <see cref="BetaGeometricDirect"/>) and, inside a pattern, by distinct (x, t_x, T) row: the work is
/// O(distinct (pattern, row) · 9 models) plus the set-up of each pattern's family.
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
        var rows = ValidRows(histories);
        var patterns = CovariatePatterns.Of(covariates);
        return fit.Kind == CovariateModelKind.BgNbd
            ? PatternIntervals(PatternFits(fit, covariates, patterns, p => new BgNbdModel(new BgNbdParameters(p[0], p[1], p[2], p[3]))), patterns, rows, horizon, level, work)
            : PatternIntervals(PatternFits(fit, covariates, patterns, p => new ParetoNbdModel(new ParetoNbdParameters(p[0], p[1], p[2], p[3]))), patterns, rows, horizon, level, work);
    }

    /// <summary>
    /// The CLV interval of <see cref="ComputeValue{TModel}(ClvFit{TModel}, ClvFit{GammaGammaModel}, ReadOnlySpan{PurchaseHistory}, ReadOnlySpan{double}, int, double, double, double, double, CancellationToken, int?)"/> after a covariate fit: every customer's purchase model and its
    /// parameter uncertainty are their covariate pattern's (as in <see cref="Compute(CovariateFit, ReadOnlySpan{PurchaseHistory}, CovariateMatrix, double, double, CancellationToken, int?)"/>),
    /// the spend model the Gamma–Gamma fit's (no covariates); joint sigma points of the pattern's 4 log-parameters and the spend
    /// fit's 3, as without covariates.
    /// </summary>
    /// <param name="fit">A BG/NBD or Pareto/NBD fit with covariates.</param>
    /// <param name="spendFit">The Gamma–Gamma fit.</param>
    /// <param name="histories">Valid histories in the purchase model's time unit.</param>
    /// <param name="covariates">One row per history, in the same order, with the fit's covariates.</param>
    /// <param name="monetaryValues">Each customer's mean repeat-purchase value m̄: finite, &gt; 0 when the frequency is &gt; 0 (ignored at 0).</param>
    /// <param name="months">Horizon in months ≥ 0.</param>
    /// <param name="monthlyDiscountRate">Monthly discount rate d &gt; −1.</param>
    /// <param name="unitsPerMonth">Model time units per month f &gt; 0.</param>
    /// <param name="margin">Margin share applied to the spend (finite; 1 = revenue).</param>
    /// <param name="level">Nominal level in (0, <see cref="MaximumLevel"/>].</param>
    /// <param name="cancellationToken">Cancels the batch (<see cref="OperationCanceledException"/>).</param>
    /// <param name="maxDegreeOfParallelism">Threads: null = all cores, 1 = serial; ≥ 1.</param>
    /// <returns>The values in the order of <paramref name="histories"/>; <see cref="ValueIntervals.PurchaseParameterUncertainty"/> is true when every pattern has it.</returns>
    /// <exception cref="ArgumentException">An argument is out of range or null, the lengths differ, the covariates are not the fit's, or a history or monetary value is invalid (named by index).</exception>
    public ValueIntervals ComputeValue(CovariateFit fit, ClvFit<GammaGammaModel> spendFit, ReadOnlySpan<PurchaseHistory> histories, CovariateMatrix covariates,
        ReadOnlySpan<double> monetaryValues, int months, double monthlyDiscountRate, double unitsPerMonth, double margin = 1.0, double level = 0.9,
        CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(spendFit);
        ArgumentNullException.ThrowIfNull(covariates);
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        CheckCovariates(fit, histories.Length, covariates);
        var rows = ValidRows(histories);
        if (monetaryValues.Length != histories.Length)
        {
            throw new ArgumentException($"monetaryValues has {monetaryValues.Length} entries for {histories.Length} histories.", nameof(monetaryValues));
        }

        var money = monetaryValues.ToArray();
        for (int i = 0; i < money.Length; i++)
        {
            // Checked here as the plain path checks it, so the message names the caller's index, not the index inside a pattern.
            if (!double.IsFinite(money[i]) || (rows[i].Frequency > 0 && !(money[i] > 0)))
            {
                throw new ArgumentOutOfRangeException(nameof(monetaryValues), money[i],
                    $"monetaryValues[{i}] must be finite, and > 0 for a customer with repeat purchases (frequency {rows[i].Frequency}); got {Guard.Format(money[i])}.");
            }
        }

        var patterns = CovariatePatterns.Of(covariates);
        var value = new ValueArguments(spendFit, money, months, monthlyDiscountRate, unitsPerMonth, margin, level);
        return fit.Kind == CovariateModelKind.BgNbd
            ? PatternValues(PatternFits(fit, covariates, patterns, p => new BgNbdModel(new BgNbdParameters(p[0], p[1], p[2], p[3]))), patterns, rows, value, work)
            : PatternValues(PatternFits(fit, covariates, patterns, p => new ParetoNbdModel(new ParetoNbdParameters(p[0], p[1], p[2], p[3]))), patterns, rows, value, work);
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

    private static PurchaseHistory[] ValidRows(ReadOnlySpan<PurchaseHistory> histories)
    {
        var rows = histories.ToArray();
        for (int i = 0; i < rows.Length; i++)
        {
            CompressedHistories.Validate(rows[i], i, nameof(histories));
        }

        return rows;
    }

    /// <summary>
    /// Each pattern as a plain fit: the model at e^{ψ̂(z)} and the natural-scale covariance φᵢφⱼ(M Σ Mᵀ)ᵢⱼ, which the plain path
    /// turns back into the log-scale M Σ Mᵀ for its sigma points (+∞ entries, so no sigma points, when the fit's Σ is singular).
    /// </summary>
    private static ClvFit<TModel>[] PatternFits<TModel>(CovariateFit fit, CovariateMatrix covariates, CovariatePatterns patterns, Func<double[], TModel> model)
        where TModel : class, IPurchaseModel
    {
        var theta = fit.Theta;
        var sigma = fit.LogScaleCovariance;
        var kind = fit.Kind;
        int k = theta.Length;
        var fits = new ClvFit<TModel>[patterns.Count];
        Span<double> psi = stackalloc double[4];
        var m = new double[4 * k];
        var ms = new double[4 * k];
        for (int g = 0; g < fits.Length; g++)
        {
            var z = covariates.Row(patterns.Representative(g));
            CovariateLikelihood.LogParameters(kind, theta, z, psi);
            double[] phi = [Math.Exp(psi[0]), Math.Exp(psi[1]), Math.Exp(psi[2]), Math.Exp(psi[3])];
            var cov = new double[16];
            if (sigma is null)
            {
                Array.Fill(cov, double.PositiveInfinity);
            }
            else
            {
                // Cov(ψ) = M Σ Mᵀ, then to the natural scale.
                CovariateLikelihood.Jacobian(kind, z, m, k);
                for (int u = 0; u < 4; u++)
                {
                    for (int c = 0; c < k; c++)
                    {
                        double s = 0;
                        for (int e = 0; e < k; e++)
                        {
                            s += m[(u * k) + e] * sigma[(e * k) + c];
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

                        cov[(u * 4) + v] = phi[u] * phi[v] * s;
                    }
                }
            }

            var c0 = fit.Convergence;
            var report = new ClvFitReport(fit.Model, fit.ParameterNames, phi, cov, fit.LogLikelihood, fit.CustomerCount, patterns.Size(g), c0.Iterations,
                c0.GradientNorm, c0.Converged, "covariate pattern " + g.ToString(System.Globalization.CultureInfo.InvariantCulture) + " of " + c0.Message);
            fits[g] = new ClvFit<TModel>(model(phi), report, 0.95);
        }

        return fits;
    }

    /// <summary>
    /// Runs <paramref name="body"/> for every pattern: those with more than 2·<see cref="MinimumChunk"/> customers one after another
    /// on all threads (the plain path splits their rows), the many small ones (continuous covariates) side by side, each serial.
    /// Every customer belongs to exactly one pattern, so the bodies write disjoint entries.
    /// </summary>
    private static void ForEachPattern(CovariatePatterns patterns, ParallelWork work, Action<int, ParallelWork> body)
    {
        var serial = new ParallelWork(work.CancellationToken, 1);
        var small = new List<int>();
        for (int g = 0; g < patterns.Count; g++)
        {
            if (patterns.Size(g) > 2 * MinimumChunk)
            {
                body(g, work);
            }
            else
            {
                small.Add(g);
            }
        }

        work.For(small.Count, small.Count > 1, k => body(small[k], serial));
    }

    private static PredictionIntervals PatternIntervals<TModel>(ClvFit<TModel>[] fits, CovariatePatterns patterns, PurchaseHistory[] rows, double horizon, double level, ParallelWork work)
        where TModel : class, IPurchaseModel
    {
        // Parameter uncertainty for everyone or no one (null bounds mean the same for every customer).
        var points = fits.Select(f => Family.SigmaPoints(f, Math.Sqrt(f.ParameterNames.Count))).ToArray();
        bool pu = points.All(p => p.Length > 0);
        int n = rows.Length;
        var result = new RowResults(new double[n], new double[n], new double[n], new double[n], new double[n], new double[n], new long[n], new long[n]);
        var distinct = new int[fits.Length];
        ForEachPattern(patterns, work, (g, inner) =>
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
            var sigma = pu ? points[g] : [];
            var family = xs.Length < TabulateFrom && fits[g].Model is BgNbdModel bg ? new BetaGeometricDirect(bg, sigma) : Family.For(fits[g], sigma);
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

            distinct[g] = xs.Length;
        });

        return new PredictionIntervals(horizon, level, pu, result.E, pu ? result.EL : null, pu ? result.EU : null, result.A, pu ? result.AL : null,
            pu ? result.AU : null, result.CL, result.CU, distinct.Sum());
    }

    /// <summary>The arguments of the CLV interval besides the purchase fit and the histories.</summary>
    private sealed record ValueArguments(ClvFit<GammaGammaModel> SpendFit, double[] Money, int Months, double Discount, double UnitsPerMonth, double Margin, double Level);

    private ValueIntervals PatternValues<TModel>(ClvFit<TModel>[] fits, CovariatePatterns patterns, PurchaseHistory[] rows, ValueArguments a, ParallelWork work)
        where TModel : class, IPurchaseModel
    {
        int n = rows.Length;
        var spend = new double[n];
        var value = new double[n];
        var lower = new double[n];
        var upper = new double[n];
        var purchase = new bool[fits.Length];
        bool spendUncertainty = false;
        ForEachPattern(patterns, work, (g, inner) =>
        {
            var members = patterns.Members(g);
            var h = new PurchaseHistory[members.Length];
            var m = new double[members.Length];
            for (int k = 0; k < members.Length; k++)
            {
                h[k] = rows[members[k]];
                m[k] = a.Money[members[k]];
            }

            var v = ComputeValue(fits[g], a.SpendFit, h, m, a.Months, a.Discount, a.UnitsPerMonth, a.Margin, a.Level, inner.CancellationToken, inner.MaxDegreeOfParallelism);
            for (int k = 0; k < members.Length; k++)
            {
                int i = members[k];
                spend[i] = v.ExpectedSpend[k];
                value[i] = v.Value[k];
                lower[i] = v.Lower[k];
                upper[i] = v.Upper[k];
            }

            purchase[g] = v.PurchaseParameterUncertainty;
            spendUncertainty = v.SpendParameterUncertainty;   // the same spend fit for every pattern
        });

        return new ValueIntervals(a.Months, a.Level, purchase.All(p => p), spendUncertainty, spend, value, lower, upper);
    }
}
