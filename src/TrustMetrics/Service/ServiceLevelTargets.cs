namespace TrustMetrics.Service;

/// <summary>Service-level targets: the longest acceptable time to first response and to resolution; null = no target.</summary>
/// <param name="FirstResponse">Target time to first response, &gt; 0, or null.</param>
/// <param name="Resolution">Target time to resolution, &gt; 0, or null.</param>
public readonly record struct ServiceLevelTargets(TimeSpan? FirstResponse = null, TimeSpan? Resolution = null)
{
    internal void Validate(string paramName)
    {
        if (FirstResponse is TimeSpan f && f <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(paramName, f, $"The first-response target must be positive; got {f}.");
        }

        if (Resolution is TimeSpan r && r <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(paramName, r, $"The resolution target must be positive; got {r}.");
        }
    }
}
