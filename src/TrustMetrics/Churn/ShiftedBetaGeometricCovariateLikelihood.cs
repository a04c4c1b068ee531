using TrustMetrics.Clv;
using TrustMetrics.Statistics;

namespace TrustMetrics.Churn;

/// <summary>
/// The individual-level sBG log-likelihood with time-invariant covariates (pymc-marketing's <c>ShiftedBetaGeoModel</c> with
/// <c>dropout_covariate_cols</c>, after Fader &amp; Hardie 2007 note 019 p. 2): customer i's churn probability θ_i ~ Beta(α_i, β_i)
/// with ln α_i = ln α − γ_αᵀz_i and ln β_i = ln β − γ_βᵀz_i, θ = (ln α, ln β, γ_α, γ_β). A customer who churned in period t ≥ 1
/// contributes ln P(T = t) = ln B(α_i + 1, β_i + t − 1) − ln B(α_i, β_i) = ln α_i + lnΓ-ratio(β_i, t − 1) − lnΓ-ratio(α_i + β_i, t);
/// one still active after t ≥ 0 periods contributes ln S(t) = ln B(α_i, β_i + t) − ln B(α_i, β_i) = lnΓ-ratio(β_i, t) −
/// lnΓ-ratio(α_i + β_i, t), lnΓ-ratio(x, d) = lnΓ(x + d) − lnΓ(x) (Fader &amp; Hardie 2007 eqs. 2–3). Gradient and exact Hessian from
/// the same rows in <see cref="Dual2"/> in ψ_i = (ln α_i, ln β_i), carried to θ by ∇_θ = Mᵀ∇_ψ, ∇²_θ = Mᵀ∇²_ψM.
/// </summary>
internal sealed class ShiftedBetaGeometricCovariateLikelihood : ICovariateLikelihood
{
    private const int Chunks = 16;
    private const int ParallelThreshold = 4_096;

    private readonly int[] periods;
    private readonly bool[] churned;
    private readonly CovariateMatrix covariates;

    public ShiftedBetaGeometricCovariateLikelihood(int[] periods, bool[] churned, CovariateMatrix covariates)
    {
        this.periods = periods;
        this.churned = churned;
        this.covariates = covariates;
    }

    /// <summary>Length of θ: 2 + 2p.</summary>
    public int Size => 2 + (2 * covariates.Count);

    /// <summary>ψ_i = (ln α_i, ln β_i) at θ.</summary>
    public (double LogAlpha, double LogBeta) LogParameters(ReadOnlySpan<double> theta, int i)
    {
        int p = covariates.Count;
        double la = theta[0], lb = theta[1];
        if (p > 0)
        {
            var z = covariates.Row(i);
            for (int j = 0; j < p; j++)
            {
                la -= z[j] * theta[2 + j];
                lb -= z[j] * theta[2 + p + j];
            }
        }

        return (la, lb);
    }

    /// <summary>ℓ of one customer at (α_i, β_i).</summary>
    public static double Row(double alpha, double beta, int t, bool churned) => churned
        ? Math.Log(alpha) + GammaRatio.LogGammaRatio(beta, t - 1) - GammaRatio.LogGammaRatio(alpha + beta, t)
        : GammaRatio.LogGammaRatio(beta, t) - GammaRatio.LogGammaRatio(alpha + beta, t);

    /// <summary>ℓ of one customer in <see cref="Dual2"/> with respect to ψ = (ln α_i, ln β_i) (variables 0 and 1).</summary>
    public static Dual2 Row(Dual2 logAlpha, Dual2 logBeta, int t, bool churned)
    {
        var alpha = Dual2.Exp(logAlpha);
        var beta = Dual2.Exp(logBeta);
        return churned
            ? logAlpha + Dual2.LogGammaRatio(beta, t - 1) - Dual2.LogGammaRatio(alpha + beta, t)
            : Dual2.LogGammaRatio(beta, t) - Dual2.LogGammaRatio(alpha + beta, t);
    }

    /// <inheritdoc/>
    public double LogLikelihood(ReadOnlySpan<double> theta, ParallelWork work)
    {
        var t = theta.ToArray();
        var sums = new double[Chunks];
        int n = periods.Length;
        work.For(Chunks, n >= ParallelThreshold, chunk =>
        {
            int from = (int)((long)n * chunk / Chunks), to = (int)((long)n * (chunk + 1) / Chunks);
            double s = 0;
            for (int i = from; i < to; i++)
            {
                var (la, lb) = LogParameters(t, i);
                s += Row(Math.Exp(la), Math.Exp(lb), periods[i], churned[i]);
            }

            sums[chunk] = s;
        });

        double total = 0;
        foreach (double s in sums)
        {
            total += s;
        }

        return double.IsNaN(total) ? double.NegativeInfinity : total;
    }

    /// <inheritdoc/>
    public double Derivatives(ReadOnlySpan<double> theta, double[] gradient, double[] hessian, ParallelWork work)
    {
        var t = theta.ToArray();
        int n = periods.Length;
        return ChunkedDerivatives.Sum(n, Size, Chunks, n >= ParallelThreshold / 8, work, (from, to, g, h) => DerivativeChunk(t, from, to, g, h),
            gradient, hessian, upperTriangle: false);
    }

    /// <summary>Σ ℓ_i over [from, to), adding Mᵀ∇_ψ and Mᵀ∇²_ψM (M = ∂ψ_i/∂θ, 2 × K: row 0 = e₀ − z in the γ_α block, row 1 = e₁ − z in the γ_β block).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private double DerivativeChunk(double[] t, int from, int to, Span<double> g, Span<double> h)
    {
        int k = Size, p = covariates.Count;
        var m0 = new double[k];
        var m1 = new double[k];
        m0[0] = 1;
        m1[1] = 1;
        double value = 0;
        for (int i = from; i < to; i++)
        {
            var (la, lb) = LogParameters(t, i);
            var row = Row(Dual2.Variable(la, 0), Dual2.Variable(lb, 1), periods[i], churned[i]);
            value += row.Value;
            if (p > 0)
            {
                var z = covariates.Row(i);
                for (int j = 0; j < p; j++)
                {
                    m0[2 + j] = -z[j];
                    m1[2 + p + j] = -z[j];
                }
            }

            double g0 = row.Gradient(0), g1 = row.Gradient(1);
            double h00 = row.Hessian(0, 0), h01 = row.Hessian(0, 1), h11 = row.Hessian(1, 1);
            for (int a = 0; a < k; a++)
            {
                g[a] += (m0[a] * g0) + (m1[a] * g1);
                // (H_ψ M)[:, a]
                double u0 = (h00 * m0[a]) + (h01 * m1[a]);
                double u1 = (h01 * m0[a]) + (h11 * m1[a]);
                for (int c = 0; c < k; c++)
                {
                    h[(c * k) + a] += (m0[c] * u0) + (m1[c] * u1);
                }
            }
        }

        return value;
    }
}
