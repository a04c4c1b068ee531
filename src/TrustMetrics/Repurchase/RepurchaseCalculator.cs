using TrustMetrics.Clv;
using TrustMetrics.Estimation;
using TrustMetrics.Quantiles;
using TrustMetrics.Service;

namespace TrustMetrics.Repurchase;

/// <summary>The standard <see cref="IRepurchaseCalculator"/>; level and interval method from <see cref="TrustMetricsOptions"/>.</summary>
public sealed class RepurchaseCalculator : IRepurchaseCalculator
{
    private static readonly double[] Probabilities = [0.25, 0.5, 0.75, 0.9];

    private readonly double confidenceLevel;
    private readonly ProportionIntervalMethod method;

    /// <summary>A calculator with the library defaults (95%, Wilson).</summary>
    public RepurchaseCalculator()
        : this(new TrustMetricsOptions())
    {
    }

    /// <summary>A calculator with the given defaults (validated and copied).</summary>
    /// <param name="options">Level and proportion-interval method.</param>
    public RepurchaseCalculator(TrustMetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var valid = options.Snapshot();
        confidenceLevel = valid.ConfidenceLevel;
        method = valid.ProportionIntervalMethod;
    }

    /// <inheritdoc/>
    /// <remarks>The inter-purchase intervals report the 25th, 50th (median), 75th and 90th percentiles.</remarks>
    public RepurchaseResult Calculate<TKey>(TransactionSummarizer<TKey> transactions, ClvTimeUnit frequencyUnit = ClvTimeUnit.Month, double? confidenceLevel = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(transactions);
        Guard.Defined(frequencyUnit);
        if (frequencyUnit < transactions.Unit)
        {
            throw new ArgumentOutOfRangeException(nameof(frequencyUnit), frequencyUnit,
                $"The frequency table's unit ({frequencyUnit}) cannot be finer than the transactions' period unit ({transactions.Unit}).");
        }

        double level = confidenceLevel ?? this.confidenceLevel;
        Guard.ConfidenceLevel(level, nameof(confidenceLevel));
        long customers = 0, repeaters = 0, total = 0;
        var gaps = new List<double>();
        decimal gapSum = 0;
        var byPeriod = new SortedDictionary<int, (long Customers, long Purchases)>();
        foreach (var (_, periods, counts) in transactions.PurchasePeriods())
        {
            customers++;
            repeaters += periods.Length > 1 ? 1 : 0;
            int lastBucket = int.MinValue;
            for (int i = 0; i < periods.Length; i++)
            {
                var start = TransactionSummarizer<TKey>.StartOf(periods[i], transactions.Unit);
                total += counts[i];
                if (i > 0)
                {
                    double days = start.DayNumber - TransactionSummarizer<TKey>.StartOf(periods[i - 1], transactions.Unit).DayNumber;
                    gaps.Add(days);
                    gapSum += (decimal)days;
                }

                // Periods ascend, so a customer's purchases in one bucket are consecutive: count the customer once per bucket.
                int bucket = TransactionSummarizer<TKey>.PeriodOf(start.ToDateTime(TimeOnly.MinValue), frequencyUnit);
                var entry = byPeriod.GetValueOrDefault(bucket);
                byPeriod[bucket] = (entry.Customers + (bucket != lastBucket ? 1 : 0), entry.Purchases + counts[i]);
                lastBucket = bucket;
            }
        }

        if (customers == 0)
        {
            throw new ArgumentException("Repurchase metrics are undefined without customers: no transaction was added.", nameof(transactions));
        }

        DurationSummary? intervals = null;
        if (gaps.Count > 0)
        {
            var sorted = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(gaps);
            sorted.Sort();
            var points = new DurationPercentile[Probabilities.Length];
            for (int i = 0; i < points.Length; i++)
            {
                points[i] = new DurationPercentile(Probabilities[i], TimeSpan.FromDays(Statistics.SampleQuantile.Type7(sorted, Probabilities[i])));
            }

            intervals = new DurationSummary(gaps.Count, TimeSpan.FromDays((double)(gapSum / gaps.Count)), points, "exact-type7");
        }

        var table = byPeriod.Select(pair => new PurchaseFrequency(
            TransactionSummarizer<TKey>.StartOf(pair.Key, frequencyUnit), pair.Value.Customers, pair.Value.Purchases)).ToArray();
        return new RepurchaseResult(customers, repeaters, ProportionIntervals.Estimate(repeaters, customers, level, method), total, intervals, table);
    }
}
