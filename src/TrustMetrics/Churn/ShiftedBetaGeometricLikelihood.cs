namespace TrustMetrics.Churn;

/// <summary>
/// The sBG cohort log-likelihood in the product form of period-by-period binomials, with exact derivatives. Of the
/// s_{t−1} customers active at the start of period t, n_t = s_{t−1} − s_t churn with probability α/(α + β + t − 1) and s_t renew
/// with probability (β + t − 1)/(α + β + t − 1), so
/// LL = Σ_t [n_t ln α + s_t ln(β + t − 1) − s_{t−1} ln(α + β + t − 1)],
/// which equals Fader &amp; Hardie's Σ n_t ln P(T = t) + s_T ln S(T) term by term (P(T = t) = S(t − 1)·α/(α + β + t − 1) and
/// S(t) = Π r_j telescope), and needs no special function in the optimizer loop.
/// </summary>
internal sealed class ShiftedBetaGeometricLikelihood
{
    private readonly long[] survivors;

    public ShiftedBetaGeometricLikelihood(ReadOnlySpan<long> survivors)
    {
        this.survivors = survivors.ToArray();
        for (int t = 1; t < survivors.Length; t++)
        {
            Lost += survivors[t - 1] - survivors[t];
        }
    }

    /// <summary>Cohort size s₀.</summary>
    public long CohortSize => survivors[0];

    /// <summary>Σ n_t: customers lost over the observed periods.</summary>
    public long Lost { get; }

    /// <summary>Observed periods T.</summary>
    public int Periods => survivors.Length - 1;

    /// <summary>
    /// Checks a survivors series: at least three elements (two periods: one period identifies only α/(α + β)), a positive cohort
    /// size first, no negative count, none above the cohort size and none above its predecessor.
    /// </summary>
    public static void Validate(ReadOnlySpan<long> survivors, string paramName)
    {
        if (survivors.Length < 3)
        {
            throw new ArgumentException(
                $"{paramName} needs the cohort size and at least two periods of survivors (3 values); got {survivors.Length}. " +
                "One period identifies only the mean churn α/(α + β).", paramName);
        }

        if (survivors[0] <= 0)
        {
            throw new ArgumentOutOfRangeException(paramName, survivors[0], $"{paramName}[0] = {survivors[0]} is the cohort size and must be positive.");
        }

        for (int t = 1; t < survivors.Length; t++)
        {
            long s = survivors[t];
            if (s < 0)
            {
                throw new ArgumentOutOfRangeException(paramName, s, $"{paramName}[{t}] = {s} is negative.");
            }

            if (s > survivors[0])
            {
                throw new ArgumentOutOfRangeException(paramName, s,
                    $"{paramName}[{t}] = {s} exceeds the cohort size {paramName}[0] = {survivors[0]}.");
            }

            if (s > survivors[t - 1])
            {
                throw new ArgumentOutOfRangeException(paramName, s,
                    $"{paramName}[{t}] = {s} is greater than {paramName}[{t - 1}] = {survivors[t - 1]}: survivors cannot increase (a cohort gains no members).");
            }
        }
    }

    /// <summary>LL at (α, β).</summary>
    public double Value(double alpha, double beta)
    {
        double ll = Lost * Math.Log(alpha);
        for (int t = 1; t < survivors.Length; t++)
        {
            long kept = survivors[t], atRisk = survivors[t - 1];
            if (kept > 0)
            {
                ll += kept * Math.Log(beta + t - 1);
            }

            if (atRisk > 0)
            {
                ll -= atRisk * Math.Log(alpha + beta + t - 1);
            }
        }

        return ll;
    }

    /// <summary>∂LL/∂α and ∂LL/∂β.</summary>
    public (double Alpha, double Beta) Gradient(double alpha, double beta)
    {
        double common = 0, dBeta = 0;
        for (int t = 1; t < survivors.Length; t++)
        {
            common += survivors[t - 1] / (alpha + beta + t - 1);
            dBeta += survivors[t] / (beta + t - 1);
        }

        return (Lost / alpha - common, dBeta - common);
    }

    /// <summary>Second derivatives of LL in (α, β): (∂²/∂α², ∂²/∂α∂β, ∂²/∂β²).</summary>
    public (double AlphaAlpha, double AlphaBeta, double BetaBeta) Hessian(double alpha, double beta)
    {
        double common = 0, bb = 0;
        for (int t = 1; t < survivors.Length; t++)
        {
            double a = alpha + beta + t - 1, b = beta + t - 1;
            common += survivors[t - 1] / (a * a);
            bb += survivors[t] / (b * b);
        }

        return (common - Lost / (alpha * alpha), common, common - bb);
    }
}
