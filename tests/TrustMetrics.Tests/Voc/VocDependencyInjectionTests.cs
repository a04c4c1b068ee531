using Microsoft.Extensions.DependencyInjection;
using TrustMetrics.Engagement;
using TrustMetrics.Funnel;
using TrustMetrics.Repurchase;
using TrustMetrics.Reviews;
using TrustMetrics.Scales;
using TrustMetrics.Sentiment;
using TrustMetrics.Service;

namespace TrustMetrics.Tests.Voc;

public class VocDependencyInjectionTests
{
    [Fact]
    public void AddTrustMetrics_registers_every_voice_of_customer_calculator_with_the_options()
    {
        using var provider = new ServiceCollection()
            .AddTrustMetrics(o => { o.RatingScale = new RatingScale(1, 10); o.RatingPositiveThreshold = 8; o.ConfidenceLevel = 0.9; })
            .BuildServiceProvider();
        var ratings = provider.GetRequiredService<IRatingCalculator>();
        Assert.Equal(new RatingScale(1, 10), ratings.Scale);
        Assert.Equal(8, ratings.PositiveThreshold);
        Assert.NotNull(provider.GetRequiredService<ISentimentCalculator>());
        Assert.NotNull(provider.GetRequiredService<IServiceMetricsCalculator>());
        Assert.NotNull(provider.GetRequiredService<IFunnelCalculator>());
        Assert.NotNull(provider.GetRequiredService<IRepurchaseCalculator>());
        Assert.Equal(0.9, provider.GetRequiredService<IEngagementCalculator>().ParticipationRate(30, 100).Interval.Level);
    }

    [Fact]
    public void A_threshold_off_the_rating_scale_fails_at_start()
    {
        using var provider = new ServiceCollection().AddTrustMetrics(o => o.RatingPositiveThreshold = 6).BuildServiceProvider();
        var e = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<IRatingCalculator>());
        Assert.Contains("TrustMetricsOptions.RatingPositiveThreshold = 6", e.Message, StringComparison.Ordinal);
    }
}

public class EngagementTests
{
    [Fact]
    public void Participation_rate_is_a_wilson_share_and_comparison_is_the_pooled_z_test()
    {
        var calculator = new EngagementCalculator();
        var rate = calculator.ParticipationRate(2, 3);
        // §3.2 row (2, 1): Wilson lower bound 0.2076596008.
        Approx.Equal(0.2076596008, rate.Interval.Lower, Approx.ClosedForm);
        var test = calculator.Compare(45, 500, 30, 480);
        // §6.2 row 2: z = 1.61881206, p = 0.1054877065.
        Approx.Equal(1.61881206, test.Statistic, Approx.Printed);
        Approx.Equal(0.1054877065, test.PValue, Approx.Printed);
        Assert.Throws<ArgumentOutOfRangeException>(() => calculator.ParticipationRate(5, 3));
    }
}
