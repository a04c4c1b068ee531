using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>The purchase models that take time-invariant covariates.</summary>
internal enum CovariateModelKind
{
    /// <summary>BG/NBD: α_i = α·e^{−γ₁ᵀz_i}, a_i = a·e^{γ₂ᵀz_i}, b_i = b·e^{γ₂ᵀz_i}.</summary>
    BgNbd,

    /// <summary>Pareto/NBD: α_i = α·e^{−γ₁ᵀz_i}, β_i = β·e^{−γ₂ᵀz_i}.</summary>
    ParetoNbd,
}

/// <summary>
/// The log-likelihood of a purchase model with time-invariant covariates in CLVTools' parameterisation (Bachmann, Meierer &amp;
/// Näf, CLVTools 0.9 <c>bgnbd_staticcov_LL_ind</c>, <c>pnbd_staticcov_LL_ind</c>; Fader &amp; Hardie 2007, "Incorporating
/// time-invariant covariates into the Pareto/NBD and BG/NBD models"): each customer's ℓ is the model's own per-customer
/// log-likelihood at customer-specific parameters, ψ_i = log φ_i = Mθ linear in θ = (ln r, ln α, ln a|ln s, ln b|ln β, γ₁, γ₂):
/// BG/NBD ln α_i = ln α − γ₁ᵀz_i, ln a_i = ln a + γ₂ᵀz_i, ln b_i = ln b + γ₂ᵀz_i; Pareto/NBD ln α_i = ln α − γ₁ᵀz_i,
/// ln β_i = ln β − γ₂ᵀz_i (r and s shared). Values come from the models' row functions (<see cref="BetaGeometricLikelihood.Row"/>,
/// <see cref="ParetoNbdLikelihood.Row(double, double, double, double, long, double, double, bool)"/>); the gradient and the exact
/// Hessian from the same rows in <see cref="Dual2"/> in ψ, carried to θ by the chain rule ∇_θ = Mᵀ∇_ψ, ∇²_θ = Mᵀ∇²_ψM.
/// </summary>
internal sealed class CovariateLikelihood : ICovariateLikelihood
{
    private const int Chunks = 16;
    private const int ParallelThreshold = 2_048;

    private readonly PurchaseHistory[] histories;
    private readonly CovariateMatrix covariates;

    internal CovariateLikelihood(CovariateModelKind kind, PurchaseHistory[] histories, CovariateMatrix covariates)
    {
        Kind = kind;
        this.histories = histories;
        this.covariates = covariates;
    }

    /// <summary>The model.</summary>
    public CovariateModelKind Kind { get; }

    /// <summary>Number of covariates p.</summary>
    public int Covariates => covariates.Count;

    /// <summary>Length of θ: 4 + 2p.</summary>
    public int Size => 4 + (2 * covariates.Count);

    /// <summary>Number of customers.</summary>
    public int Customers => histories.Length;

    /// <summary>ψ_i = (ln r, ln α_i, ln a_i|ln s, ln b_i|ln β_i) of customer <paramref name="i"/> at θ.</summary>
    public void LogParameters(ReadOnlySpan<double> theta, int i, Span<double> psi) =>
        LogParameters(Kind, theta, covariates.Row(i), psi);

    /// <summary>ψ = (ln r, ln α, ln a|ln s, ln b|ln β) of a customer with covariates <paramref name="z"/> at θ (ψ = M(z)θ).</summary>
    internal static void LogParameters(CovariateModelKind kind, ReadOnlySpan<double> theta, ReadOnlySpan<double> z, Span<double> psi)
    {
        theta[..4].CopyTo(psi);
        int p = z.Length;
        if (p == 0)
        {
            return;
        }

        double trans = 0, life = 0;
        for (int j = 0; j < p; j++)
        {
            trans += z[j] * theta[4 + j];
            life += z[j] * theta[4 + p + j];
        }

        psi[1] -= trans;
        if (kind == CovariateModelKind.BgNbd)
        {
            psi[2] += life;
            psi[3] += life;
        }
        else
        {
            psi[3] -= life;
        }
    }

    /// <summary>ℓ of one customer at natural parameters φ = e^ψ (the models' own row functions).</summary>
    public double Row(ReadOnlySpan<double> psi, PurchaseHistory h)
    {
        double r = Math.Exp(psi[0]), alpha = Math.Exp(psi[1]), third = Math.Exp(psi[2]), fourth = Math.Exp(psi[3]);
        return Kind == CovariateModelKind.BgNbd
            ? BetaGeometricLikelihood.Row(r, alpha, third, fourth, 0, h.Frequency, h.Recency, h.T)
            : ParetoNbdLikelihood.Row(r, alpha, third, fourth, h.Frequency, h.Recency, h.T);
    }

    /// <summary>ℓ of one customer in <see cref="Dual2"/> with respect to ψ (variables 0–3).</summary>
    public Dual2 Row(Dual2 logR, Dual2 logAlpha, Dual2 third, Dual2 fourth, PurchaseHistory h)
    {
        var r = Dual2.Exp(logR);
        var alpha = Dual2.Exp(logAlpha);
        if (Kind == CovariateModelKind.ParetoNbd)
        {
            return ParetoNbdLikelihood.Row(r, alpha, Dual2.Exp(third), Dual2.Exp(fourth), h.Frequency, h.Recency, h.T);
        }

        // BG/NBD (Fader, Hardie & Lee 2005 eq. 6 in BetaGeometricLikelihood's regrouping): ℓ = C_x + ln(e^{A₃} + [x > 0] e^{A₄}).
        long x = h.Frequency;
        var a = Dual2.Exp(third);
        var b = Dual2.Exp(fourth);
        var c = Dual2.LogGammaRatio(r, x) + Dual2.LogGammaRatio(b, x) - Dual2.LogGammaRatio(a + b, x);
        var a3 = -(r * Dual2.Log1P(h.T / alpha)) - (x * Dual2.Log(alpha + h.T));
        if (x == 0)
        {
            return c + a3;
        }

        var a4 = third - Dual2.Log(b + (x - 1)) - (r * Dual2.Log1P(h.Recency / alpha)) - (x * Dual2.Log(alpha + h.Recency));
        return c + Dual2.LogAddExp(a3, a4);
    }

    /// <summary>Σ ℓ_i at θ; NaN is reported as −∞ (outside the numerically usable space).</summary>
    public double LogLikelihood(ReadOnlySpan<double> theta, ParallelWork work)
    {
        var t = theta.ToArray();
        var sums = new double[Chunks];
        int n = histories.Length;
        work.For(Chunks, n >= ParallelThreshold, chunk =>
            sums[chunk] = ValueChunk(t, (int)((long)n * chunk / Chunks), (int)((long)n * (chunk + 1) / Chunks)));

        double total = 0;
        foreach (double s in sums)
        {
            total += s;
        }

        return double.IsNaN(total) ? double.NegativeInfinity : total;
    }

    /// <summary>Σ ℓ_i over customers [from, to).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private double ValueChunk(double[] t, int from, int to)
    {
        Span<double> psi = stackalloc double[4];
        double s = 0;
        for (int i = from; i < to; i++)
        {
            LogParameters(t, i, psi);
            s += Row(psi, histories[i]);
        }

        return s;
    }

    /// <summary>Σ ℓ_i, its gradient and its exact Hessian (row-major K × K) with respect to θ.</summary>
    public double Derivatives(ReadOnlySpan<double> theta, double[] gradient, double[] hessian, ParallelWork work)
    {
        var t = theta.ToArray();
        int n = histories.Length;
        return ChunkedDerivatives.Sum(n, Size, Chunks, n >= ParallelThreshold / 8, work, (from, to, g, h) => DerivativeChunk(t, from, to, g, h),
            gradient, hessian, upperTriangle: true);
    }

    /// <summary>Σ ℓ_i over customers [from, to), adding Mᵀ∇_ψ and Mᵀ∇²_ψM into <paramref name="g"/> and the upper triangle of <paramref name="h"/>.</summary>
    // Fully optimised from the first call: the dual-number arithmetic is ~10× slower in tier-0 code, which dominated short runs.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private double DerivativeChunk(double[] t, int from, int to, Span<double> g, Span<double> h)
    {
        int k = Size, p = covariates.Count;
        Span<double> psi = stackalloc double[4];
        Span<double> gPsi = stackalloc double[4];
        Span<double> hPsi = stackalloc double[16];
        var m = new double[4 * k];
        var hm = new double[4 * k];
        double value = 0;
        for (int i = from; i < to; i++)
        {
            LogParameters(t, i, psi);
            var row = Row(Dual2.Variable(psi[0], 0), Dual2.Variable(psi[1], 1), Dual2.Variable(psi[2], 2), Dual2.Variable(psi[3], 3), histories[i]);
            value += row.Value;
            for (int u = 0; u < 4; u++)
            {
                gPsi[u] = row.Gradient(u);
                for (int v = 0; v < 4; v++)
                {
                    hPsi[(u * 4) + v] = row.Hessian(u, v);
                }
            }

            Jacobian(i, m, k, p);
            // g += Mᵀ g_ψ; h += Mᵀ (H_ψ M).
            for (int c = 0; c < k; c++)
            {
                double s = 0;
                for (int u = 0; u < 4; u++)
                {
                    s += m[(u * k) + c] * gPsi[u];
                }

                g[c] += s;
                for (int u = 0; u < 4; u++)
                {
                    double hmc = 0;
                    for (int v = 0; v < 4; v++)
                    {
                        hmc += hPsi[(u * 4) + v] * m[(v * k) + c];
                    }

                    hm[(u * k) + c] = hmc;
                }
            }

            for (int a = 0; a < k; a++)
            {
                for (int c = a; c < k; c++)
                {
                    double s = 0;
                    for (int u = 0; u < 4; u++)
                    {
                        s += m[(u * k) + a] * hm[(u * k) + c];
                    }

                    h[(a * k) + c] += s;
                }
            }
        }

        return value;
    }

    /// <summary>M = ∂ψ_i/∂θ (4 × K, row-major).</summary>
    private void Jacobian(int i, double[] m, int k, int p) => Jacobian(Kind, covariates.Row(i), m, k);

    /// <summary>M(z) = ∂ψ/∂θ (4 × K, row-major, K = 4 + 2·z.Length) of a customer with covariates <paramref name="z"/>.</summary>
    internal static void Jacobian(CovariateModelKind kind, ReadOnlySpan<double> z, Span<double> m, int k)
    {
        m[..(4 * k)].Clear();
        for (int u = 0; u < 4; u++)
        {
            m[(u * k) + u] = 1;
        }

        int p = z.Length;
        for (int j = 0; j < p; j++)
        {
            m[k + 4 + j] = -z[j];
            if (kind == CovariateModelKind.BgNbd)
            {
                m[(2 * k) + 4 + p + j] = z[j];
                m[(3 * k) + 4 + p + j] = z[j];
            }
            else
            {
                m[(3 * k) + 4 + p + j] = -z[j];
            }
        }
    }
}
