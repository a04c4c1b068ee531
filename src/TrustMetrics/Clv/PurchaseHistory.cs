namespace TrustMetrics.Clv;

/// <summary>
/// The sufficient statistics of the purchase models for one customer: x repeat purchases, the last at t_x, observed for T
/// (0 ≤ t_x ≤ T, t_x = 0 when x = 0).
/// </summary>
/// <param name="Frequency">Repeat purchases x ≥ 0.</param>
/// <param name="Recency">Time of the last repeat purchase t_x.</param>
/// <param name="T">Length of the observation since the first purchase.</param>
public readonly record struct PurchaseHistory(long Frequency, double Recency, double T);
