using MathNet.Numerics;
using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// Pareto/NBD likelihood and predictions at fixed parameters (Fader &amp; Hardie note 009; formulas as lifetimes computes them,
/// ltv-churn.md §5), in log space with an overflow-free ₂F₁. Immutable and thread-safe.
/// </summary>
public sealed class ParetoNbdModel : IPurchaseModel
{
    private readonly double r, alpha, s, beta;

    /// <summary>A model with the given parameters.</summary>
    /// <param name="parameters">r, α, s, β, all finite and &gt; 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null (every instance holds valid values).</exception>
    public ParetoNbdModel(ParetoNbdParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        (r, alpha, s, beta) = parameters;
    }

    /// <summary>The parameters.</summary>
    public ParetoNbdParameters Parameters { get; }

    /// <summary>
    /// ℓ = lnΓ(r+x) − lnΓ(r) + r ln α + s ln β + ln[(α+T)^{−(r+x)}(β+T)^{−s} + s/(r+s+x)·A₀] (note 009 eqs. 18–22), where
    /// A₀ = ₂F₁(r+s+x, t̃; r+s+x+1; d/(m+t_x))/(m+t_x)^{r+s+x} − ₂F₁(r+s+x, t̃; r+s+x+1; d/(m+T))/(m+T)^{r+s+x}, m = max(α, β),
    /// d = |α − β|, t̃ = s+1 if α ≥ β else r+x. A₀ = 0 when t_x = T.
    /// </summary>
    /// <param name="history">A valid history.</param>
    public double LogLikelihood(PurchaseHistory history)
    {
        CompressedHistories.Validate(history, 0, nameof(history));
        return LogL(history.Frequency, history.Recency, history.T);
    }

    /// <summary>Total log-likelihood Σ count·ℓ over compressed histories.</summary>
    /// <param name="data">Compressed histories.</param>
    public double LogLikelihood(CompressedHistories data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return LogLikelihood(data, default);
    }

    /// <summary>Σ count·ℓ under the caller's cancellation token and degree of parallelism.</summary>
    internal double LogLikelihood(CompressedHistories data, Statistics.ParallelWork work) =>
        HistoryBatch.WeightedSum(new LogLikelihoodFormula(this), data, work);

    /// <summary>
    /// P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) (α+T)^{r+x} (β+T)^s A₀) (note 009 eqs. 36–37); exactly 1 when t_x = T.
    /// </summary>
    /// <param name="history">A valid history.</param>
    public double ProbabilityAlive(PurchaseHistory history)
    {
        CompressedHistories.Validate(history, 0, nameof(history));
        return AliveUnchecked(history.Frequency, history.Recency, history.T);
    }

    /// <summary>P(alive) for many customers (see <see cref="ProbabilityAlive(PurchaseHistory)"/>); allocation-free per customer.</summary>
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

    /// <summary>E[X(t)] = rβ/(α(s−1)) · [1 − (β/(β+t))^{s−1}] (note 009 eq. 27); s = 1 is its limit (rβ/α) ln((β+t)/β).</summary>
    /// <param name="t">Horizon ≥ 0.</param>
    public double ExpectedPurchases(double t)
    {
        BgNbdModel.CheckHorizon(t);
        return r * beta / alpha * PowerTail(s - 1, -Statistics.PreciseMath.Log1p(t / beta));
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T] = P(alive) · (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^{s−1}] (note 009 eq. 41); s = 1 is its limit.
    /// </summary>
    /// <param name="t">Horizon ≥ 0.</param>
    /// <param name="history">A valid history.</param>
    public double ConditionalExpectedPurchases(double t, PurchaseHistory history)
    {
        BgNbdModel.CheckHorizon(t);
        CompressedHistories.Validate(history, 0, nameof(history));
        return ConditionalUnchecked(t, history.Frequency, history.Recency, history.T);
    }

    /// <summary>E[Y(t) | x, t_x, T] for many customers.</summary>
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
    /// P(X(t) = n) for a new customer: the conditional probability below at the empty history (x = 0, t_x = T = 0), where the
    /// likelihood is 1 and the customer is alive.
    /// </summary>
    /// <param name="t">Horizon ≥ 0.</param>
    /// <param name="n">Number of purchases ≥ 0.</param>
    public double ProbabilityOfPurchases(double t, long n) => ConditionalProbabilityOfPurchases(t, n, new PurchaseHistory(0, 0, 0));

    /// <summary>
    /// P(Y(t) = n | x, t_x, T), the probability of exactly n purchases in (T, T+t] (the quantity of Fader &amp; Hardie note 028;
    /// lifetimes' <c>conditional_probability_of_n_purchases_up_to_time</c>): δ_{n0}(1 − P(alive)) + (A_n + B_n)/L with
    /// A_n = tⁿ/n!·Γ(r+x+n)α^rβ^s/(Γ(r)(α+T+t)^{r+x+n}(β+T+t)^s) for customers alive throughout and
    /// B_n = s·Γ(r+x+n)α^rβ^s/(Γ(r)n!)·∫₀ᵗ τⁿ(α+T+τ)^{−(r+x+n)}(β+T+τ)^{−(s+1)}dτ for those who die in (T, T+t],
    /// the integral by adaptive Gauss–Kronrod quadrature. Sums to 1 over n.
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
        return ParetoNbdPurchaseCount.Probability(Parameters, LogL(x, tx, T), AliveUnchecked(x, tx, T), t, n, x, T);
    }

    /// <summary>ln A₀ (−∞ when t_x = T); internal, visible to the tests for lifetimes' overflow checks.</summary>
    internal double LogA0(long x, double tx, double T)
    {
        if (tx >= T)
        {
            return double.NegativeInfinity;
        }

        double l1 = LogPart(x, tx), l2 = LogPart(x, T);
        // A₀ = e^{l1} − e^{l2} with l1 > l2 (A₀ is an integral of a positive function over (t_x, T)).
        return l1 + Math.Log(-PreciseMath.Expm1(Math.Min(l2 - l1, 0)));
    }

    /// <summary>ln[₂F₁(r+s+x, t̃; r+s+x+1; d/(m+t)) / (m+t)^{r+s+x}], one of A₀'s two terms.</summary>
    private double LogPart(long x, double t)
    {
        double a = r + s + x;
        bool alphaLarger = alpha >= beta;
        double m = alphaLarger ? alpha : beta, low = alphaLarger ? beta : alpha, d = m - low;
        double tilde = alphaLarger ? s + 1 : r + x;
        double logM = Math.Log(m + t);
        double logOneMinusZ = Math.Log(low + t) - logM;
        return Hypergeometric.LogGaussAPlusOne(a, tilde, d / (m + t), logOneMinusZ) - (a * logM);
    }

    internal double LogL(long x, double tx, double T) => ParetoNbdLikelihood.Row(r, alpha, s, beta, x, tx, T);

    internal double AliveUnchecked(long x, double tx, double T) =>
        1.0 / (1.0 + Math.Exp(ParetoNbdLikelihood.Second(r, alpha, s, beta, x, tx, T) - ParetoNbdLikelihood.First(r, alpha, s, beta, x, T)));

    internal double ConditionalUnchecked(double t, long x, double tx, double T) =>
        AliveUnchecked(x, tx, T) * (r + x) * (beta + T) / (alpha + T) * PowerTail(s - 1, -Statistics.PreciseMath.Log1p(t / (beta + T)));

    /// <summary>[1 − e^{εL}]/ε = −expm1(εL)/ε, and −L at ε = 0.</summary>
    private static double PowerTail(double epsilon, double logRatio) =>
        epsilon == 0 ? -logRatio : -PreciseMath.Expm1(epsilon * logRatio) / epsilon;

    private readonly struct AliveFormula(ParetoNbdModel model) : IHistoryFormula
    {
        public double Evaluate(long x, double tx, double T) => model.AliveUnchecked(x, tx, T);
    }

    /// <summary>
    /// ℓ row by row (<see cref="ParetoNbdLikelihood"/>), with the parts that do not depend on t_x cached: rows come sorted by
    /// (x, T, t_x), so lnΓ(r+x) − lnΓ(r) changes only with x, and F and the ₂F₁ term at T only with (x, T) — one series per row
    /// instead of two. Mutable: each chunk of the batch sum works on its own copy.
    /// </summary>
    private struct LogLikelihoodFormula(ParetoNbdModel model) : IHistoryFormula
    {
        private long lastX = -1;
        private double lastT = double.NaN, xTerms, first, logPartT;

        public double Evaluate(long x, double tx, double T)
        {
            var m = model;
            if (x != lastX)
            {
                lastX = x;
                lastT = double.NaN;
                xTerms = GammaRatio.LogGammaRatio(m.r, x);
            }

            if (T != lastT)
            {
                lastT = T;
                first = ParetoNbdLikelihood.First(m.r, m.alpha, m.s, m.beta, x, T);
                logPartT = double.NaN;
            }

            if (tx >= T)
            {
                return xTerms + first;
            }

            if (double.IsNaN(logPartT) && ParetoNbdLikelihood.UsesSeries(m.alpha, m.beta, tx))
            {
                logPartT = ParetoNbdLikelihood.LogPart(m.r, m.alpha, m.s, m.beta, x, T);
            }

            return xTerms + ParetoNbdLikelihood.LogAddExp(first, ParetoNbdLikelihood.Second(m.r, m.alpha, m.s, m.beta, x, tx, T, logPartT));
        }
    }

    private readonly struct ConditionalFormula(ParetoNbdModel model, double t) : IHistoryFormula
    {
        public double Evaluate(long x, double tx, double T) => model.ConditionalUnchecked(t, x, tx, T);
    }
}
