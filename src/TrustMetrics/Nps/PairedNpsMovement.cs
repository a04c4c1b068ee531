using System.Globalization;

namespace TrustMetrics.Nps;

/// <summary>One cell of the paired NPS transition table: respondents who were <see cref="From"/> in wave 1 and <see cref="To"/> in wave 2.</summary>
public sealed class PairedNpsMovement
{
    internal PairedNpsMovement(NpsCategory from, NpsCategory to, long count, double share)
    {
        From = from;
        To = to;
        Count = count;
        Share = share;
    }

    /// <summary>Wave-1 (before) category.</summary>
    public NpsCategory From { get; }

    /// <summary>Wave-2 (after) category.</summary>
    public NpsCategory To { get; }

    /// <summary>Respondents in the cell.</summary>
    public long Count { get; }

    /// <summary>Count / n, the share of the paired respondents (0–1).</summary>
    public double Share { get; }

    /// <summary>"Detractor → Promoter: 12 (2.2 %)" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{From} → {To}: {Count} ({Share:P1})");
}
