using System.Globalization;

namespace TrustMetrics.Churn;

/// <summary>Invariant renderings used in churn messages, so dates always print as ISO 8601 whatever the culture.</summary>
internal static class ChurnText
{
    /// <summary>yyyy-MM-dd in the invariant (Gregorian) calendar.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
