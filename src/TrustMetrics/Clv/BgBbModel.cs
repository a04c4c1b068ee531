using MathNet.Numerics;
using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// BG/BB likelihood and predictions at fixed parameters (Fader, Hardie &amp; Shang 2010; formulas as lifetimes/BTYD compute them,
/// ltv-churn.md §6), in log space. Histories are (x, t_x, n) with whole numbers. Immutable and thread-safe.
/// </summary>
public sealed class BgBbModel
{
    private readonly double alpha, beta, gamma, delta, logBetaAB, logBetaGD;

    /// <summary>A model with the given parameters.</summary>
    /// <param name="parameters">α, β, γ, δ, all finite and &gt; 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null (every instance holds valid values).</exception>
    public BgBbModel(BgBbParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        (alpha, beta, gamma, delta) = parameters;
        logBetaAB = SpecialFunctions.BetaLn(alpha, beta);
        logBetaGD = SpecialFunctions.BetaLn(gamma, delta);
    }

    /// <summary>The parameters.</summary>
    public BgBbParameters Parameters { get; }

    /// <summary>
    /// ℓ = ln[B(α+x, β+n−x)/B(α,β)·B(γ, δ+n)/B(γ,δ) + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β)·B(γ+1, δ+t_x+i)/B(γ,δ)]
    /// (FHS 2010 eq. 5, without lifetimes' 1e−15 floor; binomial constants omitted as in lifetimes and BTYD).
    /// </summary>
    /// <param name="history">(x, t_x, n) with whole numbers, x ≤ t_x ≤ n.</param>
    public double LogLikelihood(PurchaseHistory history)
    {
        var (x, tx, n) = Discrete(history, 0, nameof(history));
        return LogL(x, tx, n);
    }

    /// <summary>Total log-likelihood Σ count·ℓ.</summary>
    /// <param name="data">Compressed discrete histories.</param>
    public double LogLikelihood(CompressedHistories data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Span<double> gradient = stackalloc double[4];
        return -BgBbFitter.NegativeLogLikelihood(data, alpha, beta, gamma, delta, gradient);
    }

    /// <summary>P(alive at opportunity n + m | x, t_x, n) = B(α+x, β+n−x)/B(α,β)·B(γ, δ+n+m)/B(γ,δ) / L (FHS A10).</summary>
    /// <param name="history">(x, t_x, n).</param>
    /// <param name="m">Opportunities ahead ≥ 0 (1 = "alive at the next opportunity", as Hardie's Table 6).</param>
    public double ProbabilityAlive(PurchaseHistory history, long m = 1)
    {
        var (x, tx, n) = Discrete(history, 0, nameof(history));
        Guard.NonNegative(m);
        return Math.Exp(SpecialFunctions.BetaLn(alpha + x, beta + n - x) - logBetaAB + SpecialFunctions.BetaLn(gamma, delta + n + m) - logBetaGD - LogL(x, tx, n));
    }

    /// <summary>
    /// E[X(n, n+n*) | x, t_x, n] = B(α+x+1, β+n−x)/B(α,β) · δ/(γ−1) · Γ(γ+δ)/Γ(1+δ) · [Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+n*)/Γ(γ+δ+n+n*)] / L
    /// (FHS eq. 13): expected transactions in the next n* opportunities.
    /// </summary>
    /// <param name="futureOpportunities">n* ≥ 0.</param>
    /// <param name="history">(x, t_x, n).</param>
    public double ConditionalExpectedPurchases(long futureOpportunities, PurchaseHistory history)
    {
        var (x, tx, n) = Discrete(history, 0, nameof(history));
        Guard.NonNegative(futureOpportunities);
        double logFirst = SpecialFunctions.BetaLn(alpha + x + 1, beta + n - x) - logBetaAB - LogL(x, tx, n);
        return Math.Exp(logFirst) * DropoutWeightedSum(n, futureOpportunities);
    }

    /// <summary>E[X(n)] for a new customer = α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ)Γ(1+δ+n)/(Γ(γ+δ+n)Γ(1+δ))] (BTYD <c>bgbb.Expectation</c>).</summary>
    /// <param name="opportunities">n ≥ 0.</param>
    public double ExpectedPurchases(long opportunities)
    {
        Guard.NonNegative(opportunities);
        return alpha / (alpha + beta) * DropoutWeightedSum(0, opportunities);
    }

    /// <summary>
    /// P(X(n) = x) for a new customer (FHS eq. 7): C(n,x) B(α+x, β+n−x)/B(α,β) B(γ, δ+n)/B(γ,δ)
    /// + Σ_{i=x}^{n−1} C(i,x) B(α+x, β+i−x)/B(α,β) B(γ+1, δ+i)/B(γ,δ).
    /// </summary>
    /// <param name="opportunities">n ≥ 0.</param>
    /// <param name="x">Number of transactions 0 ≤ x ≤ n.</param>
    public double ProbabilityOfPurchases(long opportunities, long x)
    {
        Guard.NonNegative(opportunities);
        Guard.NonNegative(x);
        if (x > opportunities)
        {
            return 0.0;
        }

        double n = opportunities;
        double p = Math.Exp(SpecialFunctions.BinomialLn((int)opportunities, (int)x) + SpecialFunctions.BetaLn(alpha + x, beta + n - x) - logBetaAB
            + SpecialFunctions.BetaLn(gamma, delta + n) - logBetaGD);
        for (long i = x; i < opportunities; i++)
        {
            p += Math.Exp(SpecialFunctions.BinomialLn((int)i, (int)x) + SpecialFunctions.BetaLn(alpha + x, beta + i - x) - logBetaAB
                + SpecialFunctions.BetaLn(gamma + 1, delta + i) - logBetaGD);
        }

        return p;
    }

    /// <summary>Checks a discrete history (whole numbers, x ≤ t_x ≤ n, t_x = 0 ⇔ x = 0) and returns it as (x, t_x, n).</summary>
    internal static (long X, long Tx, long N) Discrete(PurchaseHistory h, long index, string paramName)
    {
        CompressedHistories.Validate(h, index, paramName);
        bool whole = h.Recency == Math.Floor(h.Recency) && h.T == Math.Floor(h.T) && h.T <= int.MaxValue;
        if (!whole || h.Recency < h.Frequency || (h.Frequency > 0 && h.Recency == 0))
        {
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{paramName}[{index}] = (x {h.Frequency}, t_x {h.Recency:R}, n {h.T:R}): BG/BB needs whole numbers with x ≤ t_x ≤ n and t_x > 0 when x > 0."), paramName);
        }

        return (h.Frequency, (long)h.Recency, (long)h.T);
    }

    internal double LogL(long x, long tx, long n) => BgBbFitter.RowLogLikelihood(alpha, beta, gamma, delta, logBetaAB, logBetaGD, x, tx, n, default);

    /// <summary>δ/(γ−1) · Γ(γ+δ)/Γ(1+δ) · [Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+k)/Γ(γ+δ+n+k)]; within 1e−7 of γ = 1 the mean of γ = 1 ± 1e−6 (the limit exists).</summary>
    private double DropoutWeightedSum(double n, double k)
    {
        if (k == 0)
        {
            return 0.0;
        }

        if (Math.Abs(gamma - 1) < 1e-7)
        {
            return (Sum(1 + 1e-6) + Sum(1 - 1e-6)) / 2;
        }

        return Sum(gamma);

        double Sum(double g)
        {
            double common = Math.Log(delta) - SpecialFunctions.GammaLn(1 + delta) + SpecialFunctions.GammaLn(g + delta);
            double first = SpecialFunctions.GammaLn(1 + delta + n) - SpecialFunctions.GammaLn(g + delta + n);
            double second = SpecialFunctions.GammaLn(1 + delta + n + k) - SpecialFunctions.GammaLn(g + delta + n + k);
            // (e^{first} − e^{second})/(g − 1) = e^{first}·(−expm1(second − first))/(g − 1), without cancellation.
            return Math.Exp(common + first) * -PreciseMath.Expm1(second - first) / (g - 1);
        }
    }
}
