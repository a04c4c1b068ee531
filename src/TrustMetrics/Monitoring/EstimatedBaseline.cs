using System.Globalization;

namespace TrustMetrics.Monitoring;

/// <summary>
/// Says that a change detector's pre-change distribution p̂ was <em>estimated</em> from <see cref="Answers"/> answers (a baseline
/// period), not known. The detector then uses the guaranteed-conditional-performance threshold of Gandy &amp; Kvaløy (2013,
/// Scand. J. Statist. 40(4), "Guaranteed conditional performance of control charts via bootstrap methods"): the threshold is
/// raised so that, with probability <see cref="Guarantee"/> over the baseline sample, the in-control ARL of the detector
/// <em>built from p̂</em> under the true distribution p is at least the ARL₀ asked. A detector that takes p̂ as known falls short of
/// its ARL₀ whenever p̂'s mean overestimates p's (the baseline error is a standing shift the CUSUM accumulates).
/// </summary>
/// <remarks>
/// <para>Method (per drop δ, with T the ARL₀ of that CUSUM): let q(P, ξ) = log h be the log threshold (log-likelihood-ratio units)
/// at which the CUSUM built from the distribution ξ reaches ARL T when the answers follow P. The threshold used is
/// h = h(p̂; p̂) · exp(c), where h(p̂; p̂) is the exact known-baseline threshold (Markov chain, Brook &amp; Evans 1972) and c is the
/// <see cref="Guarantee"/>-quantile over B = <see cref="Replicates"/> parametric bootstrap baselines p̂*ᵦ ~ Multinomial(n, p̂)/n of
/// Δᵦ = q(p̂, p̂*ᵦ) − q(p̂*ᵦ, p̂*ᵦ) (the bootstrap analogue of q(p, p̂) − q(p̂, p̂): the "basic bootstrap" upper bound of G&amp;K §3).</para>
/// <para>Inside the bootstrap q is evaluated with the diffusion approximation of the CUSUM's ARL with the exact exponent
/// (Siegmund 1985, Sequential Analysis, ch. X): for increments ℓ with drift μ = E_P ℓ ≠ 0 and s ≠ 0 the root of
/// E_P[e^{sℓ}] = 1, ARL(h) ≈ (e^{sh} − 1 − sh)/(|s|·|μ|) (h²/Var ℓ when μ = 0), solved for h; both terms of Δᵦ use it, so its
/// error largely cancels in the ratio, and the anchor h(p̂; p̂) stays exact. A bootstrap baseline on which the detector could not
/// be built (a single value left, or the drop reaching the smallest value) counts as Δᵦ = +∞ (conservative). The lattice
/// threshold is ⌈H · exp(c)⌉ (H the known-baseline integer threshold), at most 2²⁸ steps (a drop within the baseline's error
/// then practically never fires: its ARL₀ cannot be guaranteed at that n). The bootstrap is seeded, so a baseline always gets the
/// same threshold. For the GLR the guarantee holds per CUSUM of its grid (each at ARL₀ k × target); the baseline's error moves all
/// of them the same way, and the union bound over the grid is conservative.</para>
/// </remarks>
public sealed class EstimatedBaseline
{
    /// <summary>The baseline was estimated from <paramref name="answers"/> answers.</summary>
    /// <param name="answers">Answers in the baseline (n ≥ 2).</param>
    /// <param name="guarantee">1 − α′: the probability, over the baseline sample, that the in-control ARL reaches the ARL₀ asked; in (0, 1), default 0.9 (G&amp;K's examples).</param>
    /// <param name="replicates">Bootstrap baselines B, in [50, 100,000]; default 500.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range (or NaN).</exception>
    public EstimatedBaseline(long answers, double guarantee = 0.9, int replicates = 500)
    {
        if (answers < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(answers), answers, $"answers must be at least 2; got {answers}.");
        }

        if (!(guarantee > 0 && guarantee < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(guarantee), guarantee, $"guarantee must lie strictly between 0 and 1; got {Guard.Format(guarantee)}.");
        }

        if (replicates < 50 || replicates > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(replicates), replicates, $"replicates must lie in [50, 100000]; got {replicates}.");
        }

        Answers = answers;
        Guarantee = guarantee;
        Replicates = replicates;
    }

    /// <summary>Answers n the baseline was estimated from.</summary>
    public long Answers { get; }

    /// <summary>1 − α′: probability over the baseline sample that the conditional in-control ARL reaches the target.</summary>
    public double Guarantee { get; }

    /// <summary>Bootstrap baselines B.</summary>
    public int Replicates { get; }

    /// <summary>"estimated from 150 answers (guarantee 0.9, 500 bootstrap baselines)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"estimated from {Answers} answers (guarantee {Guarantee:G4}, {Replicates} bootstrap baselines)");
}
