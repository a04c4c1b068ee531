using TrustMetrics.Estimation;
using TrustMetrics.Quantiles;
using TrustMetrics.Service;

namespace TrustMetrics.Tests.Voc;

/// <summary>
/// Service metrics on eight tickets whose response times are survey-metrics.md §4.2 data B in minutes
/// ([12, 15, 15, 20, 31, 45, 60, 90]: type 7 p50 25.5, p90 69, p95 79.5; type 1 p90 90).
/// </summary>
public class ServiceMetricsTests
{
    private static readonly DateTime T0 = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly int[] ResponseMinutes = [12, 15, 15, 20, 31, 45, 60, 90];

    private static List<SupportTicket> Tickets()
    {
        double?[] resolvedHours = [1, 2, 3, 4, 30, 50, null, null];
        bool?[] firstContact = [true, false, true, null, null, null, null, null];
        var tickets = new List<SupportTicket>();
        for (int i = 0; i < 8; i++)
        {
            var opened = i == 7 ? T0.AddHours(40) : T0;
            tickets.Add(new SupportTicket(opened, opened.AddMinutes(ResponseMinutes[i]),
                resolvedHours[i] is double h ? opened.AddHours(h) : null, firstContact[i]));
        }

        return tickets;
    }

    [Fact]
    public void Rates_times_sla_and_backlog()
    {
        var result = new ServiceMetricsCalculator().Calculate(Tickets(), new ServiceMetricsSettings { ResolutionTarget = TimeSpan.FromHours(24) });
        Assert.Equal(8, result.Tickets);
        Assert.Equal(6, result.Resolved);
        // Wilson 6/8 = [0.4092754303, 0.9285207872] (§2.2 formula, Python double precision).
        Approx.Absolute(0.40927543031016883, result.ResolutionRate.Interval.Lower, Approx.ClosedForm, "resolution rate lower");
        Approx.Absolute(0.9285207872478909, result.ResolutionRate.Interval.Upper, Approx.ClosedForm, "resolution rate upper");
        Assert.Equal(2.0 / 3, result.FirstContactResolution!.Value, 12);

        var response = result.TimeToFirstResponse!;
        Assert.Equal(8, response.Count);
        Assert.Equal(TimeSpan.FromMinutes(36), response.Mean);
        Assert.Equal(TimeSpan.FromMinutes(25.5), response.Percentile(0.5));
        Assert.Equal(TimeSpan.FromMinutes(69), response.Percentile(0.9));
        Assert.Equal(TimeSpan.FromMinutes(79.5), response.Percentile(0.95));
        Assert.Equal("exact-type7", response.Method);

        // Unresolved tickets are left out of the resolution times: 1, 2, 3, 4, 30, 50 hours.
        Assert.Equal(6, result.TimeToResolution!.Count);
        Assert.Equal(TimeSpan.FromHours(15), result.TimeToResolution.Mean);
        Assert.Equal(TimeSpan.FromHours(3.5), result.TimeToResolution.Percentile(0.5));

        // As of the latest timestamp (50 h): 4 met, 2 resolved late, ticket 7 open for 50 h (missed), ticket 8 open for 10 h (undecided).
        Assert.Equal(T0.AddHours(50), result.AsOf);
        Assert.Equal(4.0 / 7, result.ResolutionSlaAttainment!.Value, 12);
        Approx.Absolute(0.2504583645276572, result.ResolutionSlaAttainment.Interval.Lower, Approx.ClosedForm, "SLA Wilson 4/7 lower");
        Approx.Absolute(0.8417801447485302, result.ResolutionSlaAttainment.Interval.Upper, Approx.ClosedForm, "SLA Wilson 4/7 upper");
        Assert.Null(result.FirstResponseSlaAttainment);
        Assert.Equal(2, result.OpenBacklog);
    }

    [Fact]
    public void Percentile_type_is_selectable()
    {
        var result = new ServiceMetricsCalculator().Calculate(Tickets(), new ServiceMetricsSettings { PercentileType = QuantileType.Type1 });
        Assert.Equal(TimeSpan.FromMinutes(90), result.TimeToFirstResponse!.Percentile(0.9));
        Assert.Equal(TimeSpan.FromMinutes(20), result.TimeToFirstResponse.Percentile(0.5));
        Assert.Equal("exact-type1", result.TimeToFirstResponse.Method);
    }

    [Fact]
    public void Backlog_at_a_date_counts_tickets_opened_and_not_yet_resolved()
    {
        var calculator = new ServiceMetricsCalculator();
        Assert.Equal(6, calculator.OpenBacklog(Tickets(), T0.AddHours(1.5)));
        Assert.Equal(2, calculator.OpenBacklog(Tickets(), T0.AddHours(35)));
        Assert.Equal(0, calculator.OpenBacklog(Tickets(), T0.AddHours(-1)));
        var asOf = calculator.Calculate(Tickets(), new ServiceMetricsSettings { AsOf = T0.AddHours(1.5), FirstResponseTarget = TimeSpan.FromMinutes(30) });
        Assert.Equal(6, asOf.OpenBacklog);
        // First-response SLA of 30 minutes: 12, 15, 15, 20 met; 31, 45, 60, 90 missed.
        Assert.Equal(0.5, asOf.FirstResponseSlaAttainment!.Value, 12);
    }

    [Fact]
    public void Sketch_percentiles_are_exact_for_small_samples_and_rates_agree()
    {
        var calculator = new ServiceMetricsCalculator();
        var exact = calculator.Calculate(Tickets(), new ServiceMetricsSettings { PercentileType = QuantileType.Type1 });
        var sketch = calculator.CalculateApproximate(Tickets(), new ServiceMetricsSettings { PercentileType = QuantileType.Type1 });
        Assert.Equal("kll", sketch.TimeToFirstResponse!.Method);
        // Below the sketch's capacity nothing is compacted: its quantile is the inverse empirical CDF, i.e. type 1.
        Assert.Equal(exact.TimeToFirstResponse!.Percentiles.Select(p => (p.Probability, p.Value)), sketch.TimeToFirstResponse.Percentiles.Select(p => (p.Probability, p.Value)));
        Assert.Equal(exact.TimeToFirstResponse.Mean, sketch.TimeToFirstResponse.Mean);
        Assert.Equal(exact.ResolutionRate, sketch.ResolutionRate);
    }

    [Fact]
    public void Bad_input_is_refused_where_it_is_built_and_named()
    {
        var calculator = new ServiceMetricsCalculator();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SupportTicket(T0, resolved: T0.AddHours(-1)));
        Assert.Equal("resolved", error.ParamName);
        Assert.Contains("resolution 2024-02-29T23:00:00", error.Message);
        Assert.Equal("firstResponse", Assert.Throws<ArgumentOutOfRangeException>(() => new SupportTicket(T0, firstResponse: T0.AddTicks(-1))).ParamName);
        Assert.Equal("resolvedOnFirstContact", Assert.Throws<ArgumentOutOfRangeException>(() => new SupportTicket(T0, T0.AddHours(1), null, true)).ParamName);
        Assert.Throws<ArgumentException>(() => calculator.Calculate([]));
        var p = Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceMetricsSettings { Percentiles = [0.5, 2] });
        Assert.Contains("Percentiles[1]", p.Message);
        Assert.Contains("Percentiles[0]", Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceMetricsSettings { Percentiles = [double.NaN] }).Message);
        Assert.Equal("ResolutionTarget", Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceMetricsSettings { ResolutionTarget = TimeSpan.Zero }).ParamName);
        Assert.Equal("FirstResponseTarget", Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceMetricsSettings { FirstResponseTarget = TimeSpan.FromHours(-1) }).ParamName);
        Assert.Equal("ConfidenceLevel", Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceMetricsSettings { ConfidenceLevel = double.PositiveInfinity }).ParamName);
        Assert.Equal("PercentileType", Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceMetricsSettings { PercentileType = (QuantileType)42 }).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => calculator.Calculate(Tickets()).TimeToResolution!.Percentile(0.42));
    }

    [Fact]
    public void Nothing_answered_gives_no_response_times()
    {
        var result = new ServiceMetricsCalculator().Calculate([new SupportTicket(T0)]);
        Assert.Null(result.TimeToFirstResponse);
        Assert.Null(result.TimeToResolution);
        Assert.Null(result.FirstContactResolution);
        Assert.Equal(0.0, result.ResolutionRate.Value);
        Assert.Equal(1, result.OpenBacklog);
        Assert.Equal(ProportionIntervals.Compute(0, 1), result.ResolutionRate.Interval);
    }
}
