namespace TrustMetrics.Survival;

/// <summary>
/// Checked per-row values and the sorted row order of a Cox data set whose covariates a reader writes straight into the sorted
/// layout (<see cref="CoxData.OrderRows"/>, then <see cref="CoxData.CreateSorted"/>).
/// </summary>
internal sealed class CoxRowOrder
{
    internal CoxRowOrder(double[] stop, bool[] events, double[]? start, double[]? weights, int eventCount, int[] order, int[] position,
        int[] begin, int[] stratumCode, int[] stratumValues)
    {
        Stop = stop;
        Events = events;
        Start = start;
        Weights = weights;
        EventCount = eventCount;
        Order = order;
        Position = position;
        Begin = begin;
        StratumCode = stratumCode;
        StratumValues = stratumValues;
    }

    /// <summary>Stop times in the caller's row order.</summary>
    public double[] Stop { get; }

    /// <summary>Event flags in the caller's row order.</summary>
    public bool[] Events { get; }

    /// <summary>Start times in the caller's row order, or null.</summary>
    public double[]? Start { get; }

    /// <summary>Case weights in the caller's row order, or null.</summary>
    public double[]? Weights { get; }

    /// <summary>Number of rows that end in an event.</summary>
    public int EventCount { get; }

    /// <summary>Sorted row → the caller's row.</summary>
    public int[] Order { get; }

    /// <summary>The caller's row → sorted row: where a reader writes that row's covariates.</summary>
    public int[] Position { get; }

    /// <summary>First sorted row of each stratum (one stratum: [0, N]).</summary>
    public int[] Begin { get; }

    /// <summary>Stratum index per caller's row.</summary>
    public int[] StratumCode { get; }

    /// <summary>The stratum codes by stratum index.</summary>
    public int[] StratumValues { get; }
}
