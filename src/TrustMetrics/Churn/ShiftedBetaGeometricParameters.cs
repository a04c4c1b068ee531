using MathNet.Numerics;

namespace TrustMetrics.Churn;

/// <summary>
/// The shifted-beta-geometric (sBG) retention model of Fader &amp; Hardie (2007, "How to project customer retention", Journal of
/// Interactive Marketing 21(1)) at given parameters: each customer churns at the end of every period with a constant
/// probability θ, and θ ~ Beta(α, β) across customers. T ∈ {1, 2, …} is the period at whose end a customer churns, so
/// S(t) = P(T &gt; t) = B(α, β + t)/B(α, β), P(T = t) = B(α + 1, β + t − 1)/B(α, β), and the retention rate
/// r_t = S(t)/S(t − 1) = (β + t − 1)/(α + β + t − 1) rises with t (heterogeneity: the churn-prone leave first, no one changes).
/// Beta functions use MathNet <see cref="SpecialFunctions.BetaLn"/>. Immutable and thread-safe.
/// </summary>
public sealed class ShiftedBetaGeometricParameters : IEquatable<ShiftedBetaGeometricParameters>
{
    /// <summary>Smallest discount rate accepted: the discounted sums cost about 37/d terms.</summary>
    public const double MinimumDiscountRate = 1e-6;

    /// <summary>Parameters α, β of the Beta distribution of the per-period churn probability.</summary>
    /// <param name="alpha">α &gt; 0, finite.</param>
    /// <param name="beta">β &gt; 0, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite positive number.</exception>
    public ShiftedBetaGeometricParameters(double alpha, double beta)
    {
        Guard.Positive(alpha);
        Guard.Positive(beta);
        Alpha = alpha;
        Beta = beta;
    }

    /// <summary>α: with β, the Beta distribution of churn probabilities; its mean is α/(α + β).</summary>
    public double Alpha { get; }

    /// <summary>β.</summary>
    public double Beta { get; }

    /// <summary>E[θ] = α/(α + β): the churn probability of the first period, P(T = 1).</summary>
    public double MeanChurnProbability => Alpha / (Alpha + Beta);

    /// <summary>
    /// E[T] = (α + β − 1)/(α − 1) periods when α &gt; 1 (the mean of 1/θ under Beta(α, β)); <see cref="double.PositiveInfinity"/>
    /// when α ≤ 1, where the survival tail S(t) ~ t^(−α) decays too slowly for a finite mean. Fitted cohorts often have α &lt; 1
    /// (both of Fader &amp; Hardie's do): use the median <see cref="LifetimeQuantile"/>(0.5) or <see cref="DiscountedExpectedLifetime"/> instead.
    /// </summary>
    public double ExpectedLifetime => Alpha > 1 ? (Alpha + Beta - 1) / (Alpha - 1) : double.PositiveInfinity;

    /// <summary>The median lifetime <c>LifetimeQuantile(0.5)</c>: the smallest whole number of periods t with S(t) ≤ 1/2.</summary>
    internal double MedianLifetime => LifetimeQuantile(0.5);

    /// <summary>S(t) = B(α, β + t)/B(α, β): the share of a new cohort still active after t periods (S(0) = 1).</summary>
    /// <param name="t">Periods, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative.</exception>
    public double Survival(int t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        return t == 0 ? 1.0 : Math.Exp(LogSurvival(t));
    }

    /// <summary>r_t = (β + t − 1)/(α + β + t − 1): the share of customers active at the start of period t who renew at its end.</summary>
    /// <param name="t">Period, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is below 1.</exception>
    public double RetentionRate(int t)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);
        return (Beta + t - 1) / (Alpha + Beta + t - 1);
    }

    /// <summary>P(T = t) = B(α + 1, β + t − 1)/B(α, β): the probability that a new customer churns at the end of period t.</summary>
    /// <param name="t">Period, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is below 1.</exception>
    public double ChurnProbability(int t)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);
        return Math.Exp(SpecialFunctions.BetaLn(Alpha + 1, Beta + t - 1) - SpecialFunctions.BetaLn(Alpha, Beta));
    }

    /// <summary>S(t), r_t and P(T = t) for t = 1..<paramref name="periods"/>.</summary>
    /// <param name="periods">Horizon, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is negative.</exception>
    public IReadOnlyList<RetentionProjection> Project(int periods)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        var result = new RetentionProjection[periods];
        for (int t = 1; t <= periods; t++)
        {
            result[t - 1] = new RetentionProjection(t, Survival(t), RetentionRate(t), ChurnProbability(t));
        }

        return result;
    }

    /// <summary>
    /// The p-quantile of the lifetime T: the smallest whole number of periods t ≥ 1 with P(T ≤ t) ≥ p, i.e. S(t) ≤ 1 − p
    /// (found by doubling and bisection on the closed form of S). <see cref="double.PositiveInfinity"/> if beyond 2^53 periods.
    /// Finite for every α, β, unlike the mean when α ≤ 1.
    /// </summary>
    /// <param name="p">Probability strictly between 0 and 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not strictly between 0 and 1.</exception>
    public double LifetimeQuantile(double p)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, $"p must lie strictly between 0 and 1; got {Guard.Format(p)}.");
        }

        double target = Statistics.PreciseMath.Log1p(-p);
        double high = 1;
        while (LogSurvival(high) > target)
        {
            high *= 2;
            if (high > 9007199254740992.0)
            {
                return double.PositiveInfinity;
            }
        }

        // Invariant: S(high) ≤ 1 − p; S(low) > 1 − p (S(0) = 1 > 1 − p).
        double low = Math.Floor(high / 2);
        if (high == 1)
        {
            return 1;
        }

        while (high - low > 1)
        {
            double mid = Math.Floor((low + high) / 2);
            if (LogSurvival(mid) > target)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return high;
    }

    /// <summary>
    /// Discounted expected lifetime of a new customer, DEL = Σ_{t≥0} S(t)/(1 + d)^t = ₂F₁(1, β; α + β; 1/(1 + d)): the present value,
    /// in units of one period's payment, of a customer paying at the start of every period while active (the payment at t = 0
    /// included). Computed as the direct discounted sum; its terms fall at least geometrically (ratio ≤ 1/(1 + d)) and the sum
    /// stops when the bounded remainder is below 1e-16 of it. Multiply by the margin per period for subscription CLV.
    /// </summary>
    /// <param name="discountRate">Discount rate per period d, at least <see cref="MinimumDiscountRate"/> and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">The discount rate is out of range.</exception>
    public double DiscountedExpectedLifetime(double discountRate)
    {
        CheckDiscount(discountRate);
        return DiscountedSum(Alpha, Beta, 1.0 / (1.0 + discountRate), 0);
    }

    /// <summary>
    /// Discounted expected residual lifetime (Fader &amp; Hardie 2010, "Customer-base valuation in a contractual setting"; as in
    /// jdmaturen/shifted_beta_geometric_py <c>derl</c>) of a customer active in period n, who has renewed n − 1 times, evaluated
    /// just before the renewal decision at the end of period n: DERL = Σ_{k≥0} S(n + k)/S(n − 1)/(1 + d)^k
    /// = (β + n − 1)/(α + β + n − 1)·₂F₁(1, β + n; α + β + n; 1/(1 + d)). The payment at that next renewal is undiscounted.
    /// DEL = 1 + DERL(1)/(1 + d).
    /// </summary>
    /// <param name="discountRate">Discount rate per period d, at least <see cref="MinimumDiscountRate"/> and finite.</param>
    /// <param name="period">n ≥ 1, the period the customer is in.</param>
    /// <exception cref="ArgumentOutOfRangeException">The discount rate or period is out of range.</exception>
    public double DiscountedExpectedResidualLifetime(double discountRate, int period)
    {
        CheckDiscount(discountRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        // A customer who survived n − 1 renewals has θ ~ Beta(α, β + n − 1); their future survival is the sBG survival at those parameters.
        return DiscountedSum(Alpha, Beta + period - 1, 1.0 / (1.0 + discountRate), 1);
    }

    /// <summary>
    /// The cohort log-likelihood of Fader &amp; Hardie (2007, Appendix B) at these parameters:
    /// LL = Σ_{t=1..T} n_t ln P(T = t) + s_T ln S(T), where n_t = s_{t−1} − s_t are the customers lost in period t.
    /// </summary>
    /// <param name="survivors">Survivors per period, the first element the cohort size (validated as in <see cref="ShiftedBetaGeometric.Fit"/>).</param>
    /// <exception cref="ArgumentException">The series is invalid; the message names the index and value.</exception>
    public double LogLikelihood(ReadOnlySpan<long> survivors)
    {
        ShiftedBetaGeometricLikelihood.Validate(survivors, nameof(survivors));
        double betaLn = SpecialFunctions.BetaLn(Alpha, Beta), ll = 0;
        for (int t = 1; t < survivors.Length; t++)
        {
            long lost = survivors[t - 1] - survivors[t];
            if (lost > 0)
            {
                ll += lost * (SpecialFunctions.BetaLn(Alpha + 1, Beta + t - 1) - betaLn);
            }
        }

        long last = survivors[^1];
        return last > 0 ? ll + last * LogSurvival(survivors.Length - 1) : ll;
    }

    /// <summary>True when both have the same α and β.</summary>
    /// <param name="other">Other parameters.</param>
    public bool Equals(ShiftedBetaGeometricParameters? other) => other is not null && Alpha.Equals(other.Alpha) && Beta.Equals(other.Beta);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ShiftedBetaGeometricParameters);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Alpha, Beta);

    /// <summary>"sBG(α = 0.668088, β = 3.80609)" (invariant culture).</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"sBG(α = {Alpha:G6}, β = {Beta:G6})");

    /// <summary>Σ_{k≥0} q^k S_b(k + first) with S_b(m) = Π_{j=1..m} (b + j − 1)/(α + b + j − 1), first ∈ {0, 1}.</summary>
    private static double DiscountedSum(double alpha, double b, double q, int first)
    {
        double term = first == 0 ? 1.0 : b / (alpha + b), sum = 0, tailFactor = q / (1.0 - q);
        for (long m = first; ; m++)
        {
            sum += term;
            // Later terms shrink by at least q each, so the remainder is at most term·q/(1 − q).
            if (term * tailFactor <= 1e-16 * sum)
            {
                return sum;
            }

            term *= q * (b + m) / (alpha + b + m);
        }
    }

    private static void CheckDiscount(double discountRate)
    {
        if (!(double.IsFinite(discountRate) && discountRate >= MinimumDiscountRate))
        {
            throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate,
                $"The discount rate must be a finite number ≥ {Guard.Format(MinimumDiscountRate)} per period; got {Guard.Format(discountRate)}.");
        }
    }

    private double LogSurvival(double t) => SpecialFunctions.BetaLn(Alpha, Beta + t) - SpecialFunctions.BetaLn(Alpha, Beta);
}
