namespace TrustMetrics.TrustIndex;

/// <summary>How weighted 0–100 dimension indicators are combined (OECD/JRC Handbook 2008, step 6; trade-off in docs/trust-index.md).</summary>
public enum TrustAggregation
{
    /// <summary>Default. Weighted arithmetic mean Σ w_j·D_j: fully compensatory (a deficit in one driver is offset by a surplus in another).</summary>
    Arithmetic,

    /// <summary>
    /// Weighted geometric mean Π D_j^{w_j}: partly compensatory, rewards balanced profiles; a driver at 0 makes the index 0.
    /// </summary>
    Geometric,
}
