using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// Internal consistency of a dimension's items (complete cases, sample variances with n − 1): raw Cronbach's alpha
/// α = k/(k−1)·(1 − Σ s_i²/s_T²) (Cronbach 1951) and standardised alpha α_std = k·r̄/(1 + (k−1)·r̄) with r̄ the mean
/// inter-item correlation. Undefined values are null with <see cref="UndefinedReason"/> saying why — a single item, fewer than
/// two complete responses, a total score without variance (raw), or an item without variance (standardised). Equal,
/// non-constant items give α = α_std = 1. Render with <see cref="ResultFormatter"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class DimensionReliability : ITabularResult
{
    private readonly ItemStatistics[] items;

    internal DimensionReliability(long completeCases, double? cronbachAlpha, double? standardizedAlpha, double? meanInterItemCorrelation,
        string? undefinedReason, bool isBelowThreshold, ItemStatistics[] items, McDonaldOmega? omega)
    {
        Omega = omega ?? new McDonaldOmega(null, null, [], [], "not computed");
        CompleteCases = completeCases;
        CronbachAlpha = cronbachAlpha;
        StandardizedAlpha = standardizedAlpha;
        MeanInterItemCorrelation = meanInterItemCorrelation;
        UndefinedReason = undefinedReason;
        IsBelowThreshold = isBelowThreshold;
        this.items = items;
    }

    /// <summary>Respondents who answered every item of the dimension (the rows the statistics use).</summary>
    public long CompleteCases { get; }

    /// <summary>Raw alpha, or null when undefined. Can be negative.</summary>
    public double? CronbachAlpha { get; }

    /// <summary>Standardised alpha, or null when undefined.</summary>
    public double? StandardizedAlpha { get; }

    /// <summary>
    /// McDonald's omega total from a one-factor maximum-likelihood fit (estimator "ml"), with its bootstrap interval when the
    /// calculation bootstraps; its <see cref="McDonaldOmega.Value"/> is null when undefined.
    /// </summary>
    public McDonaldOmega Omega { get; }

    /// <summary>Mean inter-item correlation r̄, or null when undefined (an item without variance).</summary>
    public double? MeanInterItemCorrelation { get; }

    /// <summary>Why a coefficient is null; null when both are defined.</summary>
    public string? UndefinedReason { get; }

    /// <summary>True when raw alpha is defined and below the warning threshold (default 0.7).</summary>
    public bool IsBelowThreshold { get; }

    /// <summary>Per-item statistics in the dimension's item order.</summary>
    public IReadOnlyList<ItemStatistics> Items => items;

    /// <summary>"Cronbach's α 0.812 (standardised 0.813, mean inter-item r 0.59; 3 items, 4,000 complete cases)", invariant culture.</summary>
    public override string ToString() =>
        $"Cronbach's α {InvariantText.Optional(CronbachAlpha, "0.000")}{(IsBelowThreshold ? " (below threshold)" : "")}, ω {InvariantText.Optional(Omega.Value, "0.000")} " +
        $"(standardised {InvariantText.Optional(StandardizedAlpha, "0.000")}, mean inter-item r {InvariantText.Optional(MeanInterItemCorrelation, "0.000")}; " +
        $"{InvariantText.Count(items.Length)} items, {InvariantText.Count(CompleteCases)} complete cases)";

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable("Reliability: " + ToString(), "item", "mean", "corrected item–total r", "item–total r", "α if deleted", "standardised α if deleted");
        foreach (var item in items)
        {
            table.Row(item.Name + (item.ReverseCoded ? " (reversed)" : ""), InvariantText.Optional(item.Mean, "0.00"),
                InvariantText.Optional(item.ItemTotalCorrelation, "0.000"), InvariantText.Optional(item.RawItemTotalCorrelation, "0.000"),
                InvariantText.Optional(item.AlphaIfDeleted, "0.000"), InvariantText.Optional(item.StandardizedAlphaIfDeleted, "0.000"));
        }

        table.Note("Raw α = k/(k−1)·(1 − Σ s_i²/s_T²) (Cronbach 1951); an item whose deletion raises α is a candidate to reword or drop.");
        table.Note(Omega.ToString() + "; ω = (Σλ)²/((Σλ)² + Σψ) from a one-factor maximum-likelihood fit (McDonald 1999).");
        return UndefinedReason is { } reason ? table.Note("Undefined: " + reason) : table;
    }
}
