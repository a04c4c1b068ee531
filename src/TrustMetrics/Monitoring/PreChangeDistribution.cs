using System.Globalization;
using TrustMetrics.Nps;

namespace TrustMetrics.Monitoring;

/// <summary>
/// The distribution of one observation before a change, on a finite set of values (a proportion: 0/1; NPS: −1/0/+1; CSAT:
/// 1–5), usually the baseline period's frequencies. Change detectors use it twice: the post-change alternative is its
/// exponential tilt with the lowered mean (the distribution nearest to it in Kullback–Leibler divergence among those with that
/// mean), and their thresholds are computed for the ARL₀ under it.
/// </summary>
public sealed class PreChangeDistribution
{
    private readonly double[] _values;
    private readonly double[] _probabilities;

    private PreChangeDistribution(double[] values, double[] probabilities)
    {
        _values = values;
        _probabilities = probabilities;
        double mean = 0;
        for (int i = 0; i < values.Length; i++)
        {
            mean += values[i] * probabilities[i];
        }

        Mean = mean;
    }

    /// <summary>The distinct values, increasing.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>Their probabilities (sum 1).</summary>
    public IReadOnlyList<double> Probabilities => _probabilities;

    /// <summary>The mean Σ pᵢ vᵢ.</summary>
    public double Mean { get; }

    internal ReadOnlySpan<double> ValueSpan => _values;

    internal ReadOnlySpan<double> ProbabilitySpan => _probabilities;

    /// <summary>The distribution of the given counts (e.g. the baseline period's answers per value).</summary>
    /// <param name="values">Distinct finite values, at least two.</param>
    /// <param name="counts">Non-negative counts, one per value, at least two of them positive.</param>
    /// <exception cref="ArgumentNullException">A list is null.</exception>
    /// <exception cref="ArgumentException">The lists differ in length, a value repeats, or fewer than two values have a positive count.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is not finite or a count is negative; the message names the index.</exception>
    public static PreChangeDistribution FromCounts(IReadOnlyList<double> values, IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(counts);
        if (values.Count != counts.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"values has {values.Count} elements but counts has {counts.Count}: they pair one to one."), nameof(counts));
        }

        double total = 0;
        for (int i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(values), values[i], $"values[{i}] must be a finite number; got {Guard.Format(values[i])}.");
            }

            if (counts[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(counts), counts[i], $"counts[{i}] must not be negative; got {counts[i]}.");
            }

            total += counts[i];
        }

        var order = Enumerable.Range(0, values.Count).Where(i => counts[i] > 0).OrderBy(i => values[i]).ToArray();
        for (int k = 1; k < order.Length; k++)
        {
            if (values[order[k]] == values[order[k - 1]])
            {
                throw new ArgumentException($"values[{order[k]}] = {Guard.Format(values[order[k]])} repeats values[{order[k - 1]}]: values must be distinct.", nameof(values));
            }
        }

        if (order.Length < 2)
        {
            throw new ArgumentException("At least two values need a positive count: a distribution concentrated on one value cannot drop in a detectable way (every observation below it is impossible under it).", nameof(counts));
        }

        return new PreChangeDistribution(order.Select(i => values[i]).ToArray(), order.Select(i => counts[i] / total).ToArray());
    }

    /// <summary>The −1/0/+1 distribution of an NPS tally (detractors, passives, promoters).</summary>
    /// <param name="tally">The baseline tally; at least two of its classes non-empty.</param>
    /// <exception cref="ArgumentException">Fewer than two classes are non-empty.</exception>
    public static PreChangeDistribution FromNpsTally(NpsTally tally) =>
        FromCounts([-1.0, 0.0, 1.0], [tally.Detractors, tally.Passives, tally.Promoters]);

    /// <summary>Internal: from values and probabilities already checked (a state read back).</summary>
    internal static PreChangeDistribution FromProbabilities(double[] values, double[] probabilities) => new(values, probabilities);

    /// <summary>"{−1: 0.3, 0: 0.3, 1: 0.4} (mean 0.1)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{{{string.Join(", ", _values.Select((v, i) => string.Create(CultureInfo.InvariantCulture, $"{v:G6}: {_probabilities[i]:G4}")))}}} (mean {Mean:G6})");
}
