namespace TrustMetrics.Clv;

/// <summary>
/// Settings of a holdout evaluation: the models to fit and score (default BG/NBD, MBG/NBD, Pareto/NBD), the first calibration
/// frequency that is grouped into the tail bin of the calibration table (default 7: bins 0, 1, …, 6 and "7+", as Fader, Hardie
/// &amp; Lee 2005 Figure 4) and the fit options. Validated in the constructor; immutable.
/// </summary>
public sealed class HoldoutEvaluationOptions
{
    private readonly HoldoutModel[] models;

    /// <summary>Settings.</summary>
    /// <param name="models">Models to score, in output order; null = BG/NBD, MBG/NBD, Pareto/NBD. Each at most once.</param>
    /// <param name="tailFrequency">Calibration frequencies ≥ this value share the last bin; ≥ 1. Default 7.</param>
    /// <param name="fitOptions">Fit settings of every model (penalizer, iterations, tolerance); null = defaults.</param>
    /// <exception cref="ArgumentException">The model list is empty, names an undefined model or repeats one.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tailFrequency"/> is below 1.</exception>
    public HoldoutEvaluationOptions(IEnumerable<HoldoutModel>? models = null, int tailFrequency = 7, ClvFitOptions? fitOptions = null)
    {
        var list = models?.ToArray() ?? [HoldoutModel.BgNbd, HoldoutModel.MbgNbd, HoldoutModel.ParetoNbd];
        if (list.Length == 0)
        {
            throw new ArgumentException("At least one model must be scored.", nameof(models));
        }

        for (int i = 0; i < list.Length; i++)
        {
            Guard.Defined(list[i], nameof(models));
            if (Array.IndexOf(list, list[i]) != i)
            {
                throw new ArgumentException($"models lists {list[i]} twice (index {Array.IndexOf(list, list[i])} and {i}).", nameof(models));
            }
        }

        if (tailFrequency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(tailFrequency), tailFrequency, $"tailFrequency must be at least 1; got {tailFrequency}.");
        }

        this.models = list;
        TailFrequency = tailFrequency;
        FitOptions = fitOptions ?? ClvFitOptions.Default;
    }

    /// <summary>The defaults: BG/NBD, MBG/NBD, Pareto/NBD; tail bin 7+; default fit options.</summary>
    public static HoldoutEvaluationOptions Default { get; } = new();

    /// <summary>Models to score, in output order.</summary>
    public IReadOnlyList<HoldoutModel> Models => models;

    /// <summary>First calibration frequency of the tail bin.</summary>
    public int TailFrequency { get; }

    /// <summary>Fit settings of every model.</summary>
    public ClvFitOptions FitOptions { get; }
}
