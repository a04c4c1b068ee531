namespace TrustMetrics.Orleans;

/// <summary>
/// What a <see cref="CoxShardGrain"/> persists: its terms and its rows as columns of plain arrays (every grain storage serializer
/// handles them: Orleans' binary one and the JSON one of the ADO.NET provider). Covariates are stored row by row, one value per term.
/// </summary>
[GenerateSerializer, Alias("TrustMetrics.CoxShardGrainState")]
internal sealed class CoxShardGrainState
{
    [Id(0)]
    public string[] Terms { get; set; } = [];

    [Id(1)]
    public string[] EventIds { get; set; } = [];

    [Id(2)]
    public double[] Stop { get; set; } = [];

    [Id(3)]
    public bool[] Events { get; set; } = [];

    /// <summary>Start times, or null when the shard's rows have none.</summary>
    [Id(4)]
    public double[]? Start { get; set; }

    [Id(5)]
    public double[] Weights { get; set; } = [];

    [Id(6)]
    public int[] Strata { get; set; } = [];

    [Id(7)]
    public double[] Covariates { get; set; } = [];
}
