using System.CommandLine;
using System.Globalization;
using System.Text;
using TrustMetrics.Cli.Input;
using TrustMetrics.Clv;

namespace TrustMetrics.Cli.Clv;

/// <summary>
/// <c>clv predict --interval LEVEL</c>: per-customer interval columns from <see cref="PredictionIntervalCalculator"/> appended to the
/// predictions CSV — expected_purchases_lower/upper and p_alive_lower/upper (parameter uncertainty; blank when the fit is on a
/// boundary with no finite covariance) and purchases_lower/upper (equal-tailed interval of the count in the horizon); with monetary
/// values also clv_lower/upper (the realised discounted value's predictive interval).
/// </summary>
internal static class ClvPredictIntervals
{
    public const string Header = ",expected_purchases_lower,expected_purchases_upper,p_alive_lower,p_alive_upper,purchases_lower,purchases_upper";

    public static Option<double?> Option() => new("--interval")
    {
        Description = "Add interval columns at this level (e.g. 0.9): expected purchases and P(alive) (parameter uncertainty) and the purchase count (its predictive distribution). docs/clv.md §Prediction intervals.",
    };

    /// <summary>Validates the level (exit 1 naming the option) and computes the intervals for every row.</summary>
    public static PredictionIntervals Compute<TModel>(ClvFit<TModel> fit, IReadOnlyList<ClvInput.Row> rows, double horizon, double level)
        where TModel : class, IPurchaseModel
    {
        CheckLevel(level);
        var histories = new PurchaseHistory[rows.Count];
        for (int i = 0; i < histories.Length; i++)
        {
            histories[i] = rows[i].History;
        }

        return new PredictionIntervalCalculator().Compute(fit, histories, horizon, level);
    }

    /// <summary>
    /// The same after a fit with covariates (<see cref="PredictionIntervalCalculator.Compute(CovariateFit, ReadOnlySpan{PurchaseHistory}, CovariateMatrix, double, double, CancellationToken, int?)"/>):
    /// every customer at their own parameters, parameter uncertainty from the fit's joint covariance.
    /// </summary>
    public static PredictionIntervals Compute(CovariateFit fit, CovariateMatrix covariates, IReadOnlyList<ClvInput.Row> rows, double horizon, double level)
    {
        CheckLevel(level);
        var histories = new PurchaseHistory[rows.Count];
        for (int i = 0; i < histories.Length; i++)
        {
            histories[i] = rows[i].History;
        }

        return new PredictionIntervalCalculator().Compute(fit, histories, covariates, horizon, level);
    }

    /// <summary>Exit 1 naming the option when the level is outside (0, <see cref="PredictionIntervalCalculator.MaximumLevel"/>].</summary>
    public static void CheckLevel(double level)
    {
        if (!(level > 0 && level <= PredictionIntervalCalculator.MaximumLevel))
        {
            throw new CommandLineException(string.Create(CultureInfo.InvariantCulture,
                $"--interval must be in (0, {PredictionIntervalCalculator.MaximumLevel}]; got {level}."));
        }
    }

    /// <summary>Columns added when the summary has monetary values (a Gamma–Gamma fit): the CLV's predictive interval.</summary>
    public const string ValueHeader = ",clv_lower,clv_upper";

    /// <summary>
    /// The predictive interval of the realised discounted CLV (<see cref="PredictionIntervalCalculator.ComputeValue"/>) for every
    /// row whose spend model applies; customers with repeat purchases worth 0 (left out of the spend fit) get 0 as a placeholder
    /// and are written blank.
    /// </summary>
    public static ValueIntervals ComputeValue<TModel>(ClvFit<TModel> fit, ClvFit<GammaGammaModel> spendFit, IReadOnlyList<ClvInput.Row> rows,
        int months, double discount, double unitsPerMonth, double margin, double level)
        where TModel : class, IPurchaseModel
    {
        var (histories, monetary) = ValueInputs(rows);
        return new PredictionIntervalCalculator().ComputeValue(fit, spendFit, histories, monetary, months, discount, unitsPerMonth, margin, level);
    }

    /// <summary>The same after a fit with covariates: every customer's purchase model and its uncertainty are their covariate pattern's.</summary>
    public static ValueIntervals ComputeValue(CovariateFit fit, CovariateMatrix covariates, ClvFit<GammaGammaModel> spendFit, IReadOnlyList<ClvInput.Row> rows,
        int months, double discount, double unitsPerMonth, double margin, double level)
    {
        var (histories, monetary) = ValueInputs(rows);
        return new PredictionIntervalCalculator().ComputeValue(fit, spendFit, histories, covariates, monetary, months, discount, unitsPerMonth, margin, level);
    }

    /// <summary>Histories and monetary values for the value interval: a customer with repeat purchases worth 0 gets a placeholder (written blank).</summary>
    private static (PurchaseHistory[] Histories, double[] Monetary) ValueInputs(IReadOnlyList<ClvInput.Row> rows)
    {
        var histories = new PurchaseHistory[rows.Count];
        var monetary = new double[rows.Count];
        for (int i = 0; i < histories.Length; i++)
        {
            bool zero = rows[i].History.Frequency > 0 && !(rows[i].Monetary > 0);
            histories[i] = zero ? new PurchaseHistory(0, 0, rows[i].History.T) : rows[i].History;
            monetary[i] = zero ? 0 : rows[i].Monetary ?? 0;
        }

        return (histories, monetary);
    }

    /// <summary>The CLV interval fields of row <paramref name="i"/> (blank for a customer with repeat purchases worth 0).</summary>
    public static void AppendValue(StringBuilder text, ValueIntervals values, IReadOnlyList<ClvInput.Row> rows, int i)
    {
        if (rows[i].History.Frequency > 0 && !(rows[i].Monetary > 0))
        {
            text.Append(",,");
            return;
        }

        text.Append(',').Append(ClvInput.Format(values.Lower[i])).Append(',').Append(ClvInput.Format(values.Upper[i]));
    }

    /// <summary>The interval fields of row <paramref name="i"/>, each after a comma.</summary>
    public static void Append(StringBuilder text, PredictionIntervals intervals, int i)
    {
        text.Append(',').Append(Bound(intervals.ExpectedPurchasesLower, i)).Append(',').Append(Bound(intervals.ExpectedPurchasesUpper, i))
            .Append(',').Append(Bound(intervals.ProbabilityAliveLower, i)).Append(',').Append(Bound(intervals.ProbabilityAliveUpper, i))
            .Append(',').Append(intervals.PurchasesLower[i].ToString(CultureInfo.InvariantCulture))
            .Append(',').Append(intervals.PurchasesUpper[i].ToString(CultureInfo.InvariantCulture));
    }

    private static string Bound(IReadOnlyList<double>? values, int i) => values is null ? string.Empty : ClvInput.Format(values[i]);
}
