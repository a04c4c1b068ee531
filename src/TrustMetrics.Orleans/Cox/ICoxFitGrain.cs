using TrustMetrics.Survival;

namespace TrustMetrics.Orleans;

/// <summary>
/// The coordinator of a distributed Cox fit: R's Newton–Raphson (<see cref="CoxShardedRegression"/>) over any number of
/// <see cref="ICoxShardGrain"/>s, one round trip to every shard per iteration. The merged sums are the pooled sums, so the fit equals the
/// fit of all rows in one process up to rounding (the tests check 1e-10). Model-based standard errors only: the robust variance needs
/// every row's residual.
/// </summary>
[Alias("TrustMetrics.ICoxFitGrain")]
public interface ICoxFitGrain : IGrainWithStringKey
{
    /// <summary>Fits the Cox model over the shards named.</summary>
    /// <param name="shardKeys">Keys of the <see cref="ICoxShardGrain"/>s (at least one, distinct, none empty).</param>
    /// <param name="options">Ties, level, iterations, tolerance; null for R's defaults. <c>robust: true</c> is refused.</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentException">No shard, a repeated or empty shard, shards with different terms, no event, robust asked, or a
    /// collinear covariate.</exception>
    [Alias("Fit"), ResponseTimeout("01:00:00")]
    Task<CoxFit> Fit(string[] shardKeys, CoxFitOptions? options = null);
}
