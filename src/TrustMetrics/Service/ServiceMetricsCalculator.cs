using TrustMetrics.Estimation;
using TrustMetrics.Quantiles;

namespace TrustMetrics.Service;

/// <summary>The standard <see cref="IServiceMetricsCalculator"/>; level and proportion-interval method from <see cref="TrustMetricsOptions"/>.</summary>
public sealed class ServiceMetricsCalculator : IServiceMetricsCalculator
{
    private readonly double confidenceLevel;
    private readonly ProportionIntervalMethod method;

    /// <summary>A calculator with the library defaults (95%, Wilson).</summary>
    public ServiceMetricsCalculator()
        : this(new TrustMetricsOptions())
    {
    }

    /// <summary>A calculator with the given defaults (validated and copied).</summary>
    /// <param name="options">Level and proportion-interval method.</param>
    public ServiceMetricsCalculator(TrustMetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var valid = options.Snapshot();
        confidenceLevel = valid.ConfidenceLevel;
        method = valid.ProportionIntervalMethod;
    }

    /// <inheritdoc/>
    public ServiceResult Calculate(IEnumerable<SupportTicket> tickets, ServiceMetricsSettings? settings = null)
    {
        settings ??= new ServiceMetricsSettings();
        return Run(tickets, settings, () => new ExactDurations(settings.PercentileType));
    }

    /// <inheritdoc/>
    public ServiceResult CalculateApproximate(IEnumerable<SupportTicket> tickets, ServiceMetricsSettings? settings = null,
        int sketchSize = KllSketch.DefaultK, ulong seed = KllSketch.DefaultSeed)
    {
        settings ??= new ServiceMetricsSettings();
        _ = new KllSketch(sketchSize, seed); // validates k before reading any ticket
        ulong next = seed;
        return Run(tickets, settings, () => new SketchDurations(new KllSketch(sketchSize, next++)));
    }

    /// <inheritdoc/>
    public long OpenBacklog(IEnumerable<SupportTicket> tickets, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        long open = 0;
        foreach (var ticket in tickets)
        {
            open += IsOpenAt(ticket, at) ? 1 : 0;
        }

        return open;
    }

    private ServiceResult Run(IEnumerable<SupportTicket> tickets, ServiceMetricsSettings settings, Func<IDurations> durations)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        double level = settings.ConfidenceLevel ?? confidenceLevel;

        var response = durations();
        var resolution = durations();
        long count = 0, resolved = 0, firstContactKnown = 0, firstContactYes = 0;
        var responseSla = new SlaCounter(settings.FirstResponseTarget);
        var resolutionSla = new SlaCounter(settings.ResolutionTarget);
        var stillOpen = new List<DateTime>();
        long backlogAtGivenTime = 0;
        DateTime latest = DateTime.MinValue;
        foreach (var ticket in tickets)
        {
            count++;
            latest = Max(latest, ticket.Opened, ticket.FirstResponse, ticket.Resolved);
            if (ticket.FirstResponse is DateTime answered)
            {
                var wait = answered - ticket.Opened;
                response.Add(wait);
                responseSla.Closed(wait);
            }
            else
            {
                responseSla.Open(ticket.Opened);
            }

            if (ticket.Resolved is DateTime done)
            {
                resolved++;
                var time = done - ticket.Opened;
                resolution.Add(time);
                resolutionSla.Closed(time);
            }
            else
            {
                resolutionSla.Open(ticket.Opened);
                stillOpen.Add(ticket.Opened);
            }

            if (ticket.ResolvedOnFirstContact is bool first)
            {
                firstContactKnown++;
                firstContactYes += first ? 1 : 0;
            }

            if (settings.AsOf is DateTime given && IsOpenAt(ticket, given))
            {
                backlogAtGivenTime++;
            }
        }

        if (count == 0)
        {
            throw new ArgumentException("Service metrics are undefined for an empty sample: there are no tickets.", nameof(tickets));
        }

        var asOf = settings.AsOf ?? latest;
        // With the default as-of (the latest timestamp) every resolution lies at or before it, so the backlog is the open tickets.
        long backlog = settings.AsOf is null ? stillOpen.Count : backlogAtGivenTime;
        var resolutionRate = ProportionIntervals.Estimate(resolved, count, level, method);
        Estimate? firstContact = firstContactKnown > 0 ? ProportionIntervals.Estimate(firstContactYes, firstContactKnown, level, method) : null;
        return new ServiceResult(count, resolved, resolutionRate, firstContact,
            response.Summary(settings.Percentiles), resolution.Summary(settings.Percentiles),
            responseSla.Attainment(asOf, level, method), resolutionSla.Attainment(asOf, level, method), asOf, backlog);
    }

    private static bool IsOpenAt(SupportTicket ticket, DateTime at) => ticket.Opened <= at && !(ticket.Resolved is DateTime done && done <= at);

    private static DateTime Max(DateTime latest, DateTime opened, DateTime? response, DateTime? resolved)
    {
        if (opened > latest)
        {
            latest = opened;
        }

        if (response is DateTime r && r > latest)
        {
            latest = r;
        }

        return resolved is DateTime d && d > latest ? d : latest;
    }

    /// <summary>
    /// SLA outcome counts: a closed step met or missed the target; an open ticket has missed it once older than the target at the
    /// as-of time and is undecided (left out) before that.
    /// </summary>
    private sealed class SlaCounter(TimeSpan? target)
    {
        private readonly List<DateTime> open = [];
        private long met, missed;

        public void Closed(TimeSpan elapsed)
        {
            if (target is TimeSpan t)
            {
                _ = elapsed <= t ? met++ : missed++;
            }
        }

        public void Open(DateTime opened)
        {
            if (target is not null)
            {
                open.Add(opened);
            }
        }

        public Estimate? Attainment(DateTime asOf, double level, ProportionIntervalMethod method)
        {
            if (target is not TimeSpan t)
            {
                return null;
            }

            long late = missed;
            foreach (var opened in open)
            {
                late += asOf - opened > t ? 1 : 0;
            }

            long decided = met + late;
            return decided == 0 ? null : ProportionIntervals.Estimate(met, decided, level, method);
        }
    }

    /// <summary>Where durations go: an exact buffer or a sketch; both keep the exact sum for the mean.</summary>
    private interface IDurations
    {
        void Add(TimeSpan duration);

        DurationSummary? Summary(IReadOnlyList<double> probabilities);
    }

    private sealed class ExactDurations(QuantileType type) : IDurations
    {
        private readonly List<double> ticks = [];
        private decimal sum;

        public void Add(TimeSpan duration)
        {
            ticks.Add(duration.Ticks);
            sum += duration.Ticks;
        }

        public DurationSummary? Summary(IReadOnlyList<double> probabilities)
        {
            if (ticks.Count == 0)
            {
                return null;
            }

            var sorted = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ticks);
            sorted.Sort();
            var points = new DurationPercentile[probabilities.Count];
            for (int i = 0; i < points.Length; i++)
            {
                points[i] = new DurationPercentile(probabilities[i], Ticks(Statistics.SampleQuantile.Compute(sorted, probabilities[i], type)));
            }

            return new DurationSummary(ticks.Count, Ticks((double)(sum / ticks.Count)), points, "exact-type" + (int)type);
        }
    }

    private sealed class SketchDurations(KllSketch sketch) : IDurations
    {
        private decimal sum;

        public void Add(TimeSpan duration)
        {
            sketch.Add(duration.Ticks);
            sum += duration.Ticks;
        }

        public DurationSummary? Summary(IReadOnlyList<double> probabilities)
        {
            if (sketch.Count == 0)
            {
                return null;
            }

            var points = probabilities.Select(p => new DurationPercentile(p, Ticks(sketch.Quantile(p)))).ToArray();
            return new DurationSummary(sketch.Count, Ticks((double)(sum / sketch.Count)), points, "kll");
        }
    }

    private static TimeSpan Ticks(double ticks) => TimeSpan.FromTicks((long)Math.Round(ticks));
}
