using MathNet.Numerics;
using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// MBG/NBD predictions at fixed parameters (Batislam, Denizel &amp; Filiztekin 2007; Wagner &amp; Hoppe 2008; formulas as lifetimes
/// computes them, ltv-churn.md §4): BG/NBD where the customer may also drop out at time 0, so P(alive) &lt; 1 even for x = 0.
/// Parameters as <see cref="BgNbdParameters"/>. Immutable and thread-safe.
/// </summary>
public sealed class MbgNbdModel : IPurchaseModel
{
    private readonly double r, alpha, a, b, logBetaAB;

    /// <summary>A model with the given parameters.</summary>
    /// <param name="parameters">r, α, a, b, all finite and &gt; 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null (every instance holds valid values).</exception>
    public MbgNbdModel(BgNbdParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        (r, alpha, a, b) = parameters;
        logBetaAB = SpecialFunctions.BetaLn(a, b);
    }

    /// <summary>The parameters.</summary>
    public BgNbdParameters Parameters { get; }

    /// <summary>
    /// One customer's log-likelihood ℓ = ln[Γ(r+x)α^r/Γ(r) · B(a,b+x+1)/B(a,b) · ((α+T)^{−(r+x)} + a/(b+x) (α+t_x)^{−(r+x)})].
    /// </summary>
    /// <param name="history">A valid history.</param>
    public double LogLikelihood(PurchaseHistory history)
    {
        CompressedHistories.Validate(history, 0, nameof(history));
        return BetaGeometricLikelihood.Row(r, alpha, a, b, 1, history.Frequency, history.Recency, history.T);
    }

    /// <summary>Total log-likelihood Σ count·ℓ over compressed histories.</summary>
    /// <param name="data">Compressed histories.</param>
    public double LogLikelihood(CompressedHistories data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Span<double> gradient = stackalloc double[4];
        return -BetaGeometricLikelihood.Negative(data, r, alpha, a, b, 1, gradient);
    }

    /// <summary>P(alive | x, t_x, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^{r+x}), also for x = 0.</summary>
    /// <param name="history">A valid history.</param>
    public double ProbabilityAlive(PurchaseHistory history)
    {
        CompressedHistories.Validate(history, 0, nameof(history));
        return AliveUnchecked(history.Frequency, history.Recency, history.T);
    }

    /// <summary>P(alive) for many customers; allocation-free.</summary>
    /// <param name="histories">Valid histories.</param>
    /// <param name="destination">Receives one probability per history.</param>
    /// <param name="cancellationToken">Cancels the batch (<see cref="OperationCanceledException"/>).</param>
    /// <param name="maxDegreeOfParallelism">Threads the batch may use: null = all cores (inputs over 16,384 histories are split), 1 = serial on the calling thread; ≥ 1.</param>
    /// <exception cref="ArgumentException">Lengths differ (the message names both) or <paramref name="maxDegreeOfParallelism"/> is below 1.</exception>
    public void ProbabilityAlive(ReadOnlySpan<PurchaseHistory> histories, Span<double> destination, CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null)
    {
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        HistoryBatch.Evaluate(new AliveFormula(this), histories, destination, nameof(histories), work);
    }

    /// <summary>
    /// E[X(t)] = b/(a−1) · [1 − ₂F₁(r, b+1; a+b; t/(α+t)) (α/(α+t))^r], through Euler's transformation (a = 1 is the limit).
    /// </summary>
    /// <param name="t">Horizon ≥ 0.</param>
    public double ExpectedPurchases(double t)
    {
        BgNbdModel.CheckHorizon(t);
        return t == 0 ? 0.0 : b * Hypergeometric.Tail(a + b - r, a - 1, a + b, t / (alpha + t), -Statistics.PreciseMath.Log1p(t / alpha), r, a, b + 1);
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T] = (a+b+x)/(a−1) · [1 − ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t)) ((α+T)/(α+T+t))^{r+x}] · P(alive).
    /// </summary>
    /// <param name="t">Horizon ≥ 0.</param>
    /// <param name="history">A valid history.</param>
    public double ConditionalExpectedPurchases(double t, PurchaseHistory history)
    {
        BgNbdModel.CheckHorizon(t);
        CompressedHistories.Validate(history, 0, nameof(history));
        return ConditionalUnchecked(t, history.Frequency, history.Recency, history.T);
    }

    /// <summary>E[Y(t) | x, t_x, T] for many customers; allocation-free.</summary>
    /// <param name="t">Horizon ≥ 0.</param>
    /// <param name="histories">Valid histories.</param>
    /// <param name="destination">Receives one expectation per history.</param>
    /// <param name="cancellationToken">Cancels the batch (<see cref="OperationCanceledException"/>).</param>
    /// <param name="maxDegreeOfParallelism">Threads the batch may use: null = all cores (inputs over 16,384 histories are split), 1 = serial on the calling thread; ≥ 1.</param>
    /// <exception cref="ArgumentException">Lengths differ (the message names both) or <paramref name="maxDegreeOfParallelism"/> is below 1.</exception>
    public void ConditionalExpectedPurchases(double t, ReadOnlySpan<PurchaseHistory> histories, Span<double> destination, CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null)
    {
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        BgNbdModel.CheckHorizon(t);
        HistoryBatch.Evaluate(new ConditionalFormula(this, t), histories, destination, nameof(histories), work);
    }

    /// <summary>
    /// P(X(t) = n) = B(a,b+n+1)/B(a,b) Γ(r+n)/(Γ(r) n!) (α/(α+t))^r (t/(α+t))^n + B(a+1,b+n)/B(a,b) · P(NBD ≥ n), the tail being
    /// I_{t/(α+t)}(n, r) for n &gt; 0 and 1 for n = 0.
    /// </summary>
    /// <param name="t">Horizon ≥ 0.</param>
    /// <param name="n">Number of purchases ≥ 0.</param>
    public double ProbabilityOfPurchases(double t, long n)
    {
        BgNbdModel.CheckHorizon(t);
        Guard.NonNegative(n);
        double q = t / (alpha + t);
        double first = SpecialFunctions.BetaLn(a, b + n + 1) - logBetaAB + SpecialFunctions.GammaLn(r + n) - SpecialFunctions.GammaLn(r)
            - SpecialFunctions.GammaLn(n + 1.0) + (r * Math.Log(alpha / (alpha + t))) + (n == 0 ? 0 : n * Math.Log(q));
        double tail = n == 0 ? 1.0 : t == 0 ? 0.0 : SpecialFunctions.BetaRegularized(n, r, q);
        return Math.Exp(first) + (Math.Exp(SpecialFunctions.BetaLn(a + 1, b + n) - logBetaAB) * tail);
    }

    /// <summary>
    /// P(Y(t) = n | x, t_x, T), the number of purchases in (T, T+t] (Fader, Hardie &amp; Lee, "Deriving the conditional PMF of the
    /// BG/NBD model", with MBG/NBD's extra coin flip at time 0): π·f(n; r+x, α+T, a, b+x+1, t) + (1 − π)·δ_{n0}, with π = P(alive | x, t_x, T) and f the new-customer PMF
    /// (BG/NBD's FHL eq. 8) at the posterior parameters — a living customer restarts the process at T.
    /// Sums to 1 over n; its mean is <see cref="ConditionalExpectedPurchases(double, PurchaseHistory)"/>.
    /// </summary>
    /// <param name="t">Horizon ≥ 0.</param>
    /// <param name="n">Number of purchases ≥ 0.</param>
    /// <param name="history">A valid history.</param>
    public double ConditionalProbabilityOfPurchases(double t, long n, PurchaseHistory history)
    {
        BgNbdModel.CheckHorizon(t);
        Guard.NonNegative(n);
        CompressedHistories.Validate(history, 0, nameof(history));
        var (x, tx, T) = history;
        return BetaGeometricCount.Conditional(AliveUnchecked(x, tx, T), r + x, alpha + T, a, b + x + 1, t, n);
    }

    internal double AliveUnchecked(long x, double tx, double T)
    {
        double log = Math.Log(a / (b + x)) + ((r + x) * Math.Log((alpha + T) / (alpha + tx)));
        return 1.0 / (1.0 + Math.Exp(log));
    }

    internal double ConditionalUnchecked(double t, long x, double tx, double T)
    {
        if (t == 0)
        {
            return 0.0;
        }

        return Numerator(t, x, T) * AliveUnchecked(x, tx, T);
    }

    /// <summary>E[Y(t) | x, t_x, T] / P(alive): the part that depends on (x, T) only.</summary>
    private double Numerator(double t, long x, double T)
    {
        double c = a + b + x;
        return Hypergeometric.ScaledTail(a + b - r, a - 1, c, t / (alpha + T + t), -Statistics.PreciseMath.Log1p(t / (alpha + T)), r + x, a, b + x + 1);
    }

    private readonly struct AliveFormula(MbgNbdModel model) : IHistoryFormula
    {
        public double Evaluate(long x, double tx, double T) => model.AliveUnchecked(x, tx, T);
    }

    /// <summary>E[Y(t)] per customer with the (x, T) part cached (see <see cref="ExpectationCache"/>); one copy per chunk.</summary>
    private struct ConditionalFormula(MbgNbdModel model, double t) : IHistoryFormula
    {
        private ExpectationCache? cache;

        public double Evaluate(long x, double tx, double T)
        {
            if (t == 0)
            {
                return 0.0;
            }

            cache ??= ExpectationCache.For(1, model.r, model.alpha, model.a, model.b, t);
            if (!cache.TryGet(x, T, out double numerator, out int slot))
            {
                numerator = model.Numerator(t, x, T);
                cache.Set(slot, x, T, numerator);
            }

            return numerator * model.AliveUnchecked(x, tx, T);
        }
    }
}
