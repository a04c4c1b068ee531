namespace TrustMetrics.Survival;

/// <summary>
/// Survival analysis of churn: durations with event flags (1 = churned, 0 = still active, i.e. right-censored) give Kaplan–Meier
/// survival curves, Nelson–Aalen cumulative hazards and log-rank tests between groups. Implementations are stateless and
/// thread-safe. Formulas, conventions and sources: docs/survival.md.
/// </summary>
public interface ISurvivalAnalyzer
{
    /// <summary>The Kaplan–Meier curve of a tally with Greenwood standard errors and pointwise intervals.</summary>
    /// <param name="tally">A non-empty tally.</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    /// <param name="method">Pointwise interval method; null uses the configured default (log-log unless configured).</param>
    /// <exception cref="ArgumentException">The tally is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside (0, 1) or the method unknown.</exception>
    KaplanMeierResult KaplanMeier(SurvivalTally tally, double? confidenceLevel = null, SurvivalIntervalMethod? method = null);

    /// <summary>The Kaplan–Meier curve of durations with 0/1 event flags stored one per byte.</summary>
    /// <param name="durations">Durations, finite and ≥ 0.</param>
    /// <param name="events">1 = churned, 0 = censored; one per duration.</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    /// <param name="method">Pointwise interval method; null uses the configured default.</param>
    /// <exception cref="ArgumentException">The spans are empty or differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A duration or flag is invalid (the message names its index and value), or a setting is.</exception>
    KaplanMeierResult KaplanMeier(ReadOnlySpan<double> durations, ReadOnlySpan<byte> events, double? confidenceLevel = null, SurvivalIntervalMethod? method = null);

    /// <summary>The Kaplan–Meier curve of durations with Boolean event flags (true = churned).</summary>
    /// <param name="durations">Durations, finite and ≥ 0.</param>
    /// <param name="events">true = churned, false = censored; one per duration.</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    /// <param name="method">Pointwise interval method; null uses the configured default.</param>
    /// <exception cref="ArgumentException">The spans are empty or differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A duration is invalid (the message names its index and value), or a setting is.</exception>
    KaplanMeierResult KaplanMeier(ReadOnlySpan<double> durations, ReadOnlySpan<bool> events, double? confidenceLevel = null, SurvivalIntervalMethod? method = null);

    /// <summary>The Nelson–Aalen cumulative hazard of a tally with its variance and interval.</summary>
    /// <param name="tally">A non-empty tally.</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    /// <param name="ties">Tie handling; null uses <see cref="NelsonAalenTies.FlemingHarrington"/> (lifelines' default, R ctype 2).</param>
    /// <exception cref="ArgumentException">The tally is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside (0, 1) or the tie method unknown.</exception>
    NelsonAalenResult NelsonAalen(SurvivalTally tally, double? confidenceLevel = null, NelsonAalenTies? ties = null);

    /// <summary>The log-rank test across named groups (k ≥ 2), groups reported in the order given.</summary>
    /// <typeparam name="TKey">The group key type.</typeparam>
    /// <param name="groups">(key, tally) pairs, for example a dictionary; keys distinct, tallies non-empty.</param>
    /// <exception cref="ArgumentException">Fewer than two groups, or an empty or repeated group. A singular variance is not an error: the statistic uses a generalized inverse on rank(V) degrees of freedom, and with no event while two groups were at risk the result is χ² = 0 on 0 df, p = 1 (R <c>survdiff</c> prints χ² 0).</exception>
    LogRankResult<TKey> LogRank<TKey>(IEnumerable<KeyValuePair<TKey, SurvivalTally>> groups)
        where TKey : notnull;

    /// <summary>
    /// A Fleming–Harrington G(ρ, γ) weighted log-rank test across named groups: each event time weighted by Ŝ(t−)^ρ(1 − Ŝ(t−))^γ of the
    /// pooled Kaplan–Meier curve (R <c>survdiff(rho = ρ)</c> for γ = 0). Groups reported in the order given.
    /// </summary>
    /// <typeparam name="TKey">The group key type.</typeparam>
    /// <param name="groups">(key, tally) pairs; keys distinct, tallies non-empty.</param>
    /// <param name="weights">The weights; <see cref="LogRankWeights.LogRank"/> gives the ordinary test.</param>
    /// <exception cref="ArgumentException">Fewer than two groups, or an empty or repeated group (a singular variance is handled as in the ordinary test: generalized inverse on rank(V) df).</exception>
    LogRankResult<TKey> LogRank<TKey>(IEnumerable<KeyValuePair<TKey, SurvivalTally>> groups, LogRankWeights weights)
        where TKey : notnull;

    /// <summary>
    /// The stratified (optionally weighted) log-rank test: groups are compared within each stratum (e.g. plan or acquisition channel)
    /// and the scores and variances are summed over strata, as R <c>survdiff(Surv(t, e) ~ group + strata(s))</c>; a difference that is
    /// only a difference between strata does not count. Weights use each stratum's own pooled Kaplan–Meier curve, as R.
    /// </summary>
    /// <typeparam name="TStratum">The stratum key type.</typeparam>
    /// <typeparam name="TKey">The group key type.</typeparam>
    /// <param name="cells">(stratum, group, tally) cells; each (stratum, group) at most once, tallies non-empty. Groups in order of first appearance.</param>
    /// <param name="weights">The weights; null for the ordinary log-rank test.</param>
    /// <exception cref="ArgumentException">Fewer than two groups, or an empty or repeated cell (a singular variance is handled as in the ordinary test: generalized inverse on rank(V) df).</exception>
    LogRankResult<TKey> StratifiedLogRank<TStratum, TKey>(IEnumerable<(TStratum Stratum, TKey Group, SurvivalTally Tally)> cells, LogRankWeights? weights = null)
        where TStratum : notnull
        where TKey : notnull;

    /// <summary>
    /// Log-rank tests between every two groups, each on the pair's own subjects, with Holm-adjusted p-values (as R
    /// <c>survminer::pairwise_survdiff(p.adjust.method = "holm")</c>).
    /// </summary>
    /// <typeparam name="TKey">The group key type.</typeparam>
    /// <param name="groups">(key, tally) pairs (at least two); keys distinct, tallies non-empty.</param>
    /// <param name="weights">The weights; null for the ordinary log-rank test.</param>
    /// <exception cref="ArgumentException">Fewer than two groups, or an empty or repeated group (a pair with a singular variance gets χ² on rank(V) df, χ² = 0 and p = 1 when it has no event).</exception>
    PairwiseLogRankResult<TKey> PairwiseLogRank<TKey>(IEnumerable<KeyValuePair<TKey, SurvivalTally>> groups, LogRankWeights? weights = null)
        where TKey : notnull;

    /// <summary>
    /// The difference of the restricted mean survival times RMST₁(τ) − RMST₂(τ) of two Kaplan–Meier curves (independent groups) with
    /// SE = √(SE₁² + SE₂²), a normal interval and the z test (Royston &amp; Parmar 2013; R <c>survRM2::rmst2</c>).
    /// </summary>
    /// <param name="first">The first group's curve.</param>
    /// <param name="second">The second group's curve.</param>
    /// <param name="horizon">τ, finite and ≥ 0.</param>
    /// <param name="confidenceLevel">Level of the difference's interval; null uses the configured default.</param>
    /// <exception cref="ArgumentNullException">A curve is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">τ is negative, NaN or infinite, or the level is outside (0, 1).</exception>
    RestrictedMeanDifference CompareRestrictedMeans(KaplanMeierResult first, KaplanMeierResult second, double horizon, double? confidenceLevel = null);

    /// <summary>
    /// Cumulative incidence of each competing cause (Aalen–Johansen) with infinitesimal-jackknife standard errors and pointwise
    /// intervals, as R survival 3.5-3 <c>survfit(Surv(time, factor(status)) ~ 1)</c> (<c>pstate</c>, <c>std.err</c>).
    /// </summary>
    /// <param name="tally">A non-empty tally.</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    /// <param name="method">Pointwise interval method (R's conf.type applied to F̂); null uses the configured default.</param>
    /// <exception cref="ArgumentException">The tally is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside (0, 1) or the method unknown.</exception>
    CumulativeIncidenceResult CumulativeIncidence(CompetingRisksTally tally, double? confidenceLevel = null, SurvivalIntervalMethod? method = null);

    /// <summary>
    /// Gray's (1988) test of equal cumulative incidence of <paramref name="cause"/> across groups, with weights (1 − F̂⁰(t−))^ρ
    /// (R <c>cmprsk::cuminc(..., rho)</c>).
    /// </summary>
    /// <typeparam name="TKey">The group key type.</typeparam>
    /// <param name="groups">(key, tally) pairs (at least two); keys distinct, tallies non-empty.</param>
    /// <param name="cause">The cause compared; at least one group has an event of it.</param>
    /// <param name="rho">ρ, finite and ≥ 0 (0: cuminc's default).</param>
    /// <exception cref="ArgumentException">Fewer than two groups, an empty or repeated group, a cause no group has, or a singular variance.</exception>
    /// <exception cref="ArgumentOutOfRangeException">ρ is negative, NaN or infinite.</exception>
    GrayTestResult<TKey> GrayTest<TKey>(IEnumerable<KeyValuePair<TKey, CompetingRisksTally>> groups, string cause, double rho = 0)
        where TKey : notnull;

    /// <summary>
    /// Kaplan–Meier per group in one pass over (group, duration, event) rows, and the log-rank test between the groups when there
    /// are two or more. Groups in ordinal key order for strings, <see cref="Comparer{T}.Default"/> otherwise.
    /// </summary>
    /// <typeparam name="TKey">The group key type.</typeparam>
    /// <param name="subjects">(group, duration ≥ 0 and finite, event) rows; event true = churned.</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    /// <param name="method">Pointwise interval method; null uses the configured default.</param>
    /// <exception cref="ArgumentException">There is no row, or the log-rank variance is singular.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A duration is invalid (the message names its row and value), or a setting is.</exception>
    SurvivalComparison<TKey> KaplanMeierByGroup<TKey>(IEnumerable<(TKey Group, double Duration, bool Event)> subjects,
        double? confidenceLevel = null, SurvivalIntervalMethod? method = null)
        where TKey : notnull;
}
