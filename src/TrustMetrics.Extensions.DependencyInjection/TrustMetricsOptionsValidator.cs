using Microsoft.Extensions.Options;

namespace TrustMetrics.Extensions.DependencyInjection;

/// <summary>
/// Runs the checks of <see cref="TrustMetricsOptions.Validate"/> for the options pattern and reports every invalid option
/// (name and value) at once, so one start-up shows all configuration mistakes.
/// </summary>
internal sealed class TrustMetricsOptionsValidator : IValidateOptions<TrustMetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, TrustMetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => p.Message));
    }
}
