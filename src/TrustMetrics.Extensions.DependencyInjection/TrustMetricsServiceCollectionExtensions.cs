using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustMetrics;
using TrustMetrics.Churn;
using TrustMetrics.Clv;
using TrustMetrics.Engagement;
using TrustMetrics.Funnel;
using TrustMetrics.Nps;
using TrustMetrics.Repurchase;
using TrustMetrics.Reviews;
using TrustMetrics.Scales;
using TrustMetrics.Sentiment;
using TrustMetrics.Service;
using TrustMetrics.Survival;
using TrustMetrics.TrustIndex;

// The conventional namespace for AddXxx extensions, so they appear without an extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the TrustMetrics calculators: <c>services.AddTrustMetrics()</c>.</summary>
public static class TrustMetricsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="INpsCalculator"/>, <see cref="ICsatCalculator"/>, <see cref="ICesCalculator"/>,
    /// <see cref="IChurnCalculator"/>, <see cref="IRetentionModel"/> (shifted-beta-geometric), <see cref="ISurvivalAnalyzer"/> and the CLV fitters
    /// (<see cref="IClvFitter{TData, TModel}"/> of <see cref="BgNbdModel"/>, <see cref="MbgNbdModel"/>, <see cref="ParetoNbdModel"/>,
    /// <see cref="BgBbModel"/> on <see cref="CompressedHistories"/> and of <see cref="GammaGammaModel"/> on <see cref="CompressedSpend"/>), <see cref="ITrustIndexCalculator"/>, and the voice-of-the-customer calculators (<see cref="IRatingCalculator"/>,
    /// <see cref="ISentimentCalculator"/>, <see cref="IServiceMetricsCalculator"/>, <see cref="IFunnelCalculator"/>,
    /// <see cref="IRepurchaseCalculator"/>, <see cref="IEngagementCalculator"/>) as singletons
    /// (TryAdd: existing registrations win) with the library defaults, and the options as a singleton.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection, for chaining.</returns>
    public static IServiceCollection AddTrustMetrics(this IServiceCollection services) => services.AddTrustMetrics(_ => { });

    /// <summary>
    /// Registers the calculators with options set by <paramref name="configure"/>. The options are validated here, so an
    /// invalid value fails at start-up with an <see cref="ArgumentOutOfRangeException"/> naming the option.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets defaults: confidence level, interval methods, scales and thresholds.</param>
    /// <returns>The same collection, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid.</exception>
    public static IServiceCollection AddTrustMetrics(this IServiceCollection services, Action<TrustMetricsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new TrustMetricsOptions();
        configure(options);
        options.Validate();

        // Calculators copy the options when constructed, so build them now: a later change to the options object
        // (which stays resolvable for reading the configured defaults) can never reach a calculator.
        services.TryAddSingleton(options);
        services.TryAddSingleton<INpsCalculator>(new NpsCalculator(options));
        services.TryAddSingleton<ICsatCalculator>(new CsatCalculator(options));
        services.TryAddSingleton<ICesCalculator>(new CesCalculator(options));
        services.TryAddSingleton<IChurnCalculator>(new ChurnCalculator(options));
        services.TryAddSingleton<IRetentionModel>(new ShiftedBetaGeometric(options));
        services.TryAddSingleton<ISurvivalAnalyzer>(new SurvivalAnalyzer(options));
        services.TryAddSingleton<IClvFitter<CompressedHistories, BgNbdModel>>(new BgNbdFitter());
        services.TryAddSingleton<IClvFitter<CompressedHistories, MbgNbdModel>>(new MbgNbdFitter());
        services.TryAddSingleton<IClvFitter<CompressedHistories, ParetoNbdModel>>(new ParetoNbdFitter());
        services.TryAddSingleton<IClvFitter<CompressedHistories, BgBbModel>>(new BgBbFitter());
        services.TryAddSingleton<IClvFitter<CompressedSpend, GammaGammaModel>>(new GammaGammaFitter());
        services.TryAddSingleton<ITrustIndexCalculator>(new TrustIndexCalculator(options));
        services.TryAddSingleton<IRatingCalculator>(new RatingCalculator(options));
        services.TryAddSingleton<ISentimentCalculator>(new SentimentCalculator(options));
        services.TryAddSingleton<IServiceMetricsCalculator>(new ServiceMetricsCalculator(options));
        services.TryAddSingleton<IFunnelCalculator>(new FunnelCalculator(options));
        services.TryAddSingleton<IRepurchaseCalculator>(new RepurchaseCalculator(options));
        services.TryAddSingleton<IEngagementCalculator>(new EngagementCalculator(options));
        return services;
    }
}
