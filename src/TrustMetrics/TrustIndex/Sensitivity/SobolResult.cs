using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex.Sensitivity;

/// <summary>
/// Variance-based (Sobol') sensitivity of one output to k independent factors, from Saltelli sampling: two independent N × k
/// sample matrices A and B and, for every factor i, A_B^(i) = A with column i taken from B (N·(k + 2) model runs). With
/// f_A, f_B, f_AB^(i) the outputs and V the variance of the 2N outputs of A and B (divisor 2N − 1):
/// first order (Saltelli et al. 2010, Table 2 (b)) S_i = (1/N)·Σ_j (f_B,j − f̄)·(f_AB^(i),j − f_A,j) / V with f̄ the mean of the 2N outputs
/// (centring, as Sobol' 2001 recommends, keeps the expectation and removes the variance the output's mean would add);
/// total order (Jansen 1999; Saltelli et al. 2010, Table 2 (f)) S_Ti = (1/(2N))·Σ_j (f_A,j − f_AB^(i),j)² / V.
/// Intervals: percentile bootstrap over the N base rows (each replicate resamples rows j of A, B and every A_B^(i) together
/// and recomputes V). Source: Saltelli, A. et al. (2010) "Variance based sensitivity analysis of model output. Design and
/// estimator for the total sensitivity index", Computer Physics Communications 181, 259–270. Render with
/// <see cref="ResultFormatter"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class SobolResult : ITabularResult
{
    private readonly SobolIndex[] indices;

    internal SobolResult(string outputName, int baseSamples, int bootstrapReplicates, double confidenceLevel, double mean, double variance,
        SobolIndex[] indices)
    {
        OutputName = outputName;
        BaseSamples = baseSamples;
        BootstrapReplicates = bootstrapReplicates;
        ConfidenceLevel = confidenceLevel;
        Mean = mean;
        Variance = variance;
        this.indices = indices;
    }

    /// <summary>Name of the output analysed.</summary>
    public string OutputName { get; }

    /// <summary>N, the rows of each base matrix A and B.</summary>
    public int BaseSamples { get; }

    /// <summary>Model runs: N·(k + 2).</summary>
    public long ModelRuns => (long)BaseSamples * (indices.Length + 2);

    /// <summary>Bootstrap replicates behind the intervals (0 = none).</summary>
    public int BootstrapReplicates { get; }

    /// <summary>Level of the bootstrap intervals.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>Mean of the output over the 2N runs of A and B.</summary>
    public double Mean { get; }

    /// <summary>V, the variance of the output over the 2N runs of A and B (divisor 2N − 1); 0 makes every index null.</summary>
    public double Variance { get; }

    /// <summary>One entry per factor, in factor order.</summary>
    public IReadOnlyList<SobolIndex> Indices => indices;

    /// <summary>"Sobol indices of index (N = 4,096): factor S/ST, …", invariant culture.</summary>
    public override string ToString() =>
        $"Sobol indices of {OutputName} (N = {InvariantText.Count(BaseSamples)}): {string.Join("; ", indices.Select(i => i.ToString()))}";

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable($"Sobol sensitivity indices of {OutputName}", "factor", "first order S", "S interval", "total order ST", "ST interval");
        foreach (var i in indices)
        {
            table.Row(i.Factor, InvariantText.Optional(i.FirstOrder, "0.000"), Interval(i.FirstOrderInterval),
                InvariantText.Optional(i.TotalOrder, "0.000"), Interval(i.TotalOrderInterval));
        }

        return table.Note($"N = {InvariantText.Count(BaseSamples)} base rows, {InvariantText.Count(ModelRuns)} model runs; output mean " +
                $"{InvariantText.Significant(Mean)}, variance {InvariantText.Significant(Variance)}.")
            .Note($"S: Saltelli et al. (2010); ST: Jansen (1999); {InvariantText.Level(ConfidenceLevel)} percentile bootstrap intervals over the base rows " +
                $"({InvariantText.Count(BootstrapReplicates)} replicates).");
    }

    internal static string Interval(Estimation.ConfidenceInterval? interval) =>
        interval is null ? "–" : $"{InvariantText.Number(interval.Lower, "0.000")} to {InvariantText.Number(interval.Upper, "0.000")}";
}
