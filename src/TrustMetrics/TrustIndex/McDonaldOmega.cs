using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// McDonald's omega total of a dimension (McDonald 1999, <i>Test Theory</i>): a one-factor model x_i = λ_i F + e_i fitted by
/// maximum likelihood to the correlation matrix of the dimension's items (reverse-coded items reversed first; complete cases),
/// ω = (Σλ_i)² / ((Σλ_i)² + Σψ_i) with ψ_i the fitted uniquenesses — the model-implied reliability of the sum score. The fit
/// minimises the ML discrepancy of R's <c>factanal</c> / <c>psych::fa(fm = "ml")</c> with the same bound ψ_i ≥ 0.005, to a
/// projected gradient below 1e-12. Unlike <c>psych::omega</c>'s <c>omega.tot</c> it neither flips negatively loading items
/// nor uses the observed total variance: a negative loading lowers ω, as it lowers the reliability of the sum. The interval
/// is the percentile bootstrap over respondents. Render with <see cref="ResultFormatter"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class McDonaldOmega : ITabularResult
{
    /// <summary>Name of the estimator of the factor model: maximum likelihood.</summary>
    public const string MaximumLikelihood = "ml";

    private readonly double[] loadings;
    private readonly double[] uniquenesses;

    internal McDonaldOmega(double? value, ConfidenceInterval? interval, double[] loadings, double[] uniquenesses, string? undefinedReason)
    {
        Value = value;
        Interval = interval;
        this.loadings = loadings;
        this.uniquenesses = uniquenesses;
        UndefinedReason = undefinedReason;
    }

    /// <summary>ω, or null when undefined (see <see cref="UndefinedReason"/>).</summary>
    public double? Value { get; }

    /// <summary>The estimator of the one-factor model: always <see cref="MaximumLikelihood"/> ("ml").</summary>
    public string Estimator => MaximumLikelihood;

    /// <summary>Percentile bootstrap interval over respondents; null when ω is undefined or the bootstrap is off.</summary>
    public ConfidenceInterval? Interval { get; }

    /// <summary>Standardised loadings λ_i in item order (sign chosen so Σλ ≥ 0); empty when ω is undefined.</summary>
    public IReadOnlyList<double> Loadings => loadings;

    /// <summary>Fitted uniquenesses ψ_i in item order; empty when ω is undefined.</summary>
    public IReadOnlyList<double> Uniquenesses => uniquenesses;

    /// <summary>
    /// True when an item's uniqueness sits at the lower bound 0.005 (a Heywood case: the item is almost entirely the factor,
    /// typical of few respondents); ω is then the value on the bound, as factanal reports it.
    /// </summary>
    public bool IsHeywoodCase => Array.Exists(uniquenesses, u => u <= OmegaMath.LowerBound);

    /// <summary>Why ω is null: fewer than three items, fewer than two complete respondents, a constant item, a singular
    /// correlation matrix, or a fit that did not converge; null when ω is defined.</summary>
    public string? UndefinedReason { get; }

    /// <summary>"ω 0.969 (ml, 95% CI 0.91 to 0.99)", invariant culture.</summary>
    public override string ToString() =>
        Value is { } v
            ? $"ω {InvariantText.Number(v, "0.000")} (ml{(Interval is { } i ? ", " + InvariantText.Interval(i, "0.000") : "")})"
            : $"ω undefined: {UndefinedReason}";

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable("McDonald's omega: " + ToString(), "item", "loading", "uniqueness");
        for (int i = 0; i < loadings.Length; i++)
        {
            table.Row((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), InvariantText.Number(loadings[i], "0.000"),
                InvariantText.Number(uniquenesses[i], "0.000"));
        }

        table.Note("ω = (Σλ)² / ((Σλ)² + Σψ), one-factor model fitted by maximum likelihood to the item correlations (McDonald 1999).");
        return IsHeywoodCase ? table.Note("Heywood case: a uniqueness is at its lower bound 0.005.") : table;
    }
}
