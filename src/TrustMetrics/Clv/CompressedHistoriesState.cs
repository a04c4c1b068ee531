namespace TrustMetrics.Clv;

/// <summary>
/// The serialisable, versioned form of <see cref="CompressedHistories"/>: the (x, t_x, T) rows with customer counts, sorted by
/// (x, T, t_x). Written by <see cref="CompressedHistories.ToJson"/>, read and validated by <see cref="CompressedHistories.FromJson"/>.
/// </summary>
/// <param name="Version">Format version; <see cref="CompressedHistoriesState.CurrentVersion"/> for states this build writes.</param>
/// <param name="Frequency">Repeat purchases x of each row.</param>
/// <param name="Recency">t_x of each row.</param>
/// <param name="T">Age T of each row.</param>
/// <param name="Counts">Customers with each row's history, ≥ 1.</param>
internal sealed record CompressedHistoriesState(int Version, long[] Frequency, double[] Recency, double[] T, long[] Counts)
{
    /// <summary>The format version this build writes and reads: 1.</summary>
    public const int CurrentVersion = 1;
}
