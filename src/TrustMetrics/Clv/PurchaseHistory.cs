using System.Globalization;

namespace TrustMetrics.Clv;

/// <summary>
/// The sufficient statistics of the purchase models for one customer: x repeat purchases, the last at t_x, observed for T
/// (0 ≤ t_x ≤ T finite, t_x = 0 when x = 0). The constructor checks these, so every instance — <c>default</c> (0, 0, 0)
/// included — is a valid history. BG/BB reads the same triple as (x transactions, t_x = opportunity of the last, n
/// opportunities) in whole numbers.
/// </summary>
public readonly struct PurchaseHistory
{
    /// <summary>A history (x, t_x, T).</summary>
    /// <param name="frequency">Repeat purchases x ≥ 0.</param>
    /// <param name="recency">Time of the last repeat purchase t_x: finite, 0 ≤ t_x ≤ T, and 0 when x = 0.</param>
    /// <param name="T">Length of the observation since the first purchase, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value breaks one of the rules; the message names the argument and all three values.</exception>
    public PurchaseHistory(long frequency, double recency, double T)
    {
        if (Problem(frequency, recency, T, out string paramName) is string problem)
        {
            throw new ArgumentOutOfRangeException(paramName, string.Create(CultureInfo.InvariantCulture,
                $"(frequency {frequency}, recency {recency:R}, T {T:R}): {problem}."));
        }

        Frequency = frequency;
        Recency = recency;
        this.T = T;
    }

    /// <summary>Repeat purchases x ≥ 0.</summary>
    public long Frequency { get; }

    /// <summary>Time of the last repeat purchase t_x (0 when x = 0).</summary>
    public double Recency { get; }

    /// <summary>Length of the observation since the first purchase, T ≥ t_x.</summary>
    public double T { get; }

    /// <summary>"(x 2, t_x 30.43, T 38.86)", invariant culture, round-trip digits.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"(x {Frequency}, t_x {Recency:R}, T {T:R})");

    /// <summary>The rule (x, t_x, T) breaks, in words, and the argument it concerns; null when it is a valid history.</summary>
    internal static string? Problem(long frequency, double recency, double T, out string paramName)
    {
        paramName = nameof(recency);
        if (frequency < 0)
        {
            paramName = nameof(frequency);
            return "frequency must not be negative";
        }

        if (!double.IsFinite(T))
        {
            paramName = nameof(T);
            return "T must be a finite number";
        }

        return !double.IsFinite(recency) ? "recency must be a finite number"
            : recency < 0 ? "recency must not be negative"
            : recency > T ? "recency must not exceed T"
            : frequency == 0 && recency != 0 ? "recency must be 0 when frequency is 0"
            : null;
    }

    internal void Deconstruct(out long frequency, out double recency, out double T) => (frequency, recency, T) = (Frequency, Recency, this.T);
}
