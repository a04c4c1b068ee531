using TrustMetrics.Survival;

namespace TrustMetrics.Orleans;

/// <summary>
/// One shard of a distributed Cox fit, e.g. <c>"acme/churn-model/shard-3"</c>: it keeps its rows as durable grain state and answers
/// the coordinator (<see cref="ICoxFitGrain"/>) with its risk-set sums at a β (<see cref="CoxRiskSetSums"/>: per event time Σw·e^η,
/// Σw·e^η·x, Σw·e^η·xxᵀ), so no row leaves the shard. Ingestion is idempotent by <see cref="CoxObservation.EventId"/>.
/// </summary>
[Alias("TrustMetrics.ICoxShardGrain")]
public interface ICoxShardGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds the rows whose id the shard has not stored yet, then persists them before answering. The first batch fixes the shard's
    /// terms; later batches must name the same terms in the same order.
    /// </summary>
    /// <param name="terms">The covariate names, non-empty and distinct.</param>
    /// <param name="rows">The rows; each has one covariate per term.</param>
    /// <returns>How many rows were added and how many were already stored (or repeated in the batch).</returns>
    /// <exception cref="ArgumentException">The terms differ from the shard's, a row is invalid (named by its position in the batch and its
    /// id), or the batch mixes rows with and without start times with the shard's (nothing of the batch is stored).</exception>
    [Alias("AddObservations")]
    Task<IngestResult> AddObservations(string[] terms, CoxObservation[] rows);

    /// <summary>The shard's terms, or an empty array when it holds no row yet.</summary>
    [Alias("GetTerms")]
    Task<string[]> GetTerms();

    /// <summary>The number of rows stored.</summary>
    [Alias("GetRowCount")]
    Task<int> GetRowCount();

    /// <summary>The shard's risk-set sums at <paramref name="beta"/>, covariates centred by <paramref name="center"/> (see <see cref="ICoxShard.RiskSetSums"/>).</summary>
    /// <param name="beta">One coefficient per term, finite.</param>
    /// <param name="center">One centre per term, finite.</param>
    /// <exception cref="ArgumentException">The shard is empty or a length differs from the number of terms.</exception>
    [Alias("RiskSetSums")]
    Task<CoxRiskSetSums> RiskSetSums(double[] beta, double[] center);
}
