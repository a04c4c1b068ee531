using System.Globalization;
using TrustMetrics.Estimation;

namespace TrustMetrics.Nps;

/// <summary>
/// Impact of one topic (tag) on NPS: how much the overall NPS would change if the respondents who mention the topic were
/// removed, Impact = NPS(all) − NPS(all without the topic's respondents), in points, with a delta-method standard error,
/// Wald interval and z test. With n respondents split into the topic group T (n_T, NPS N_T) and the rest R (n_R, NPS N_R),
/// NPS(all) = (n_T·N_T + n_R·N_R)/n, so Impact = π_T·(N_T − N_R) with π_T = n_T/n. Treating the 2×3 table topic ×
/// {promoter, passive, detractor} as one multinomial sample of size n (n_T random), the delta method gives exactly
/// Var = [π_T·v_T + (π_T²/π_R)·v_R + π_T·π_R·(N_T − N_R)²] / n, where v_G = (p_G + d_G) − (p_G − d_G)² is the variance of
/// the ±1/0 score within group G (shares p_G, d_G of promoters and detractors in G) and π_R = 1 − π_T; the derivation is
/// in docs/nps.md §Topic impact. Undefined cases (no respondent has the topic, or every respondent has it) give
/// <c>null</c> impact, SE, interval and p; p is also <c>null</c> when SE = 0 (then the impact is 0).
/// </summary>
public sealed class NpsTopicImpact
{
    internal NpsTopicImpact(string topic, long respondents, double share, double? impact, double? standardError,
        double? lower, double? upper, double? pValue, double confidenceLevel)
    {
        Topic = topic;
        Respondents = respondents;
        Share = share;
        Impact = impact;
        StandardError = standardError;
        Lower = lower;
        Upper = upper;
        PValue = pValue;
        ConfidenceLevel = confidenceLevel;
    }

    /// <summary>The topic (tag) label.</summary>
    public string Topic { get; }

    /// <summary>n_T: respondents who mention the topic.</summary>
    public long Respondents { get; }

    /// <summary>π_T = n_T / n, the share of respondents who mention the topic (0–1).</summary>
    public double Share { get; }

    /// <summary>NPS(all) − NPS(all without the topic's respondents) = π_T·(N_T − N_R), in points; <c>null</c> when n_T = 0 or n_R = 0.</summary>
    public double? Impact { get; }

    /// <summary>Delta-method standard error of <see cref="Impact"/> in points (formula in the type summary); <c>null</c> when the impact is.</summary>
    public double? StandardError { get; }

    /// <summary>Lower bound of the Wald interval Impact − z_{α/2}·SE; <c>null</c> when the impact is.</summary>
    public double? Lower { get; }

    /// <summary>Upper bound of the Wald interval Impact + z_{α/2}·SE; <c>null</c> when the impact is.</summary>
    public double? Upper { get; }

    /// <summary>Two-sided p-value of the z test of Impact = 0, 2Φ(−|Impact/SE|); <c>null</c> when SE is 0 or undefined.</summary>
    public double? PValue { get; }

    /// <summary>Confidence level of the interval (e.g. 0.95).</summary>
    public double ConfidenceLevel { get; }

    /// <summary>
    /// The impact of one topic: <paramref name="withTopic"/> tallies the respondents who mention it, <paramref name="all"/>
    /// every respondent (including them). Formula and variance in the type summary.
    /// </summary>
    /// <param name="topic">The topic label, not empty.</param>
    /// <param name="withTopic">Tally of the respondents who mention the topic; each count at most the same count of <paramref name="all"/>.</param>
    /// <param name="all">Tally of all respondents; not empty.</param>
    /// <param name="confidenceLevel">Interval level, strictly between 0 and 1.</param>
    /// <exception cref="ArgumentException">The topic is empty, <paramref name="all"/> is empty, a count of <paramref name="withTopic"/> exceeds that of <paramref name="all"/>, or the level is outside (0, 1).</exception>
    public static NpsTopicImpact Estimate(string topic, NpsTally withTopic, NpsTally all, double confidenceLevel = 0.95)
    {
        Guard.NotEmpty(topic);
        Guard.ConfidenceLevel(confidenceLevel);
        if (all.Count == 0)
        {
            throw Guard.Empty("Topic impact", nameof(all));
        }

        Within(withTopic.Detractors, all.Detractors, "detractors");
        Within(withTopic.Passives, all.Passives, "passives");
        Within(withTopic.Promoters, all.Promoters, "promoters");

        double n = all.Count;
        long nT = withTopic.Count;
        long nR = all.Count - nT;
        double share = nT / n;
        if (nT == 0 || nR == 0)
        {
            return new NpsTopicImpact(topic, nT, share, null, null, null, null, null, confidenceLevel);
        }

        var (netT, varT) = Moments(withTopic.Promoters, withTopic.Detractors, nT);
        var (netR, varR) = Moments(all.Promoters - withTopic.Promoters, all.Detractors - withTopic.Detractors, nR);
        double piT = share, piR = nR / n, delta = netT - netR;
        double impact = piT * delta;
        double variance = (piT * varT + piT * piT / piR * varR + piT * piR * delta * delta) / n;
        double se = Math.Sqrt(Math.Max(0.0, variance));
        double half = CriticalValues.TwoSidedZ(confidenceLevel) * se;
        double? p = se > 0 ? CriticalValues.TwoSidedP(impact / se) : null;
        return new NpsTopicImpact(topic, nT, share, 100.0 * impact, 100.0 * se, 100.0 * (impact - half), 100.0 * (impact + half), p, confidenceLevel);
    }

    /// <summary>
    /// The impact of every topic, ranked by impact from the most positive to the most negative (undefined impacts last,
    /// ties by topic in ordinal order).
    /// </summary>
    /// <param name="all">Tally of all respondents; not empty.</param>
    /// <param name="topics">Per topic, the tally of its respondents (a respondent with several topics counts in each).</param>
    /// <param name="confidenceLevel">Interval level, strictly between 0 and 1.</param>
    /// <exception cref="ArgumentException">As <see cref="Estimate"/>, for any topic; or a topic appears twice.</exception>
    public static IReadOnlyList<NpsTopicImpact> Rank(NpsTally all, IEnumerable<KeyValuePair<string, NpsTally>> topics, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<NpsTopicImpact>();
        foreach (var (topic, tally) in topics)
        {
            var item = Estimate(topic, tally, all, confidenceLevel);
            if (!seen.Add(topic))
            {
                throw new ArgumentException($"The topic '{topic}' appears twice.", nameof(topics));
            }

            list.Add(item);
        }

        var array = list.ToArray();
        Array.Sort(array, static (a, b) =>
        {
            int byImpact = (a.Impact, b.Impact) switch
            {
                (double x, double y) => y.CompareTo(x),
                (null, double) => 1,
                (double, null) => -1,
                _ => 0,
            };
            return byImpact != 0 ? byImpact : string.CompareOrdinal(a.Topic, b.Topic);
        });
        return Array.AsReadOnly(array);
    }

    /// <summary>"price: impact −3.2 points (n = 120, 24.0 %)" (invariant culture).</summary>
    public override string ToString() => Impact is double impact
        ? string.Create(CultureInfo.InvariantCulture, $"{Topic}: impact {impact:0.0##} points, SE {StandardError:0.0##} (n = {Respondents}, {Share:P1})")
        : string.Create(CultureInfo.InvariantCulture, $"{Topic}: impact undefined (n = {Respondents}, {Share:P1})");

    private static (double Net, double Variance) Moments(long promoters, long detractors, long count)
    {
        double p = (double)promoters / count, d = (double)detractors / count, net = p - d;
        return (net, p + d - net * net);
    }

    private static void Within(long part, long whole, string name)
    {
        if (part > whole)
        {
            throw new ArgumentOutOfRangeException("withTopic", part, $"withTopic has {part} {name}, more than the {whole} {name} of all respondents.");
        }
    }
}
