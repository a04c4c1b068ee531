using TrustMetrics.Cli.TrustIndex;
using TrustMetrics.Monitoring;
using TrustMetrics.Nps;

namespace TrustMetrics.Cli.Report;

/// <summary>
/// The anytime-valid band of a time chart: for each period, the confidence sequence (<see cref="ConfidenceSequence"/>, the
/// normal-mixture boundary of Howard et al. 2021, α = 1 − the report's level, tightest at 1,000 answers) of that period's answers —
/// the interval that stays valid however often the period was looked at while its answers came in (daily, after every answer),
/// where the fixed-n interval beside it holds only for one look at the period's end. It depends on the answers through (n, Σx) only,
/// so it is computed from the period's counts.
/// </summary>
internal static class AnytimeBands
{
    /// <summary>The interval of answers taking <c>Value</c> <c>Count</c> times each, on the range [<paramref name="lower"/>, <paramref name="upper"/>].</summary>
    public static AnytimeInterval Of(double lower, double upper, double alpha, IEnumerable<(double Value, long Count)> counts)
    {
        var sequence = new ConfidenceSequence(lower, upper, alpha);
        foreach (var (value, count) in counts)
        {
            for (long i = 0; i < count; i++)
            {
                sequence.Add(value);
            }
        }

        return sequence.Interval();
    }

    /// <summary>NPS in points (−100..100): the sequence of −1/0/+1 answers ×100.</summary>
    public static (double Lower, double Upper) Nps(NpsTally tally, double alpha) => Net(tally.Detractors, tally.Passives, tally.Promoters, alpha);

    /// <summary>A net score in points (−100..100; NPS, net sentiment): the sequence of −1/0/+1 answers ×100; NaN when there are none.</summary>
    public static (double Lower, double Upper) Net(long negative, long neutral, long positive, double alpha)
    {
        if (negative + neutral + positive == 0)
        {
            return (double.NaN, double.NaN);
        }

        var i = Of(-1, 1, alpha, [(-1, negative), (0, neutral), (1, positive)]);
        return (100 * i.Lower, 100 * i.Upper);
    }

    /// <summary>A proportion in percent (0..100; a period's churn): the sequence of 0/1 outcomes ×100; NaN when <paramref name="n"/> is 0.</summary>
    public static (double Lower, double Upper) Percent(long successes, long n, double alpha)
    {
        if (n <= 0)
        {
            return (double.NaN, double.NaN);
        }

        var i = Of(0, 1, alpha, [(1, successes), (0, n - successes)]);
        return (100 * i.Lower, 100 * i.Upper);
    }

    /// <summary>A mean rating on 1..<c>counts.Length</c> from the count of each star (<c>counts[k]</c> answers of k + 1 stars); NaN when there are none.</summary>
    public static (double Lower, double Upper) Stars(IReadOnlyList<long> counts, double alpha)
    {
        if (counts.Sum() == 0)
        {
            return (double.NaN, double.NaN);
        }

        var i = Of(1, counts.Count, alpha, counts.Select((c, k) => (k + 1.0, c)));
        return (i.Lower, i.Upper);
    }

    /// <summary>The band of a bounded mean from its answers (trust scores 0–100); NaN when there are none.</summary>
    public static (double Lower, double Upper) Mean(double lower, double upper, double alpha, IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        var sequence = new ConfidenceSequence(lower, upper, alpha);
        foreach (double v in values)
        {
            sequence.Add(v);
        }

        var i = sequence.Interval();
        return (i.Lower, i.Upper);
    }

    /// <summary>The legend entry of the dashed band.</summary>
    public static string Legend(ReportContext context) => context.Labels.Format("chart.anytimeBand", context.Level);

    /// <summary>
    /// The trust chart's bands: for <paramref name="measure"/> (the index or a driver), each (group, period)'s respondent scores on
    /// 0–100 (<see cref="ReportMonitors.TrustScores"/>), everyone under <see cref="ReportGroups.All"/>.
    /// </summary>
    public static Dictionary<(string Group, string Period), (double Lower, double Upper)> Trust(TrustIndexInput.Data input, string? measure, double alpha)
    {
        var bands = new Dictionary<(string, string), (double, double)>();
        if (input.Periods is not { } periods)
        {
            return bands;
        }

        var scores = ReportMonitors.TrustScores(input).FirstOrDefault(s => s.Measure == measure).Scores;
        if (scores is null)
        {
            return bands;
        }

        var cells = new Dictionary<(string, string), List<double>>();
        for (int r = 0; r < scores.Length; r++)
        {
            if (!double.IsFinite(scores[r]))
            {
                continue;
            }

            string group = input.Survey.Segments?[r] ?? ReportGroups.All;
            foreach (var key in group == ReportGroups.All ? [(group, periods[r])] : new[] { (group, periods[r]), (ReportGroups.All, periods[r]) })
            {
                if (!cells.TryGetValue(key, out var list))
                {
                    cells[key] = list = [];
                }

                list.Add(scores[r]);
            }
        }

        foreach (var (key, values) in cells)
        {
            bands[key] = Mean(0, 100, alpha, values);
        }

        return bands;
    }
}
