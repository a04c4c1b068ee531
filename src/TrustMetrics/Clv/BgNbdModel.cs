using MathNet.Numerics;
using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// BG/NBD predictions at fixed parameters (Fader, Hardie &amp; Lee 2005; formulas as lifetimes computes them, ltv-churn.md §3),
/// all in log space so frequencies in the thousands neither overflow nor return NaN. Immutable and thread-safe.
/// </summary>
public sealed class BgNbdModel : IPurchaseModel
{
    private readonly double r, alpha, a, b, logBetaAB;

    /// <summary>A model with the given parameters.</summary>
    /// <param name="parameters">r, α, a, b, all finite and &gt; 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null (every instance holds valid values).</exception>
    public BgNbdModel(BgNbdParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        (r, alpha, a, b) = parameters;
        logBetaAB = SpecialFunctions.BetaLn(a, b);
    }

    /// <summary>The parameters.</summary>
    public BgNbdParameters Parameters { get; }

    /// <summary>
    /// One customer's log-likelihood ℓ = ln[B(a,b+x)/B(a,b)·Γ(r+x)α^r/(Γ(r)(α+T)^{r+x}) + δ_{x&gt;0} B(a+1,b+x−1)/B(a,b)·Γ(r+x)α^r/(Γ(r)(α+t_x)^{r+x})]
    /// (FHL 2005 eq. 6), as a log-sum-exp.
    /// </summary>
    /// <param name="history">A valid history.</param>
    public double LogLikelihood(PurchaseHistory history)
    {
        CompressedHistories.Validate(history, 0, nameof(history));
        return BetaGeometricLikelihood.Row(r, alpha, a, b, 0, history.Frequency, history.Recency, history.T);
    }

    /// <summary>Total log-likelihood Σ count·ℓ over compressed histories.</summary>
    /// <param name="data">Compressed histories.</param>
    public double LogLikelihood(CompressedHistories data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Span<double> gradient = stackalloc double[4];
        return -BgNbdFitter.NegativeLogLikelihood(data, r, alpha, a, b, gradient);
    }

    /// <summary>
    /// P(alive | x, t_x, T) = 1 / (1 + δ_{x&gt;0} · a/(b+x−1) · ((α+T)/(α+t_x))^{r+x}) (Hardie note 021); exactly 1 when x = 0,
    /// a property of the model (nobody drops out before the first repeat purchase).
    /// </summary>
    /// <param name="history">A valid history.</param>
    public double ProbabilityAlive(PurchaseHistory history)
    {
        CompressedHistories.Validate(history, 0, nameof(history));
        return AliveUnchecked(history.Frequency, history.Recency, history.T);
    }

    /// <summary>P(alive) for many customers (see <see cref="ProbabilityAlive(PurchaseHistory)"/>); allocation-free.</summary>
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
    /// Expected purchases of a new customer in (0, t] (FHL eq. 9): (a+b−1)/(a−1)·[1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))],
    /// evaluated through Euler's transformation so that a = 1 is its limit, not a division by zero.
    /// </summary>
    /// <param name="t">Horizon ≥ 0 in the model's time unit.</param>
    public double ExpectedPurchases(double t)
    {
        CheckHorizon(t);
        return ConditionalUnchecked(t, 0, 0, 0);
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T], expected purchases in (T, T+t] (FHL eq. 10):
    /// (a+b+x−1)/(a−1)·[1 − ((α+T)/(α+T+t))^{r+x} ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] / (1 + δ_{x&gt;0} a/(b+x−1) ((α+T)/(α+t_x))^{r+x}).
    /// </summary>
    /// <param name="t">Horizon ≥ 0 in the model's time unit.</param>
    /// <param name="history">A valid history.</param>
    public double ConditionalExpectedPurchases(double t, PurchaseHistory history)
    {
        CheckHorizon(t);
        CompressedHistories.Validate(history, 0, nameof(history));
        return ConditionalUnchecked(t, history.Frequency, history.Recency, history.T);
    }

    /// <summary>E[Y(t) | x, t_x, T] for many customers (see <see cref="ConditionalExpectedPurchases(double, PurchaseHistory)"/>); allocation-free.</summary>
    /// <param name="t">Horizon ≥ 0 in the model's time unit.</param>
    /// <param name="histories">Valid histories.</param>
    /// <param name="destination">Receives one expectation per history.</param>
    /// <param name="cancellationToken">Cancels the batch (<see cref="OperationCanceledException"/>).</param>
    /// <param name="maxDegreeOfParallelism">Threads the batch may use: null = all cores (inputs over 16,384 histories are split), 1 = serial on the calling thread; ≥ 1.</param>
    /// <exception cref="ArgumentException">Lengths differ (the message names both) or <paramref name="maxDegreeOfParallelism"/> is below 1.</exception>
    public void ConditionalExpectedPurchases(double t, ReadOnlySpan<PurchaseHistory> histories, Span<double> destination, CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null)
    {
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        CheckHorizon(t);
        HistoryBatch.Evaluate(new ConditionalFormula(this, t), histories, destination, nameof(histories), work);
    }

    /// <summary>
    /// P(X(t) = n) for a new customer (FHL eq. 8): B(a,b+n)/B(a,b)·Γ(r+n)/(Γ(r) n!)·(α/(α+t))^r (t/(α+t))^n
    /// + δ_{n&gt;0} B(a+1,b+n−1)/B(a,b)·P(NBD(r, α/(α+t)) ≥ n), the tail as the regularised incomplete beta I_{t/(α+t)}(n, r).
    /// </summary>
    /// <param name="t">Horizon &gt; 0.</param>
    /// <param name="n">Number of purchases ≥ 0.</param>
    public double ProbabilityOfPurchases(double t, long n)
    {
        CheckHorizon(t);
        Guard.NonNegative(n);
        double q = t / (alpha + t);
        double first = SpecialFunctions.BetaLn(a, b + n) - logBetaAB + SpecialFunctions.GammaLn(r + n) - SpecialFunctions.GammaLn(r)
            - SpecialFunctions.GammaLn(n + 1.0) + (r * Math.Log(alpha / (alpha + t))) + (n == 0 ? 0 : n * Math.Log(q));
        double p = Math.Exp(first);
        if (n > 0 && t > 0)
        {
            p += Math.Exp(SpecialFunctions.BetaLn(a + 1, b + (n - 1)) - logBetaAB) * SpecialFunctions.BetaRegularized(n, r, q);
        }

        return p;
    }

    /// <summary>
    /// P(Y(t) = n | x, t_x, T), the number of purchases in (T, T+t] (Fader, Hardie &amp; Lee, "Deriving the conditional PMF of the
    /// BG/NBD model"): π·f(n; r+x, α+T, a, b+x, t) + (1 − π)·δ_{n0}, with π = P(alive | x, t_x, T) and f the new-customer PMF
    /// (FHL eq. 8, see <see cref="ProbabilityOfPurchases"/>) at the posterior parameters — a living customer restarts the process at T.
    /// Sums to 1 over n; its mean is <see cref="ConditionalExpectedPurchases(double, PurchaseHistory)"/>.
    /// </summary>
    /// <param name="t">Horizon ≥ 0.</param>
    /// <param name="n">Number of purchases ≥ 0.</param>
    /// <param name="history">A valid history.</param>
    public double ConditionalProbabilityOfPurchases(double t, long n, PurchaseHistory history)
    {
        CheckHorizon(t);
        Guard.NonNegative(n);
        CompressedHistories.Validate(history, 0, nameof(history));
        var (x, tx, T) = history;
        return BetaGeometricCount.Conditional(AliveUnchecked(x, tx, T), r + x, alpha + T, a, b + x, t, n);
    }

    internal double AliveUnchecked(long x, double tx, double T)
    {
        if (x == 0)
        {
            return 1.0;
        }

        // Two logarithms of ratios instead of four: ln(a/(b+x−1)) + (r+x) ln((α+T)/(α+t_x)).
        double log = Math.Log(a / (b + (x - 1))) + ((r + x) * Math.Log((alpha + T) / (alpha + tx)));
        return 1.0 / (1.0 + Math.Exp(log));
    }

    internal double ConditionalUnchecked(double t, long x, double tx, double T)
    {
        if (t == 0)
        {
            return 0.0;
        }

        double numerator = Numerator(t, x, T);
        return x == 0 ? numerator : numerator * AliveUnchecked(x, tx, T);
    }

    /// <summary>E[Y(t) | x, t_x, T] / P(alive): the part that depends on (x, T) only.</summary>
    private double Numerator(double t, long x, double T)
    {
        // The factor c = a + b + x − 1 stays inside the series: at c = 0 (x = 0, a + b = 1) the product has a finite limit.
        double c = a + b + x - 1;
        return Hypergeometric.ScaledTail(a + b - 1 - r, a - 1, c, t / (alpha + T + t), -Statistics.PreciseMath.Log1p(t / (alpha + T)), r + x, a, b + x);
    }

    internal static void CheckHorizon(double t, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(t))] string? name = null)
    {
        if (!(t >= 0 && double.IsFinite(t)))
        {
            throw new ArgumentOutOfRangeException(name, t, $"The horizon {name} must be a finite number ≥ 0; got {Guard.Format(t)}.");
        }
    }

    private readonly struct AliveFormula(BgNbdModel model) : IHistoryFormula
    {
        public double Evaluate(long x, double tx, double T) => model.AliveUnchecked(x, tx, T);
    }

    /// <summary>E[Y(t)] per customer with the (x, T) part cached (see <see cref="ExpectationCache"/>); one copy per chunk.</summary>
    private struct ConditionalFormula(BgNbdModel model, double t) : IHistoryFormula
    {
        private ExpectationCache? cache;

        public double Evaluate(long x, double tx, double T)
        {
            if (t == 0)
            {
                return 0.0;
            }

            cache ??= ExpectationCache.For(0, model.r, model.alpha, model.a, model.b, t);
            if (!cache.TryGet(x, T, out double numerator, out int slot))
            {
                numerator = model.Numerator(t, x, T);
                cache.Set(slot, x, T, numerator);
            }

            return x == 0 ? numerator : numerator * model.AliveUnchecked(x, tx, T);
        }
    }
}
