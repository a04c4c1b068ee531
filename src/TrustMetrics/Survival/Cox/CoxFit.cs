using System.Collections.ObjectModel;
using System.Globalization;
using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Churn;
using TrustMetrics.Presentation;

namespace TrustMetrics.Survival;

/// <summary>
/// A fitted Cox proportional-hazards model h(t | x) = h₀ₛ(t)·exp(xᵀβ + offset), as R <c>coxph</c> reports it: the coefficients
/// with model-based (inverse information) and, when robust, sandwich standard errors, hazard ratios with intervals; the log
/// partial likelihood at β = 0 and at β̂; the likelihood-ratio, Wald and score tests; how Newton–Raphson ended (with the
/// variables whose coefficient runs to ±∞ named). Residuals, the baseline hazard, predictions, concordance and the
/// proportional-hazards test are computed from this fit and the data it was fitted on. Immutable and thread-safe.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class CoxFit : ITabularResult
{
    private readonly double[] beta;
    private readonly double[] covariance;
    private readonly double[]? robustCovariance;

    internal CoxFit(string[] names, double[] beta, double[] covariance, double[]? robustCovariance, double nullLogLikelihood, double logLikelihood,
        double scoreStatistic, bool[] mayBeInfinite, FitConvergence convergence, CoxFitOptions options, int rowCount, int eventCount, double[] center)
    {
        this.beta = beta;
        this.covariance = covariance;
        this.robustCovariance = robustCovariance;
        Center = center;
        int p = beta.Length;
        Terms = new ReadOnlyCollection<string>(names);
        var used = robustCovariance ?? covariance;
        double z = Statistics.Distributions.NormalUpperQuantile((1 - options.ConfidenceLevel) / 2);
        var coefficients = new CoxCoefficient[p];
        for (int j = 0; j < p; j++)
        {
            double se = Math.Sqrt(Math.Max(0, covariance[(j * p) + j]));
            double? rse = robustCovariance is null ? null : Math.Sqrt(Math.Max(0, robustCovariance[(j * p) + j]));
            double seUsed = rse ?? se;
            double zj = beta[j] / seUsed;
            double pj = 2 * Statistics.Distributions.NormalCdf(-Math.Abs(zj));
            coefficients[j] = new CoxCoefficient(names[j], beta[j], se, rse, zj, pj, Math.Exp(beta[j] - (z * seUsed)), Math.Exp(beta[j] + (z * seUsed)), mayBeInfinite[j]);
        }

        Coefficients = Array.AsReadOnly(coefficients);
        NullLogLikelihood = nullLogLikelihood;
        LogLikelihood = logLikelihood;
        LikelihoodRatioTest = new CoxTest(2 * (logLikelihood - nullLogLikelihood), p);
        var factor = CoxLinearAlgebra.Factor(used, p, out _, out _);
        WaldTest = new CoxTest(CoxLinearAlgebra.QuadraticForm(factor, p, beta), p);
        ScoreTest = new CoxTest(scoreStatistic, p);
        Convergence = convergence;
        Ties = options.Ties;
        ConfidenceLevel = options.ConfidenceLevel;
        RowCount = rowCount;
        EventCount = eventCount;
    }

    /// <summary>The term names in column order.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>One entry per term, in <see cref="Terms"/> order.</summary>
    public IReadOnlyList<CoxCoefficient> Coefficients { get; }

    /// <summary>The estimates β̂ in <see cref="Terms"/> order.</summary>
    public IReadOnlyList<double> Beta => Array.AsReadOnly(beta);

    /// <summary>Log partial likelihood at β = 0 (R <c>fit$loglik[1]</c>).</summary>
    public double NullLogLikelihood { get; }

    /// <summary>Log partial likelihood at β̂ (R <c>fit$loglik[2]</c>).</summary>
    public double LogLikelihood { get; }

    /// <summary>Likelihood-ratio test 2(ℓ(β̂) − ℓ(0)) on p df.</summary>
    public CoxTest LikelihoodRatioTest { get; }

    /// <summary>Wald test β̂ᵀV⁻¹β̂ on p df, V the robust covariance when the fit is robust (as R).</summary>
    public CoxTest WaldTest { get; }

    /// <summary>Score (log-rank for one binary covariate) test U(0)ᵀI(0)⁻¹U(0) on p df.</summary>
    public CoxTest ScoreTest { get; }

    /// <summary>Convergence report: iterations (R <c>fit$iter</c>), converged, ‖U‖ at β̂; the boundary names coefficients that run to ±∞.</summary>
    public FitConvergence Convergence { get; }

    /// <summary>Tie handling used.</summary>
    public CoxTies Ties { get; }

    /// <summary>Confidence level of the intervals.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>Rows fitted.</summary>
    public int RowCount { get; }

    /// <summary>Events fitted.</summary>
    public int EventCount { get; }

    /// <summary>True when the robust covariance is present (clusters given or robust asked).</summary>
    public bool IsRobust => robustCovariance is not null;

    /// <summary>The weighted covariate means the data were centred by (used by the predictions).</summary>
    internal double[] Center { get; }

    internal double[] BetaArray => beta;

    internal double[] CovarianceArray => covariance;

    internal double[]? RobustCovarianceArray => robustCovariance;

    /// <summary>Model-based covariance (inverse information) of two coefficients.</summary>
    /// <param name="row">Term index.</param>
    /// <param name="column">Term index.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, p).</exception>
    public double Covariance(int row, int column)
    {
        CheckIndex(row);
        CheckIndex(column);
        return covariance[(row * beta.Length) + column];
    }

    /// <summary>Robust covariance of two coefficients, or null when the fit is not robust.</summary>
    /// <param name="row">Term index.</param>
    /// <param name="column">Term index.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, p).</exception>
    public double? RobustCovariance(int row, int column)
    {
        CheckIndex(row);
        CheckIndex(column);
        return robustCovariance?[(row * beta.Length) + column];
    }

    private void CheckIndex(int index, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(index))] string? name = null)
    {
        if ((uint)index >= (uint)beta.Length)
        {
            throw new ArgumentOutOfRangeException(name, index, $"{name} must lie in [0, {beta.Length}); got {index}.");
        }
    }

    /// <summary>"Cox (efron): n = 432, events = 114, LR χ² = 33.27 on 7 df, p = 2.4e-05" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Cox ({(Ties == CoxTies.Efron ? "efron" : "breslow")}): n = {RowCount}, events = {EventCount}, LR {LikelihoodRatioTest}");

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable("Cox proportional hazards", "term", "coef", "HR", "se", IsRobust ? "robust se" : "z", IsRobust ? "z" : "p", IsRobust ? "p" : "interval");
        foreach (var c in Coefficients)
        {
            string interval = $"[{InvariantText.Number(c.Lower, "G4")}, {InvariantText.Number(c.Upper, "G4")}]";
            if (IsRobust)
            {
                table.Row(c.Term, InvariantText.Number(c.Coefficient, "G4"), InvariantText.Number(c.HazardRatio, "G4"), InvariantText.Number(c.StandardError, "G4"),
                    InvariantText.Number(c.RobustStandardError!.Value, "G4"), InvariantText.Number(c.Z, "0.00"), InvariantText.Number(c.PValue, "G3"));
            }
            else
            {
                table.Row(c.Term, InvariantText.Number(c.Coefficient, "G4"), InvariantText.Number(c.HazardRatio, "G4"), InvariantText.Number(c.StandardError, "G4"),
                    InvariantText.Number(c.Z, "0.00"), InvariantText.Number(c.PValue, "G3"), interval);
            }
        }

        return table.Note($"Likelihood ratio {LikelihoodRatioTest}; Wald {WaldTest}; score {ScoreTest}.").Note(Convergence.ToString());
    }
}
