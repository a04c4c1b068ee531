using System.Collections.ObjectModel;
using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Churn;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;
using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// A maximum-likelihood fit of a CLV model — the one result shape of <see cref="BgNbdFitter"/>, <see cref="MbgNbdFitter"/>,
/// <see cref="ParetoNbdFitter"/>, <see cref="BgBbFitter"/> and <see cref="GammaGammaFitter"/>: the model at the estimates (ready for
/// predictions, its <c>Parameters</c> the estimates), each parameter's estimate with standard error and interval, the
/// covariance, the total log-likelihood with AIC/BIC, and how the optimiser ended. Standard errors are √diag of the inverse
/// observed information (Hessian of −LL at the optimum, including the penalty if any), +∞ in a direction where it is singular;
/// intervals are Wald intervals on the log scale, θ·exp(±z·SE/θ) (method "wald-log"), which stay positive as the parameters do.
/// Built by the fitters only; immutable and thread-safe.
/// </summary>
/// <typeparam name="TModel">The fitted model: <see cref="BgNbdModel"/>, <see cref="MbgNbdModel"/>, <see cref="ParetoNbdModel"/>, <see cref="BgBbModel"/> or <see cref="GammaGammaModel"/>.</typeparam>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class ClvFit<TModel> : ITabularResult
    where TModel : class
{
    private readonly long skippedCustomers;

    internal ClvFit(TModel model, ClvFitReport report, double confidenceLevel, long skippedCustomers = 0)
    {
        Model = model;
        Report = report;
        this.skippedCustomers = skippedCustomers;
        var estimates = new Dictionary<string, Estimate>(report.ParameterNames.Count, StringComparer.Ordinal);
        for (int i = 0; i < report.ParameterNames.Count; i++)
        {
            estimates.Add(report.ParameterNames[i], LogWald(report.Estimates[i], report.StandardErrors[i], confidenceLevel));
        }

        Estimates = new ReadOnlyDictionary<string, Estimate>(estimates);
        Convergence = new FitConvergence(report.Converged, report.Iterations, report.GradientNorm,
            report.Message.StartsWith("Newton", StringComparison.Ordinal) ? "pilot+newton" : "bfgs+newton", report.Message, report.Boundary);
    }

    /// <summary>The model at the maximum-likelihood estimates; <c>Model.Parameters</c> holds them.</summary>
    public TModel Model { get; }

    /// <summary>The parameter names in the papers' order, lowercase ("r", "alpha", "a", "b"): the keys of <see cref="Estimates"/> and of <see cref="Covariance"/>.</summary>
    public IReadOnlyList<string> ParameterNames => Report.ParameterNames;

    /// <summary>Each parameter's estimate, standard error and log-scale Wald interval at <see cref="ClvFitOptions.ConfidenceLevel"/>, by name (<see cref="ParameterNames"/>).</summary>
    public IReadOnlyDictionary<string, Estimate> Estimates { get; }

    /// <summary>Total log-likelihood Σ count·ℓ at the estimates, without the penalty, in the data's own time unit (comparable with the papers, e.g. −9582.4 for BG/NBD on CDNOW).</summary>
    public double LogLikelihood => Report.LogLikelihood;

    /// <summary>Akaike's information criterion 2k − 2·LL (k parameters); lower is better among models fitted to the same data.</summary>
    public double Aic => InformationCriteria.Aic(ParameterNames.Count, LogLikelihood);

    /// <summary>Schwarz's Bayesian information criterion k·ln N − 2·LL (N = <see cref="CustomerCount"/>).</summary>
    public double Bic => InformationCriteria.Bic(ParameterNames.Count, CustomerCount, LogLikelihood);

    /// <summary>Customers the likelihood was summed over (Σ count; for Gamma–Gamma the repeat customers only).</summary>
    public long CustomerCount => Report.CustomerCount;

    /// <summary>How the optimiser ended: converged (gradient norm of the per-customer objective within the tolerance and a positive-definite Hessian), iterations, method, message, and the boundary when the maximum lies on one.</summary>
    public FitConvergence Convergence { get; }

    /// <summary>The optimiser's report (covariance, row count, model id), for the tool and the fit code.</summary>
    internal ClvFitReport Report { get; }

    /// <summary>Customers left out of a Gamma–Gamma fit because they have no repeat purchase (0 for the purchase models).</summary>
    internal long SkippedCustomers => skippedCustomers;

    /// <summary>Covariance of two parameters on the natural scale (an entry of the inverse observed information).</summary>
    /// <param name="row">A name from <see cref="ParameterNames"/>.</param>
    /// <param name="column">A name from <see cref="ParameterNames"/>.</param>
    /// <exception cref="ArgumentException">A name is not one of <see cref="ParameterNames"/>.</exception>
    public double Covariance(string row, string column) => Report.Covariance(IndexOf(row), IndexOf(column));

    /// <summary>"BG/NBD(r = 0.242593 ± 0.0126, alpha = 4.41353 ± 0.378, …), LL = -9582.429, n = 2,357" (invariant culture).</summary>
    public override string ToString() => skippedCustomers > 0
        ? $"{Report}, {InvariantText.Count(skippedCustomers)} customers without repeat purchases skipped"
        : Report.ToString();

    ResultTable ITabularResult.ToTable()
    {
        var first = Estimates[ParameterNames[0]];
        var table = new ResultTable(Report.DisplayName + " fit", "parameter", "estimate", "SE", InvariantText.IntervalHeader(first.Interval));
        foreach (string name in ParameterNames)
        {
            var e = Estimates[name];
            table.Row(name, InvariantText.Number(e.Value, "G6"), InvariantText.Number(e.StandardError, "G4"), InvariantText.Bounds(e.Interval));
        }

        table.Note($"Log-likelihood {InvariantText.Number(LogLikelihood, "F3")} over {InvariantText.Count(CustomerCount)} customers " +
            $"({InvariantText.Count(Report.RowCount)} distinct rows), AIC {InvariantText.Number(Aic, "F1")}; {Convergence}");
        return skippedCustomers > 0
            ? table.Note($"{InvariantText.Count(skippedCustomers)} customers without repeat purchases (x = 0) were left out of the spend model.")
            : table;
    }

    private int IndexOf(string name, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(name))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        for (int i = 0; i < ParameterNames.Count; i++)
        {
            if (string.Equals(ParameterNames[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"{paramName} = \"{name}\" is not a parameter of this fit; the parameters are {string.Join(", ", ParameterNames)}.", paramName);
    }

    /// <summary>θ with SE and the log-scale Wald interval θ·exp(±z·SE/θ); (0, +∞) when the SE is infinite.</summary>
    private static Estimate LogWald(double value, double standardError, double level)
    {
        if (!double.IsFinite(standardError))
        {
            return new Estimate(value, double.PositiveInfinity, new ConfidenceInterval(0, double.PositiveInfinity, level, "wald-log"));
        }

        double half = CriticalValues.TwoSidedZ(level) * standardError / value;
        return new Estimate(value, standardError, new ConfidenceInterval(value * Math.Exp(-half), value * Math.Exp(half), level, "wald-log"));
    }
}
