using TrustMetrics.Churn;

namespace TrustMetrics.Survival;

/// <summary>A shard of a Cox fit: where some rows live (a process, a machine, an Orleans grain), asked for its risk-set sums at a β.</summary>
public interface ICoxShard
{
    /// <summary>The shard's covariate names (the same on every shard).</summary>
    IReadOnlyList<string> Terms { get; }

    /// <summary>The shard's risk-set sums at <paramref name="beta"/> with covariates centred by <paramref name="center"/>.</summary>
    /// <param name="beta">One coefficient per term.</param>
    /// <param name="center">One centre per term (the pooled weighted means, chosen by the driver).</param>
    /// <returns>The shard's sums.</returns>
    CoxRiskSetSums RiskSetSums(IReadOnlyList<double> beta, IReadOnlyList<double> center);
}

/// <summary>An in-process shard over a <see cref="CoxData"/>. Thread-safe.</summary>
/// <param name="data">The shard's rows.</param>
public sealed class CoxShard(CoxData data) : ICoxShard
{
    private readonly CoxData data = data ?? throw new ArgumentNullException(nameof(data));

    /// <inheritdoc/>
    public IReadOnlyList<string> Terms => data.CovariateNames;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The lengths differ from the number of terms.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite.</exception>
    public CoxRiskSetSums RiskSetSums(IReadOnlyList<double> beta, IReadOnlyList<double> center)
    {
        ArgumentNullException.ThrowIfNull(beta);
        ArgumentNullException.ThrowIfNull(center);
        if (beta.Count != data.P || center.Count != data.P)
        {
            throw new ArgumentException($"beta and center must hold one value per term ({data.P}); got {beta.Count} and {center.Count}.", beta.Count != data.P ? nameof(beta) : nameof(center));
        }

        var b = beta.ToArray();
        var c = center.ToArray();
        Guard.AllFinite(b);
        Guard.AllFinite(c);
        return CoxRiskSetSums.Compute(data, b, c);
    }
}

/// <summary>
/// Fits one Cox model over any number of shards without moving rows: the driver asks every shard for its
/// <see cref="CoxRiskSetSums"/> at the current β, merges them and takes R's Newton–Raphson step (<see cref="CoxRegression"/>) on the
/// pooled log-likelihood, score and information — the same iterates, and the same fit up to rounding, as the pooled data. One
/// round trip per iteration (plus one for the centre). Robust standard errors need per-row residuals and are not offered here.
/// </summary>
public static class CoxShardedRegression
{
    /// <summary>Fits the model over the shards.</summary>
    /// <param name="shards">The shards (at least one), all with the same terms.</param>
    /// <param name="options">Settings; null for R's defaults. <c>robust: true</c> is refused.</param>
    /// <param name="cancellationToken">Cancels between iterations.</param>
    /// <returns>The fit (model-based standard errors).</returns>
    /// <exception cref="ArgumentException">No shard, shards with different terms, robust asked, or a collinear covariate.</exception>
    public static CoxFit Fit(IReadOnlyList<ICoxShard> shards, CoxFitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shards);
        if (shards.Count == 0) throw new ArgumentException("At least one shard is needed.", nameof(shards));
        options ??= CoxFitOptions.Default;
        if (options.Robust == true)
        {
            throw new ArgumentException("The robust variance needs every row's score residual; a sharded fit reports the model-based variance only.", nameof(options));
        }

        var first = Gather(shards, null, null);
        var terms = first.State.Terms;
        int p = terms.Length;
        if (first.EventCount == 0) throw new ArgumentException("The shards hold no event.", nameof(shards));
        var center = new double[p];
        for (int j = 0; j < p; j++) center[j] = first.State.WeightedCovariateSum[j] / first.State.WeightSum;
        bool efron = options.Ties == CoxTies.Efron;
        var outcome = CoxNewton.Run(b => Gather(shards, b, center).Evaluate(efron), terms, options, cancellationToken);
        var covariance = CoxLinearAlgebra.Inverse(outcome.FinalFactor, p);
        var infinite = CoxNewton.MayBeInfinite(outcome, covariance, options.Tolerance);
        string message = CoxNewton.Message(outcome, infinite, options.MaxIterations);
        var convergence = new FitConvergence(outcome.Converged, outcome.Iterations, Math.Sqrt(outcome.Final.U.Sum(u => u * u)), "newton-raphson (sharded)", message,
            infinite.Any(f => f) ? message : null);
        return new CoxFit(outcome.Names, outcome.Beta, covariance, null, outcome.NullLogLikelihood, outcome.Final.LogLikelihood, outcome.ScoreTest, infinite,
            convergence, options, checked((int)first.RowCount), checked((int)first.EventCount), center);
    }

    private static CoxRiskSetSums Gather(IReadOnlyList<ICoxShard> shards, double[]? beta, double[]? center)
    {
        CoxRiskSetSums? merged = null;
        foreach (var shard in shards)
        {
            ArgumentNullException.ThrowIfNull(shard, nameof(shards));
            var sums = beta is null
                ? shard.RiskSetSums(new double[shard.Terms.Count], new double[shard.Terms.Count])
                : shard.RiskSetSums(beta, center!);
            merged = merged is null ? sums : merged.Merge(sums);
        }

        return merged!;
    }
}
