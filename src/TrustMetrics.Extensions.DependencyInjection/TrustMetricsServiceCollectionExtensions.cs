using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TrustMetrics;
using TrustMetrics.Churn;
using TrustMetrics.Clv;
using TrustMetrics.Engagement;
using TrustMetrics.Extensions.DependencyInjection;
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

/// <summary>
/// Registers the TrustMetrics calculators and <see cref="IOptions{TOptions}"/> of <see cref="TrustMetricsOptions"/>:
/// <c>services.AddTrustMetrics()</c>, <c>services.AddTrustMetrics(o => …)</c> or
/// <c>services.AddTrustMetrics(configuration.GetSection("TrustMetrics"))</c>. docs/dependency-injection.md lists every
/// registered service.
/// </summary>
public static class TrustMetricsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="INpsCalculator"/>, <see cref="ICsatCalculator"/>, <see cref="ICesCalculator"/>,
    /// <see cref="IChurnCalculator"/>, <see cref="IRetentionModel"/> (shifted-beta-geometric), <see cref="ISurvivalAnalyzer"/> and the CLV fitters
    /// (<see cref="IClvFitter{TData, TModel}"/> of <see cref="BgNbdModel"/>, <see cref="MbgNbdModel"/>, <see cref="ParetoNbdModel"/>,
    /// <see cref="BgBbModel"/> on <see cref="CompressedHistories"/> and of <see cref="GammaGammaModel"/> on <see cref="CompressedSpend"/>), the
    /// covariate fitters (<see cref="IClvCovariateFitter{TModel}"/> of <see cref="BgNbdModel"/> and <see cref="ParetoNbdModel"/>,
    /// <see cref="IRetentionCovariateModel"/> for the sBG), <see cref="ITrustIndexCalculator"/>, and the voice-of-the-customer calculators (<see cref="IRatingCalculator"/>,
    /// <see cref="ISentimentCalculator"/>, <see cref="IServiceMetricsCalculator"/>, <see cref="IFunnelCalculator"/>,
    /// <see cref="IRepurchaseCalculator"/>, <see cref="IEngagementCalculator"/>) as singletons (TryAdd: existing registrations
    /// win), each built from <see cref="IOptions{TOptions}"/> of <see cref="TrustMetricsOptions"/> on first resolution; and the
    /// options with validation at start-up (<c>ValidateOnStart</c>). Calling it again adds nothing.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection, for chaining.</returns>
    public static IServiceCollection AddTrustMetrics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ServiceType == typeof(IValidateOptions<TrustMetricsOptions>)
                               && d.ImplementationType == typeof(TrustMetricsOptionsValidator)))
        {
            services.AddSingleton<IValidateOptions<TrustMetricsOptions>, TrustMetricsOptionsValidator>();
            services.AddOptions<TrustMetricsOptions>().ValidateOnStart();
        }

        // Calculators copy the options when constructed (first resolution), so a later change to the options object can
        // never reach a calculator in use. One line per calculator.
        services.TryAddSingleton<INpsCalculator>(sp => new NpsCalculator(Options(sp)));
        services.TryAddSingleton<ICsatCalculator>(sp => new CsatCalculator(Options(sp)));
        services.TryAddSingleton<ICesCalculator>(sp => new CesCalculator(Options(sp)));
        services.TryAddSingleton<IChurnCalculator>(sp => new ChurnCalculator(Options(sp)));
        services.TryAddSingleton<IRetentionModel>(sp => new ShiftedBetaGeometric(Options(sp)));
        services.TryAddSingleton<ISurvivalAnalyzer>(sp => new SurvivalAnalyzer(Options(sp)));
        services.TryAddSingleton<ICoxRegression>(_ => new CoxRegression());
        services.TryAddSingleton<IClvFitter<CompressedHistories, BgNbdModel>>(_ => new BgNbdFitter());
        services.TryAddSingleton<IClvFitter<CompressedHistories, MbgNbdModel>>(_ => new MbgNbdFitter());
        services.TryAddSingleton<IClvFitter<CompressedHistories, ParetoNbdModel>>(_ => new ParetoNbdFitter());
        services.TryAddSingleton<IClvFitter<CompressedHistories, BgBbModel>>(_ => new BgBbFitter());
        services.TryAddSingleton<IClvFitter<CompressedSpend, GammaGammaModel>>(_ => new GammaGammaFitter());
        services.TryAddSingleton<IClvCovariateFitter<BgNbdModel>>(_ => new BgNbdCovariateFitter());
        services.TryAddSingleton<IClvCovariateFitter<ParetoNbdModel>>(_ => new ParetoNbdCovariateFitter());
        services.TryAddSingleton<IRetentionCovariateModel>(_ => new ShiftedBetaGeometricCovariateFitter());
        services.TryAddSingleton<IPredictionIntervalCalculator>(_ => new PredictionIntervalCalculator());
        services.TryAddSingleton<ITrustIndexCalculator>(sp => new TrustIndexCalculator(Options(sp)));
        services.TryAddSingleton<IRatingCalculator>(sp => new RatingCalculator(Options(sp)));
        services.TryAddSingleton<ISentimentCalculator>(sp => new SentimentCalculator(Options(sp)));
        services.TryAddSingleton<ICorrectedSentimentCalculator>(sp => new CorrectedSentimentCalculator(Options(sp)));
        services.TryAddSingleton<IServiceMetricsCalculator>(sp => new ServiceMetricsCalculator(Options(sp)));
        services.TryAddSingleton<IFunnelCalculator>(sp => new FunnelCalculator(Options(sp)));
        services.TryAddSingleton<IRepurchaseCalculator>(sp => new RepurchaseCalculator(Options(sp)));
        services.TryAddSingleton<IEngagementCalculator>(sp => new EngagementCalculator(Options(sp)));
        return services;
    }

    /// <summary>
    /// Registers the calculators (see <see cref="AddTrustMetrics(IServiceCollection)"/>) and adds <paramref name="configure"/>
    /// to the options. Repeated calls compose: every delegate runs, in the order of the calls, after the configuration
    /// bound by earlier <see cref="AddTrustMetrics(IServiceCollection, IConfiguration)"/> calls. The result is validated
    /// when the host starts (<c>ValidateOnStart</c>) or, without a host, when the first calculator is resolved: an invalid
    /// option throws <see cref="OptionsValidationException"/> whose message names every invalid option and its value, e.g.
    /// <c>TrustMetricsOptions.ConfidenceLevel must lie strictly between 0 and 1; got 95.</c>
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets defaults: confidence level, interval methods, scales and thresholds.</param>
    /// <returns>The same collection, for chaining.</returns>
    public static IServiceCollection AddTrustMetrics(this IServiceCollection services, Action<TrustMetricsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddTrustMetrics();
        services.Configure(configure);
        return services;
    }

    /// <summary>
    /// Registers the calculators (see <see cref="AddTrustMetrics(IServiceCollection)"/>) and binds the options from
    /// <paramref name="configuration"/>, usually <c>configuration.GetSection("TrustMetrics")</c>. Keys are the option names
    /// (case-insensitive): numbers in the invariant culture (<c>"ConfidenceLevel": 0.9</c>), enum members by name
    /// (<c>"NpsIntervalMethod": "AdjustedWald"</c>), scales as <c>"1-7"</c> or as <c>{ "Min": 1, "Max": 7 }</c>. A value
    /// that does not parse or a key that is not an option fails like an invalid option (at start-up, naming the key and
    /// the value). Composes with <see cref="AddTrustMetrics(IServiceCollection, Action{TrustMetricsOptions})"/> in call order.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding the options.</param>
    /// <returns>The same collection, for chaining.</returns>
    public static IServiceCollection AddTrustMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddTrustMetrics();
        services.AddSingleton<IConfigureOptions<TrustMetricsOptions>>(new TrustMetricsConfigurationBinder(configuration));
        return services;
    }

    private static TrustMetricsOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<TrustMetricsOptions>>().Value;
}
