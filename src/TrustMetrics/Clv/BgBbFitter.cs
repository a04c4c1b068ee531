using MathNet.Numerics;
using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// The standard BG/BB <see cref="IClvFitter{TData, TModel}"/>. Histories are (x transactions, t_x = opportunity of the last one,
/// n = opportunities) given as <see cref="PurchaseHistory"/>(x, t_x, n) with whole numbers x ≤ t_x ≤ n (x = 0 ⇔ t_x = 0); another
/// row is refused with an <see cref="ArgumentException"/> naming it. The fit: analytic gradient of the log-sum-exp likelihood, BFGS on log(α, β, γ, δ) from lifetimes'
/// start (0.1), Newton polish, observed-information standard errors. No time scaling. Stateless and thread-safe.
/// </summary>
public sealed class BgBbFitter : IClvFitter<CompressedHistories, BgBbModel>
{
    private static readonly string[] Names = ["alpha", "beta", "gamma", "delta"];

    /// <inheritdoc/>
    /// <remarks>The BG/BB likelihood is summed serially; <paramref name="maxDegreeOfParallelism"/> is checked and otherwise has no effect.</remarks>
    public ClvFit<BgBbModel> Fit(CompressedHistories data, ClvFitOptions? options = null, CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        var o = options ?? ClvFitOptions.Default;
        for (int i = 0; i < data.RowCount; i++)
        {
            BgBbModel.Discrete(new PurchaseHistory(data.Frequency[i], data.Recency[i], data.T[i]), i, nameof(data));
        }

        var report = MaximumLikelihood.Fit("bgbb", Names,
            (theta, gradient) => NegativeLogLikelihood(data, theta[0], theta[1], theta[2], theta[3], gradient),
            [0.1, 0.1, 0.1, 0.1], [1.0, 1.0, 1.0, 1.0], data.CustomerCount, data.RowCount, o,
            exactHessian: theta => Hessian(data, theta[0], theta[1], theta[2], theta[3]), work: work);
        var e = report.Estimates;
        return new ClvFit<BgBbModel>(new BgBbModel(new BgBbParameters(e[0], e[1], e[2], e[3])), report, o.ConfidenceLevel);
    }

    /// <summary>−Σ count·ℓ and its gradient with respect to (α, β, γ, δ).</summary>
    internal static double NegativeLogLikelihood(CompressedHistories data, double alpha, double beta, double gamma, double delta, Span<double> gradient)
    {
        double logBetaAB = SpecialFunctions.BetaLn(alpha, beta), logBetaGD = SpecialFunctions.BetaLn(gamma, delta);
        Span<double> g = stackalloc double[4];
        Span<double> total = stackalloc double[4];
        total.Clear();
        double ll = 0;
        for (int i = 0; i < data.RowCount; i++)
        {
            double w = data.Counts[i];
            ll += w * RowLogLikelihood(alpha, beta, gamma, delta, logBetaAB, logBetaGD, data.Frequency[i], (long)data.Recency[i], (long)data.T[i], g);
            for (int k = 0; k < 4; k++)
            {
                total[k] += w * g[k];
            }
        }

        for (int k = 0; k < 4; k++)
        {
            gradient[k] = -total[k];
        }

        return -ll;
    }

    /// <summary>ℓ of one (x, t_x, n) as a log-sum-exp of its n − t_x + 1 terms; writes ∂ℓ/∂(α, β, γ, δ) when <paramref name="gradient"/> is not empty.</summary>
    internal static double RowLogLikelihood(double alpha, double beta, double gamma, double delta, double logBetaAB, double logBetaGD,
        long x, long tx, long n, Span<double> gradient)
    {
        // Term j = 0: B(α+x, β+n−x) B(γ, δ+n); terms j = 1..n−t_x: i = j−1, B(α+x, β+t_x−x+i) B(γ+1, δ+t_x+i).
        long terms = n - tx + 1;
        double max = double.NegativeInfinity;
        for (long j = 0; j < terms; j++)
        {
            max = Math.Max(max, LogTerm(j));
        }

        double sum = 0;
        for (long j = 0; j < terms; j++)
        {
            sum += Math.Exp(LogTerm(j) - max);
        }

        double logL = max + Math.Log(sum);
        if (gradient.IsEmpty)
        {
            return logL;
        }

        double psiA = SpecialFunctions.DiGamma(alpha), psiB = SpecialFunctions.DiGamma(beta), psiAB = SpecialFunctions.DiGamma(alpha + beta);
        double psiG = SpecialFunctions.DiGamma(gamma), psiD = SpecialFunctions.DiGamma(delta), psiGD = SpecialFunctions.DiGamma(gamma + delta);
        double psiAX = SpecialFunctions.DiGamma(alpha + x);
        double ga = 0, gb = 0, gg = 0, gd = 0;
        for (long j = 0; j < terms; j++)
        {
            double weight = Math.Exp(LogTerm(j) - logL);
            double betaArg = j == 0 ? beta + n - x : beta + tx - x + (j - 1);
            double psiABTotal = SpecialFunctions.DiGamma(alpha + x + betaArg);
            ga += weight * (psiAX - psiABTotal);
            gb += weight * (SpecialFunctions.DiGamma(betaArg) - psiABTotal);
            double gammaArg = j == 0 ? gamma : gamma + 1;
            double deltaArg = j == 0 ? delta + n : delta + tx + (j - 1);
            double psiGDTotal = SpecialFunctions.DiGamma(gammaArg + deltaArg);
            gg += weight * (SpecialFunctions.DiGamma(gammaArg) - psiGDTotal);
            gd += weight * (SpecialFunctions.DiGamma(deltaArg) - psiGDTotal);
        }

        gradient[0] = ga - (psiA - psiAB);
        gradient[1] = gb - (psiB - psiAB);
        gradient[2] = gg - (psiG - psiGD);
        gradient[3] = gd - (psiD - psiGD);
        return logL;

        // ln B(α+x, β+k)/B(α,β) and ln B(γ, δ+n)/B(γ,δ), ln B(γ+1, δ+k)/B(γ,δ) = ln γ + LGR(δ, k) − LGR(γ+δ, k+1) as log-gamma
        // differences: exact to rounding also when the parameters are in the millions (logBetaAB and logBetaGD are not needed).
        double LogTerm(long j) => j == 0
            ? GammaRatio.LogBetaRatio(alpha, beta, x, n - x) + GammaRatio.LogBetaRatio(gamma, delta, 0, n)
            : GammaRatio.LogBetaRatio(alpha, beta, x, tx - x + (j - 1)) + Math.Log(gamma) + GammaRatio.LogGammaRatio(delta, tx + (j - 1)) - GammaRatio.LogGammaRatio(gamma + delta, tx + j);
    }

    /// <summary>The exact Hessian of −Σ count·ℓ in (α, β, γ, δ) by <see cref="Dual2"/> automatic differentiation (row-major 4 × 4).</summary>
    internal static double[] Hessian(CompressedHistories data, double alpha, double beta, double gamma, double delta)
    {
        var v = DualHessian.Variables([alpha, beta, gamma, delta]);
        var (a, b, g, d) = (v[0], v[1], v[2], v[3]);
        var logBetaAB = LogBeta(a, b);
        var logBetaGD = LogBeta(g, d);
        Dual2 ll = 0;
        for (int i = 0; i < data.RowCount; i++)
        {
            long x = data.Frequency[i], tx = (long)data.Recency[i], n = (long)data.T[i];
            var row = LogBeta(a + x, b + (n - x)) + LogBeta(g, d + n);
            for (long k = 0; k < n - tx; k++)
            {
                row = Dual2.LogAddExp(row, LogBeta(a + x, b + (tx - x + k)) + LogBeta(g + 1, d + (tx + k)));
            }

            ll += (row - logBetaAB - logBetaGD) * data.Counts[i];
        }

        return DualHessian.OfNegative(ll, 4);

        static Dual2 LogBeta(Dual2 p, Dual2 q) => Dual2.LogGamma(p) + Dual2.LogGamma(q) - Dual2.LogGamma(p + q);
    }
}
