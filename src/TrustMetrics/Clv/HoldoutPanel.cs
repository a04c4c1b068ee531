using System.Globalization;

namespace TrustMetrics.Clv;

/// <summary>
/// The data of a holdout evaluation, built from transactions: for each customer with a purchase up to the calibration end, the
/// calibration history (x, t_x, T) exactly as lifetimes' <c>calibration_and_holdout_data</c> builds it, the number of distinct
/// purchase periods in the holdout window (lifetimes' <c>frequency_holdout</c>), the customer's first-purchase time, and the
/// cohort's repeat purchases per period over calibration and holdout (the actual curve of Fader–Hardie's tracking plot).
/// Times are in the model unit (base periods ÷ multiplier: <c>ClvTimeUnit.Day</c> with multiplier 7 gives CDNOW's weeks);
/// "time 0" of the tracking curve is the start of the earliest first-purchase period. Immutable; memory is one entry per customer
/// and one counter per base period.
/// </summary>
public sealed class HoldoutPanel
{
    private readonly PurchaseHistory[] calibration;
    private readonly long[] holdout;
    private readonly double[] birth;
    private readonly double[] trackingTimes;
    private readonly long[] actualCumulative;

    private HoldoutPanel(PurchaseHistory[] calibration, long[] holdout, double[] birth, double holdoutDuration, double calibrationLength,
        double[] trackingTimes, long[] actualCumulative, DateTime calibrationEnd, DateTime observationEnd)
    {
        this.calibration = calibration;
        this.holdout = holdout;
        this.birth = birth;
        this.trackingTimes = trackingTimes;
        this.actualCumulative = actualCumulative;
        HoldoutDuration = holdoutDuration;
        CalibrationLength = calibrationLength;
        CalibrationEnd = calibrationEnd;
        ObservationEnd = observationEnd;
    }

    /// <summary>Number of customers (those with at least one purchase up to the calibration end).</summary>
    public int CustomerCount => calibration.Length;

    /// <summary>The calibration end as given (its period is the last calibration period).</summary>
    public DateTime CalibrationEnd { get; }

    /// <summary>The observation (holdout) end: the summarizer's observation end.</summary>
    public DateTime ObservationEnd { get; }

    /// <summary>Length t* of the holdout window in model units: (observation-end period − calibration-end period) ÷ multiplier (39 weeks for CDNOW).</summary>
    public double HoldoutDuration { get; }

    /// <summary>Time from the tracking origin (start of the earliest first-purchase period) to the end of the calibration window, in model units (39 weeks for CDNOW).</summary>
    public double CalibrationLength { get; }

    /// <summary>Total holdout purchases Σ holdout frequency (1,882 for CDNOW).</summary>
    public long HoldoutTotal { get; private init; }

    /// <summary>Each customer's calibration history, in the summarizer's customer order.</summary>
    internal ReadOnlySpan<PurchaseHistory> Calibration => calibration;

    /// <summary>Each customer's holdout purchase count.</summary>
    internal ReadOnlySpan<long> Holdout => holdout;

    /// <summary>Each customer's first purchase time after the tracking origin, in model units.</summary>
    internal ReadOnlySpan<double> Birth => birth;

    /// <summary>Tracking evaluation times (model units after the origin): 1, 2, …, and the end of the observation if it is not a whole number of units.</summary>
    internal ReadOnlySpan<double> TrackingTimes => trackingTimes;

    /// <summary>Actual cumulative repeat purchases strictly before each tracking time.</summary>
    internal ReadOnlySpan<long> ActualCumulative => actualCumulative;

    /// <summary>
    /// Builds the panel from the transactions a summarizer holds (its observation end is the holdout end; its unit and multiplier
    /// set the model unit).
    /// </summary>
    /// <typeparam name="TKey">Customer identifier type.</typeparam>
    /// <param name="transactions">The transactions, summarized up to the holdout end.</param>
    /// <param name="calibrationEnd">Last moment of the calibration window; its period must come before the observation end's.</param>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The calibration end's period is not before the observation end's period (empty holdout window).</exception>
    /// <exception cref="ArgumentException">No customer bought during the calibration window.</exception>
    public static HoldoutPanel From<TKey>(TransactionSummarizer<TKey> transactions, DateTime calibrationEnd)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(transactions);
        return From(transactions, calibrationEnd, transactions.ObservationEnd);
    }

    /// <summary>
    /// As <see cref="From{TKey}(TransactionSummarizer{TKey}, DateTime)"/> with the holdout end given apart from the summarizer's: for a
    /// one-pass reader that learns the end (the last transaction) only after every row was added to a summarizer without an end. The
    /// summarizer must hold nothing after <paramref name="observationEnd"/>'s period.
    /// </summary>
    internal static HoldoutPanel From<TKey>(TransactionSummarizer<TKey> transactions, DateTime calibrationEnd, DateTime observationEnd)
        where TKey : notnull
    {
        var unit = transactions.Unit;
        double m = transactions.Multiplier;
        int calibrationPeriod = TransactionSummarizer<TKey>.PeriodOf(calibrationEnd, unit);
        int endPeriod = TransactionSummarizer<TKey>.PeriodOf(observationEnd, unit);
        if (calibrationPeriod >= endPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(calibrationEnd), calibrationEnd, string.Create(CultureInfo.InvariantCulture,
                $"The calibration end ({calibrationEnd:O}) must fall in a period before the observation end ({observationEnd:O}): the holdout window is empty."));
        }

        var customers = new List<int[]>();
        foreach (var (_, periods, _) in transactions.PurchasePeriods())
        {
            if (periods.Length > 0 && periods[0] <= calibrationPeriod)
            {
                customers.Add(periods);
            }
        }

        if (customers.Count == 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"No customer made a purchase up to the calibration end ({calibrationEnd:O}): there is nothing to fit."), nameof(transactions));
        }

        int origin = int.MaxValue;
        foreach (var periods in customers)
        {
            origin = Math.Min(origin, periods[0]);
        }

        int span = endPeriod + 1 - origin;   // base periods from the origin to the end of the observation
        var repeatPerPeriod = new long[span];
        var histories = new PurchaseHistory[customers.Count];
        var holdout = new long[customers.Count];
        var birth = new double[customers.Count];
        long holdoutTotal = 0;
        for (int c = 0; c < customers.Count; c++)
        {
            var periods = customers[c];
            int first = periods[0];
            int inCalibration = 1;
            while (inCalibration < periods.Length && periods[inCalibration] <= calibrationPeriod)
            {
                inCalibration++;
            }

            histories[c] = new PurchaseHistory(inCalibration - 1, (periods[inCalibration - 1] - first) / m, (calibrationPeriod - first) / m);
            holdout[c] = periods.Length - inCalibration;
            holdoutTotal += holdout[c];
            birth[c] = (first - origin) / m;
            for (int i = 1; i < periods.Length; i++)
            {
                repeatPerPeriod[periods[i] - origin]++;
            }
        }

        // Tracking times k = 1, 2, … model units after the origin; a repeat purchase in base period p is counted at time τ when p − origin < τ·m
        // (BTYD's elog2cum: CDNOW's weeks 20–25 give 1359, 1414, 1484, 1517, 1573, 1672).
        double total = span / m;
        int whole = (int)Math.Floor(total + 1e-9);
        var times = new List<double>(whole + 1);
        for (int k = 1; k <= whole; k++)
        {
            times.Add(k);
        }

        if (total - whole > 1e-9)
        {
            times.Add(total);
        }

        var cumulative = new long[times.Count];
        long running = 0;
        int next = 0;
        for (int k = 0; k < times.Count; k++)
        {
            double limit = times[k] * m;
            while (next < span && next < limit - 1e-9)
            {
                running += repeatPerPeriod[next++];
            }

            cumulative[k] = running;
        }

        return new HoldoutPanel(histories, holdout, birth, (endPeriod - calibrationPeriod) / m, (calibrationPeriod + 1 - origin) / m,
            [.. times], cumulative, calibrationEnd, observationEnd)
        {
            HoldoutTotal = holdoutTotal,
        };
    }

    /// <summary>"2,357 customers, holdout 39 units, 1,882 holdout purchases" (invariant culture).</summary>
    public override string ToString() =>
        $"{Presentation.InvariantText.Count(CustomerCount)} customers, holdout {Presentation.InvariantText.Number(HoldoutDuration, "0.###")} units, " +
        $"{Presentation.InvariantText.Count(HoldoutTotal)} holdout purchases";
}
