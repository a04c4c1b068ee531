namespace TrustMetrics.Clv;

/// <summary>
/// Customer lifetime value: lifetimes' discounted-margin convention for fitted models, and the closed forms for users without
/// transaction data (ltv-churn.md §7). Stateless and thread-safe.
/// </summary>
public static class CustomerLifetimeValue
{
    /// <summary>Model time units per month lifetimes assumes for a day-unit model (<c>freq="D"</c>): 30.</summary>
    public const double DaysPerMonth = 30.0;

    /// <summary>Model time units per month lifetimes assumes for a week-unit model (<c>freq="W"</c>): 4.345.</summary>
    public const double WeeksPerMonth = 4.345;

    /// <summary>
    /// Discounted CLV in lifetimes' <c>customer_lifetime_value</c> convention:
    /// Σ_{k=1}^{months} spend · (E[Y(k·f) | h] − E[Y((k−1)·f) | h]) / (1 + d)^k, with f = model time units per month and d the
    /// monthly discount rate. Pass the unit of the <b>fitted model</b> as <paramref name="unitsPerMonth"/> (lifetimes' default
    /// <c>freq="D"</c> silently assumes a daily model; on weekly data that sums 30·months weeks).
    /// </summary>
    /// <param name="model">A fitted purchase model.</param>
    /// <param name="history">The customer's history in the model's time unit.</param>
    /// <param name="expectedSpend">Expected margin per purchase, e.g. <see cref="GammaGammaModel.ConditionalExpectedAverageSpend"/> × margin.</param>
    /// <param name="months">Horizon in months ≥ 0.</param>
    /// <param name="monthlyDiscountRate">Discount rate per month d &gt; −1 (0.01 = 1%).</param>
    /// <param name="unitsPerMonth">Model time units per month f &gt; 0 (<see cref="WeeksPerMonth"/>, <see cref="DaysPerMonth"/>, 1 for months).</param>
    public static double Discounted(IPurchaseModel model, PurchaseHistory history, double expectedSpend, int months, double monthlyDiscountRate, double unitsPerMonth)
    {
        ArgumentNullException.ThrowIfNull(model);
        Guard.Finite(expectedSpend);
        ArgumentOutOfRangeException.ThrowIfNegative(months);
        CheckRate(monthlyDiscountRate);
        Guard.Positive(unitsPerMonth);
        double total = 0, previous = 0, discount = 1;
        for (int k = 1; k <= months; k++)
        {
            double current = model.ConditionalExpectedPurchases(k * unitsPerMonth, history);
            discount /= 1 + monthlyDiscountRate;
            total += (current - previous) * discount;
            previous = current;
        }

        return expectedSpend * total;
    }

    /// <summary>
    /// Infinite-horizon CLV with constant retention: ARPU × margin × r / (1 + d − r) = Σ_{k≥1} ARPU·margin·(r/(1+d))^k
    /// (the first period's revenue arrives after one period of retention and discounting).
    /// </summary>
    /// <param name="revenuePerPeriod">Average revenue per user per period (ARPU), finite.</param>
    /// <param name="margin">Margin share, finite (1 = revenue).</param>
    /// <param name="retention">Retention per period r in [0, 1].</param>
    /// <param name="discountRate">Discount rate per period d &gt; −1; d &gt; r − 1 so the sum converges.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range or the sum diverges (1 + d ≤ r).</exception>
    public static double Simple(double revenuePerPeriod, double margin, double retention, double discountRate)
    {
        Check(revenuePerPeriod, margin, retention, discountRate);
        if (!(1 + discountRate - retention > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate,
                $"The infinite sum diverges unless 1 + discountRate > retention; got discountRate {Guard.Format(discountRate)}, retention {Guard.Format(retention)}.");
        }

        return revenuePerPeriod * margin * retention / (1 + discountRate - retention);
    }

    /// <summary>
    /// Finite-horizon CLV: Σ_{k=1}^{periods} ARPU·margin·(r/(1+d))^k = ARPU·margin·ρ(1 − ρ^n)/(1 − ρ), ρ = r/(1+d); tends to
    /// <see cref="Simple"/> as the horizon grows.
    /// </summary>
    /// <param name="revenuePerPeriod">Average revenue per user per period (ARPU), finite.</param>
    /// <param name="margin">Margin share, finite.</param>
    /// <param name="retention">Retention per period r in [0, 1].</param>
    /// <param name="discountRate">Discount rate per period d &gt; −1.</param>
    /// <param name="periods">Number of periods n ≥ 0.</param>
    public static double FiniteHorizon(double revenuePerPeriod, double margin, double retention, double discountRate, int periods)
    {
        Check(revenuePerPeriod, margin, retention, discountRate);
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        double rho = retention / (1 + discountRate);
        double sum = Math.Abs(rho - 1) < 1e-12 ? periods * rho : rho * (1 - Math.Pow(rho, periods)) / (1 - rho);
        return revenuePerPeriod * margin * sum;
    }

    private static void Check(double revenuePerPeriod, double margin, double retention, double discountRate)
    {
        Guard.Finite(revenuePerPeriod);
        Guard.Finite(margin);
        if (!(retention >= 0 && retention <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(retention), retention, $"retention must lie in [0, 1]; got {Guard.Format(retention)}.");
        }

        CheckRate(discountRate);
    }

    private static void CheckRate(double rate, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(rate))] string? name = null)
    {
        if (!(rate > -1 && double.IsFinite(rate)))
        {
            throw new ArgumentOutOfRangeException(name, rate, $"{name} must be a finite number > −1; got {Guard.Format(rate)}.");
        }
    }
}
