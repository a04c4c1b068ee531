using TrustMetrics.Grouping;
using TrustMetrics.Statistics;

namespace TrustMetrics.Survival;

/// <summary>The standard <see cref="ISurvivalAnalyzer"/>: formulas in docs/survival.md; stateless after construction and thread-safe.</summary>
public sealed class SurvivalAnalyzer : ISurvivalAnalyzer
{
    private readonly TrustMetricsOptions options;

    /// <summary>An analyzer with the library defaults (95%, log-log intervals).</summary>
    public SurvivalAnalyzer()
        : this(new TrustMetricsOptions())
    {
    }

    /// <summary>An analyzer with the given defaults (validated and copied): <see cref="TrustMetricsOptions.ConfidenceLevel"/> and <see cref="TrustMetricsOptions.SurvivalIntervalMethod"/>.</summary>
    /// <param name="options">Defaults for level and interval method.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid.</exception>
    public SurvivalAnalyzer(TrustMetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Snapshot();
    }

    /// <inheritdoc/>
    public KaplanMeierResult KaplanMeier(SurvivalTally tally, double? confidenceLevel = null, SurvivalIntervalMethod? method = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        var (level, chosen) = Settings(confidenceLevel, method);
        return KaplanMeierEstimator.Compute(NonEmpty(tally, "Kaplan–Meier", nameof(tally)), level, chosen);
    }

    /// <inheritdoc/>
    public KaplanMeierResult KaplanMeier(ReadOnlySpan<double> durations, ReadOnlySpan<byte> events, double? confidenceLevel = null,
        SurvivalIntervalMethod? method = null)
    {
        var (level, chosen) = Settings(confidenceLevel, method);
        return KaplanMeierEstimator.Compute(NonEmpty(SurvivalTally.FromDurations(durations, events), "Kaplan–Meier", nameof(durations)), level, chosen);
    }

    /// <inheritdoc/>
    public KaplanMeierResult KaplanMeier(ReadOnlySpan<double> durations, ReadOnlySpan<bool> events, double? confidenceLevel = null,
        SurvivalIntervalMethod? method = null)
    {
        var (level, chosen) = Settings(confidenceLevel, method);
        return KaplanMeierEstimator.Compute(NonEmpty(SurvivalTally.FromDurations(durations, events), "Kaplan–Meier", nameof(durations)), level, chosen);
    }

    /// <inheritdoc/>
    public NelsonAalenResult NelsonAalen(SurvivalTally tally, double? confidenceLevel = null, NelsonAalenTies? ties = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        double level = confidenceLevel ?? options.ConfidenceLevel;
        Guard.ConfidenceLevel(level, nameof(confidenceLevel));
        var chosen = ties ?? NelsonAalenTies.FlemingHarrington;
        Guard.Defined(chosen, nameof(ties));
        return NelsonAalenEstimator.Compute(NonEmpty(tally, "Nelson–Aalen", nameof(tally)), level, chosen);
    }

    /// <inheritdoc/>
    public LogRankResult<TKey> LogRank<TKey>(IEnumerable<KeyValuePair<TKey, SurvivalTally>> groups)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(groups);
        return LogRankTest.Compute(groups.ToList(), nameof(groups));
    }

    /// <inheritdoc/>
    public LogRankResult<TKey> LogRank<TKey>(IEnumerable<KeyValuePair<TKey, SurvivalTally>> groups, LogRankWeights weights)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(weights);
        return LogRankTest.Compute(groups.ToList(), weights, nameof(groups));
    }

    /// <inheritdoc/>
    public LogRankResult<TKey> StratifiedLogRank<TStratum, TKey>(IEnumerable<(TStratum Stratum, TKey Group, SurvivalTally Tally)> cells,
        LogRankWeights? weights = null)
        where TStratum : notnull
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(cells);
        var (keys, list, strata) = Cells(cells, nameof(cells));
        return LogRankTest.Compute(keys, list, strata, weights ?? LogRankWeights.LogRank, nameof(cells));
    }

    /// <inheritdoc/>
    public PairwiseLogRankResult<TKey> PairwiseLogRank<TKey>(IEnumerable<KeyValuePair<TKey, SurvivalTally>> groups, LogRankWeights? weights = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(groups);
        var list = groups.ToList();
        var chosen = weights ?? LogRankWeights.LogRank;
        _ = LogRankTest.Compute(list, chosen, nameof(groups)); // validates the groups (at least two, none empty or repeated)
        var tests = new List<(TKey First, TKey Second, LogRankResult<TKey> Test)>();
        for (int i = 0; i < list.Count; i++)
        {
            for (int j = i + 1; j < list.Count; j++)
            {
                tests.Add((list[i].Key, list[j].Key, LogRankTest.Compute([list[i], list[j]], chosen, nameof(groups))));
            }
        }

        var adjusted = PValueAdjustment.Holm(tests.Select(t => t.Test.PValue).ToArray());
        var pairs = tests.Select((t, i) => new LogRankPair<TKey>(t.First, t.Second, t.Test, adjusted[i])).ToArray();
        return new PairwiseLogRankResult<TKey>(pairs, chosen);
    }

    /// <inheritdoc/>
    public RestrictedMeanDifference CompareRestrictedMeans(KaplanMeierResult first, KaplanMeierResult second, double horizon, double? confidenceLevel = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        double level = confidenceLevel ?? options.ConfidenceLevel;
        Guard.ConfidenceLevel(level, nameof(confidenceLevel));
        return new RestrictedMeanDifference(horizon, first.RestrictedMean(horizon), second.RestrictedMean(horizon), level);
    }

    /// <inheritdoc/>
    public CumulativeIncidenceResult CumulativeIncidence(CompetingRisksTally tally, double? confidenceLevel = null, SurvivalIntervalMethod? method = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        var (level, chosen) = Settings(confidenceLevel, method);
        if (tally.IsEmpty)
        {
            throw new ArgumentException("Cumulative incidence is undefined for an empty sample: there are no subjects.", nameof(tally));
        }

        return AalenJohansenEstimator.Compute(tally, level, chosen);
    }

    /// <inheritdoc/>
    public GrayTestResult<TKey> GrayTest<TKey>(IEnumerable<KeyValuePair<TKey, CompetingRisksTally>> groups, string cause, double rho = 0)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(groups);
        Guard.NotEmpty(cause);
        if (!(rho >= 0 && rho <= double.MaxValue))
        {
            throw new ArgumentOutOfRangeException(nameof(rho), rho, $"The weight exponent rho must be finite and ≥ 0; got {Guard.Format(rho)}.");
        }

        return GrayTestComputation.Compute(groups.ToList(), cause, rho + 0.0, nameof(groups));
    }

    /// <inheritdoc/>
    public SurvivalComparison<TKey> KaplanMeierByGroup<TKey>(IEnumerable<(TKey Group, double Duration, bool Event)> subjects,
        double? confidenceLevel = null, SurvivalIntervalMethod? method = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var (level, chosen) = Settings(confidenceLevel, method);
        var buffers = new Dictionary<TKey, SurvivalTally.Builder>();
        long index = 0;
        foreach (var (group, duration, churned) in subjects)
        {
            if (!(duration >= 0 && duration <= double.MaxValue))
            {
                throw new ArgumentOutOfRangeException(nameof(subjects), duration,
                    $"{nameof(subjects)}[{index}].Duration = {Guard.Format(duration)} (group '{group}') is not a valid duration: durations must be finite and ≥ 0.");
            }

            if (!buffers.TryGetValue(group, out var buffer))
            {
                buffer = new SurvivalTally.Builder();
                buffers.Add(group, buffer);
            }

            buffer.Add(duration, churned);
            index++;
        }

        if (buffers.Count == 0)
        {
            throw new ArgumentException("Kaplan–Meier by group is undefined for an empty sample: there are no subjects.", nameof(subjects));
        }

        var comparer = typeof(TKey) == typeof(string) ? (IComparer<TKey>)(object)StringComparer.Ordinal : Comparer<TKey>.Default;
        var tallies = buffers.OrderBy(pair => pair.Key, comparer)
            .Select(pair => new KeyValuePair<TKey, SurvivalTally>(pair.Key, pair.Value.Build()))
            .ToList();
        var curves = tallies.Select(pair => new GroupResult<TKey, KaplanMeierResult>(pair.Key, KaplanMeierEstimator.Compute(pair.Value, level, chosen)))
            .ToList();
        var logRank = tallies.Count >= 2 ? LogRankTest.Compute(tallies, nameof(subjects)) : null;
        return new SurvivalComparison<TKey>([.. curves], logRank);
    }

    private static (TKey[] Keys, LogRankTest.Cell[] Cells, int Strata) Cells<TStratum, TKey>(
        IEnumerable<(TStratum Stratum, TKey Group, SurvivalTally Tally)> cells, string paramName)
        where TStratum : notnull
        where TKey : notnull
    {
        var strata = new Dictionary<TStratum, int>();
        var groups = new Dictionary<TKey, int>();
        var keys = new List<TKey>();
        var seen = new HashSet<(int, int)>();
        var list = new List<LogRankTest.Cell>();
        long index = 0;
        foreach (var (stratum, group, tally) in cells)
        {
            if (stratum is null || group is null || tally is null)
            {
                throw new ArgumentException($"{paramName}[{index}] has a null stratum, group or tally.", paramName);
            }

            if (tally.IsEmpty)
            {
                throw new ArgumentException($"{paramName}[{index}] (stratum '{stratum}', group '{group}') is empty: give only cells with subjects.", paramName);
            }

            if (!strata.TryGetValue(stratum, out int s))
            {
                s = strata.Count;
                strata.Add(stratum, s);
            }

            if (!groups.TryGetValue(group, out int g))
            {
                g = groups.Count;
                groups.Add(group, g);
                keys.Add(group);
            }

            if (!seen.Add((s, g)))
            {
                throw new ArgumentException($"Group '{group}' is given more than once in stratum '{stratum}'.", paramName);
            }

            list.Add(new LogRankTest.Cell(s, g, tally));
            index++;
        }

        return ([.. keys], [.. list], strata.Count);
    }

    private (double Level, SurvivalIntervalMethod Method) Settings(double? confidenceLevel, SurvivalIntervalMethod? method)
    {
        double level = confidenceLevel ?? options.ConfidenceLevel;
        Guard.ConfidenceLevel(level, nameof(confidenceLevel));
        var chosen = method ?? options.SurvivalIntervalMethod;
        Guard.Defined(chosen, nameof(method));
        return (level, chosen);
    }

    private static SurvivalTally NonEmpty(SurvivalTally tally, string metric, string paramName) => tally.IsEmpty
        ? throw new ArgumentException($"{metric} is undefined for an empty sample: there are no subjects.", paramName)
        : tally;
}
