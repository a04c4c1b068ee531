using TrustMetrics.Numerics;
using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// The Pareto/NBD log-likelihood of one (x, t_x, T), in values and in <see cref="Dual2"/> (for the exact Hessian), regrouped so
/// that it stays exact and fast at every parameter value:
/// ℓ = [lnΓ(r+x) − lnΓ(r)] + ln(e^F + e^S) with F = −r ln1p(T/α) − x ln(α+T) − s ln1p(T/β) (alive at T, no term of size r ln α
/// or s ln β left to cancel) and S = r ln α + s ln β + ln s + ln ∫_{t_x}^{T} (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ (dead in (t_x, T]).
/// The integral is note 009's s/(r+s+x)·A₀ through ₂F₁(r+s+x, t̃; r+s+x+1; z) with z = |α−β|/(max(α,β)+t), whose series needs
/// about 36/(1−z) terms: it is used while z ≤ 0.9 at t_x. Beyond (β or α far larger than the other and than T, the road to the
/// boundary s, β → ∞), the integrand is smooth, positive and log-convex, so composite 16-point Gauss–Legendre over panels on
/// which its logarithm drops by at most 2 evaluates it to rounding in a few dozen points, however far out the parameters are.
/// With <c>limit</c> the dropout rate is a point mass μ (the boundary model): (β+τ)^{−(s+1)}β^s·s → μ e^{−μτ}.
/// </summary>
internal static class ParetoNbdLikelihood
{
    private const double SeriesLimit = 0.9;
    private const int MaxPanels = 256;

    private static readonly double[] Nodes = new MathNet.Numerics.Integration.GaussLegendreRule(-1, 1, 16).Abscissas;
    private static readonly double[] Weights = new MathNet.Numerics.Integration.GaussLegendreRule(-1, 1, 16).Weights;

    /// <summary>F = −r ln1p(T/α) − x ln(α+T) − s ln1p(T/β) (limit: −μT with μ in <paramref name="s"/>).</summary>
    public static double First(double r, double alpha, double s, double beta, long x, double T, bool limit = false) =>
        -(r * Statistics.PreciseMath.Log1p(T / alpha)) - (x * Math.Log(alpha + T)) - (limit ? s * T : s * Statistics.PreciseMath.Log1p(T / beta));

    /// <summary>True when the ₂F₁ series is used (z ≤ 0.9 at t_x).</summary>
    public static bool UsesSeries(double alpha, double beta, double tx) => Math.Abs(alpha - beta) <= SeriesLimit * (Math.Max(alpha, beta) + tx);

    /// <summary>
    /// ln[₂F₁(r+s+x, t̃; r+s+x+1; z)·α^r β^s/(m+t)^{r+s+x}] (one of A₀'s two terms times α^r β^s), the power grouped as
    /// −s ln1p(t/β) + r ln(α/(β+t)) − x ln(β+t) when β ≥ α (m = β) and the mirror image otherwise.
    /// </summary>
    public static double LogPart(double r, double alpha, double s, double beta, long x, double t)
    {
        double a = r + s + x;
        bool alphaLarger = alpha >= beta;
        double m = alphaLarger ? alpha : beta, low = alphaLarger ? beta : alpha, d = m - low;
        double tilde = alphaLarger ? s + 1 : r + x;
        double logOneMinusZ = Math.Log((low + t) / (m + t));
        double power = alphaLarger
            ? -(r * Statistics.PreciseMath.Log1p(t / alpha)) + (s * Math.Log(beta / (alpha + t))) - (x * Math.Log(alpha + t))
            : -(s * Statistics.PreciseMath.Log1p(t / beta)) + (r * Math.Log(alpha / (beta + t))) - (x * Math.Log(beta + t));
        return Hypergeometric.LogGaussAPlusOne(a, tilde, d / (m + t), logOneMinusZ) + power;
    }

    /// <summary>S (see the class summary), −∞ when t_x = T; <paramref name="logPartT"/> is LogPart at T when the series is used (NaN: compute it).</summary>
    public static double Second(double r, double alpha, double s, double beta, long x, double tx, double T, double logPartT = double.NaN, bool limit = false)
    {
        if (tx >= T)
        {
            return double.NegativeInfinity;
        }

        if (!limit && UsesSeries(alpha, beta, tx))
        {
            double l1 = LogPart(r, alpha, s, beta, x, tx);
            double l2 = double.IsNaN(logPartT) ? LogPart(r, alpha, s, beta, x, T) : logPartT;
            return Math.Log(s) - Math.Log(r + s + x) + l1 + Math.Log(-PreciseMath.Expm1(Math.Min(l2 - l1, 0)));
        }

        // ln s + ln ∫ exp(φ), φ(τ) = −r ln1p(τ/α) − x ln(α+τ) − s ln1p(τ/β) − ln(β+τ)  (limit: ln μ, φ = … − μτ).
        double Phi(double tau) => -(r * Statistics.PreciseMath.Log1p(tau / alpha)) - (x * Math.Log(alpha + tau))
            - (limit ? s * tau : (s * Statistics.PreciseMath.Log1p(tau / beta)) + Math.Log(beta + tau));
        double Slope(double tau) => ((r + x) / (alpha + tau)) + (limit ? s : (s + 1) / (beta + tau));
        double peak = Phi(tx), integral = 0;
        foreach (var (from, to) in Panels(tx, T, Slope))
        {
            double half = (to - from) / 2, mid = (to + from) / 2, sum = 0;
            for (int i = 0; i < Nodes.Length; i++)
            {
                sum += Weights[i] * Math.Exp(Phi(mid + (half * Nodes[i])) - peak);
            }

            integral += sum * half;
            if (Phi(to) - peak < -50)
            {
                break;
            }
        }

        return Math.Log(s) + peak + Math.Log(integral);
    }

    /// <summary>ℓ of one row.</summary>
    public static double Row(double r, double alpha, double s, double beta, long x, double tx, double T, bool limit = false)
    {
        double first = First(r, alpha, s, beta, x, T, limit), second = Second(r, alpha, s, beta, x, tx, T, double.NaN, limit);
        return GammaRatio.LogGammaRatio(r, x) + LogAddExp(first, second);
    }

    /// <summary>ln(e^u + e^v).</summary>
    public static double LogAddExp(double u, double v)
    {
        double top = Math.Max(u, v);
        return double.IsNegativeInfinity(top) ? top : top + Statistics.PreciseMath.Log1p(Math.Exp(-Math.Abs(u - v)));
    }

    /// <summary>ℓ of one row in <see cref="Dual2"/>, by the same branches and the same nodes as the value overload.</summary>
    public static Dual2 Row(Dual2 r, Dual2 alpha, Dual2 s, Dual2 beta, long x, double tx, double T, bool limit = false)
    {
        var first = -(r * Dual2.Log1P(T / alpha)) - (x * Dual2.Log(alpha + T)) - (limit ? s * T : s * Dual2.Log1P(T / beta));
        var lgr = Dual2.LogGammaRatio(r, x);
        if (tx >= T)
        {
            return lgr + first;
        }

        Dual2 second;
        if (!limit && UsesSeries(alpha.Value, beta.Value, tx))
        {
            var l1 = LogPart(r, alpha, s, beta, x, tx);
            var l2 = LogPart(r, alpha, s, beta, x, T);
            second = Dual2.Log(s) - Dual2.Log(r + s + x) + l1 + Dual2.Log(-Dual2.Expm1(l2 - l1));
        }
        else
        {
            Dual2 Phi(double tau) => -(r * Dual2.Log1P(tau / alpha)) - (x * Dual2.Log(alpha + tau))
                - (limit ? s * tau : (s * Dual2.Log1P(tau / beta)) + Dual2.Log(beta + tau));
            double Slope(double tau) => ((r.Value + x) / (alpha.Value + tau)) + (limit ? s.Value : (s.Value + 1) / (beta.Value + tau));
            var peak = Phi(tx);
            Dual2 integral = 0;
            foreach (var (from, to) in Panels(tx, T, Slope))
            {
                double half = (to - from) / 2, mid = (to + from) / 2;
                for (int i = 0; i < Nodes.Length; i++)
                {
                    integral += Weights[i] * half * Dual2.Exp(Phi(mid + (half * Nodes[i])) - peak);
                }

                if (Phi(to).Value - peak.Value < -50)
                {
                    break;
                }
            }

            second = Dual2.Log(s) + peak + Dual2.Log(integral);
        }

        return lgr + Dual2.LogAddExp(first, second);
    }

    private static Dual2 LogPart(Dual2 r, Dual2 alpha, Dual2 s, Dual2 beta, long x, double t)
    {
        var a = r + s + x;
        bool alphaLarger = alpha.Value >= beta.Value;
        var m = alphaLarger ? alpha : beta;
        var low = alphaLarger ? beta : alpha;
        var tilde = alphaLarger ? s + 1 : r + x;
        var z = (m - low) / (m + t);
        var logOneMinusZ = Dual2.Log((low + t) / (m + t));
        var power = alphaLarger
            ? -(r * Dual2.Log1P(t / alpha)) + (s * Dual2.Log(beta / (alpha + t))) - (x * Dual2.Log(alpha + t))
            : -(s * Dual2.Log1P(t / beta)) + (r * Dual2.Log(alpha / (beta + t))) - (x * Dual2.Log(beta + t));

        // ₂F₁(a, b; a+1; z) = (1−z)^{1−b} Σ_n Π_{j<n} z(a+1−b+j)/(a+1+j) (Hypergeometric.LogGaussAPlusOne).
        Dual2 sum = 1, term = 1;
        var c = a + 1 - tilde;
        if (z.Value > 0)
        {
            for (int n = 0; n < 10_000_000; n++)
            {
                term = term * z * (c + n) / (a + 1 + n);
                sum += term;
                if (term.Value <= 1e-17 * sum.Value)
                {
                    break;
                }
            }
        }

        return ((1 - tilde) * logOneMinusZ) + Dual2.Log(sum) + power;
    }

    /// <summary>
    /// Panels over [from, to] on which the log-integrand (decreasing, with slope −<paramref name="slope"/>(τ), itself
    /// decreasing in size) drops by at most 2: widths 2/slope at each panel's start, at most <see cref="MaxPanels"/>.
    /// </summary>
    private static IEnumerable<(double From, double To)> Panels(double from, double to, Func<double, double> slope)
    {
        double start = from;
        for (int panel = 0; panel < MaxPanels && start < to; panel++)
        {
            double width = panel == MaxPanels - 1 ? to - start : Math.Min(to - start, 2 / slope(start));
            double end = to - start - width <= 1e-12 * (to - from) ? to : start + width;
            yield return (start, end);
            start = end;
        }
    }
}

/// <summary>
/// Totals and exact Hessians of the Pareto/NBD likelihood (and of its boundary model) over compressed rows, and the boundary
/// check of a fit: when the search heads to s, β → ∞ with s/β fixed (gamma-distributed dropout rates whose spread vanishes), the
/// supremum is the limit model "NBD purchases with one exponential dropout rate μ = s/β for every customer" (lifetimes of all
/// customers Exponential(μ)), which is fitted in (r, α, μ) directly instead of following the ridge for minutes.
/// </summary>
internal static class ParetoNbdBoundary
{
    /// <summary>s above this counts as heading to the boundary (the dropout rates' coefficient of variation 1/√s below 1%).</summary>
    public const double Shape = 1e4;

    /// <summary>The s at which a boundary fit's model is built (predictions then equal the limit model's to about 1e−10).</summary>
    public const double ReportedShape = 1e10;

    /// <summary>The limiting model's name, as reports print it.</summary>
    public const string LimitName = "NBD purchases (gamma-mixed Poisson rates) with one exponential dropout rate μ = s/β for all customers (Pareto/NBD at s, β → ∞)";

    /// <summary>Σ count·ℓ at θ = (r, α, s, β), or (r, α, μ) for the limit.</summary>
    public static double Total(CompressedHistories data, ReadOnlySpan<double> theta, bool limit, ParallelWork work)
    {
        var formula = new RowFormula(theta[0], theta[1], theta[2], limit ? 0 : theta[3], limit);
        return HistoryBatch.WeightedSum(formula, data, work);
    }

    /// <summary>The exact Hessian of −Σ count·ℓ (row-major), by <see cref="Dual2"/>.</summary>
    public static double[] Hessian(CompressedHistories data, double[] theta, bool limit, ParallelWork work)
    {
        int k = theta.Length, n = data.RowCount;
        var v = DualHessian.Variables(theta);
        var parts = new Dual2[16];
        work.For(16, n >= 4096, chunk =>
        {
            Dual2 sum = 0;
            int from = (int)((long)n * chunk / 16), to = (int)((long)n * (chunk + 1) / 16);
            for (int i = from; i < to; i++)
            {
                var row = ParetoNbdLikelihood.Row(v[0], v[1], v[2], limit ? v[0] : v[3], data.Frequency[i], data.Recency[i], data.T[i], limit);
                sum += row * data.Counts[i];
            }

            parts[chunk] = sum;
        });
        Dual2 total = 0;
        foreach (var part in parts)
        {
            total += part;
        }

        return DualHessian.OfNegative(total, k);
    }

    /// <summary>−Σ count·ℓ with a central-difference gradient (relative step 2e−6) in θ.</summary>
    public static double Negative(CompressedHistories data, ReadOnlySpan<double> theta, Span<double> gradient, bool limit, ParallelWork work)
    {
        const double h = 2e-6;
        Span<double> shifted = stackalloc double[theta.Length];
        for (int k = 0; k < theta.Length; k++)
        {
            theta.CopyTo(shifted);
            shifted[k] = theta[k] * (1 + h);
            double up = Value(data, shifted, limit, work);
            shifted[k] = theta[k] * (1 - h);
            double down = Value(data, shifted, limit, work);
            gradient[k] = (up - down) / (2 * h * theta[k]);
        }

        return Value(data, theta, limit, work);
    }

    /// <summary>−Σ count·ℓ, +∞ outside the parameter space.</summary>
    public static double Value(CompressedHistories data, ReadOnlySpan<double> theta, bool limit, ParallelWork work)
    {
        foreach (double t in theta)
        {
            if (!(t > 0 && double.IsFinite(t)))
            {
                return double.PositiveInfinity;
            }
        }

        return -Total(data, theta, limit, work);
    }

    /// <summary>
    /// A Pareto/NBD fit whose s went past <see cref="Shape"/>: fits the limit model from (r, α, s/β) and, when its maximum is at
    /// least the Pareto/NBD fit's likelihood (the interior has nothing better), returns the boundary report; otherwise null.
    /// </summary>
    public static ClvFitReport? Check(ClvFitReport fit, CompressedHistories data, double scale, ClvFitOptions? options, ParallelWork work)
    {
        var e = fit.Estimates;
        if (!(e[2] > Shape))
        {
            return null;
        }

        ClvFitReport limit;
        try
        {
            limit = MaximumLikelihood.Fit("paretonbd", ["r", "alpha", "mu"],
                (theta, gradient) => Negative(data, theta, gradient, true, work),
                [Math.Log(e[0]), Math.Log(e[1]), Math.Log(e[2] / e[3])], [1.0, 1.0 / scale, scale], data.CustomerCount, data.RowCount, options,
                value: theta => Value(data, theta, true, work), exactHessian: theta => Hessian(data, theta, true, work), work: work);
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        if (!limit.Converged || !(limit.LogLikelihood >= fit.LogLikelihood - (1e-9 * Math.Abs(fit.LogLikelihood))))
        {
            return null;
        }

        var (r, alpha, mu) = (limit.Estimates[0], limit.Estimates[1], limit.Estimates[2]);
        double s = ReportedShape, beta = ReportedShape / mu;
        var covariance = new double[16];
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                covariance[(i * 4) + j] = i < 2 && j < 2 ? limit.Covariance(i, j) : i == j ? double.PositiveInfinity : 0;
            }
        }

        string note = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"converged at the boundary s, β → ∞ with s/β = μ = {mu:G6} (SE {Math.Sqrt(limit.Covariance(2, 2)):G3}): the limiting model is {LimitName}");
        return new ClvFitReport("paretonbd", ["r", "alpha", "s", "beta"], [r, alpha, s, beta], covariance, limit.LogLikelihood,
            fit.CustomerCount, fit.RowCount, fit.Iterations + limit.Iterations, limit.GradientNorm, true,
            $"{fit.Message}; then the boundary model in (r, alpha, mu): {limit.Message}; {note}. Reported s = {ReportedShape:G3} and beta = s/mu stand for the limit (their standard errors are infinite)",
            note);
    }

    private readonly struct RowFormula(double r, double alpha, double s, double beta, bool limit) : IHistoryFormula
    {
        public double Evaluate(long x, double tx, double T) => ParetoNbdLikelihood.Row(r, alpha, s, beta, x, tx, T, limit);
    }
}
