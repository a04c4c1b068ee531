using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Clv;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;
using TrustMetrics.Statistics;

namespace TrustMetrics.Churn;

/// <summary>
/// A maximum-likelihood fit of the shifted-beta-geometric model with time-invariant covariates
/// (<see cref="ShiftedBetaGeometricCovariateFitter"/>: α_i = α·e^{−γ_αᵀz_i}, β_i = β·e^{−γ_βᵀz_i}): α and β at z = 0 with standard
/// errors (delta method) and log-scale Wald intervals, the coefficients with standard errors and Wald intervals, the log-likelihood
/// with AIC/BIC, the likelihood-ratio test against the sBG without covariates, and the customer-level sBG for any z. Standard
/// errors are √diag of the inverse observed information (exact Hessian), +∞ where it is singular. Immutable and thread-safe.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class ShiftedBetaGeometricCovariateFit : ITabularResult
{
    private readonly CovariateCoefficient[] coefficients;
    private readonly double[] theta;

    internal ShiftedBetaGeometricCovariateFit(Estimate alpha, Estimate beta, CovariateCoefficient[] coefficients, double[] theta, double logLikelihood,
        long customers, CovariateLikelihoodRatio? likelihoodRatio, FitConvergence convergence)
    {
        Alpha = alpha;
        Beta = beta;
        this.coefficients = coefficients;
        this.theta = theta;
        LogLikelihood = logLikelihood;
        CustomerCount = customers;
        LikelihoodRatio = likelihoodRatio;
        Convergence = convergence;
    }

    /// <summary>α at z = 0 with its standard error and log-scale Wald interval (method "wald-log").</summary>
    public Estimate Alpha { get; }

    /// <summary>β at z = 0 with its standard error and log-scale Wald interval (method "wald-log").</summary>
    public Estimate Beta { get; }

    /// <summary>
    /// The coefficients: first γ_α ("alpha": α_i = α·e^{−γ_αᵀz_i}), then γ_β ("beta": β_i = β·e^{−γ_βᵀz_i}), each over the covariates
    /// in order. A positive "alpha" coefficient lowers α_i and so the churn probability; a positive "beta" one lowers β_i and raises it.
    /// </summary>
    public IReadOnlyList<CovariateCoefficient> Coefficients => coefficients;

    /// <summary>Total log-likelihood Σ ℓ_i at the estimates.</summary>
    public double LogLikelihood { get; }

    /// <summary>Number of estimated parameters, 2 + 2p.</summary>
    public int ParameterCount => 2 + coefficients.Length;

    /// <summary>Akaike's information criterion 2k − 2·LL, k = <see cref="ParameterCount"/>.</summary>
    public double Aic => InformationCriteria.Aic(ParameterCount, LogLikelihood);

    /// <summary>Schwarz's criterion k·ln N − 2·LL (N = <see cref="CustomerCount"/>).</summary>
    public double Bic => InformationCriteria.Bic(ParameterCount, CustomerCount, LogLikelihood);

    /// <summary>Customers in the fit.</summary>
    public long CustomerCount { get; }

    /// <summary>The likelihood-ratio test against the sBG without covariates (G = 2(LL − LL₀), df = 2p, χ² reference); null without covariates.</summary>
    public CovariateLikelihoodRatio? LikelihoodRatio { get; }

    /// <summary>How the Newton iterations ended.</summary>
    public FitConvergence Convergence { get; }

    /// <summary>The sBG of a customer with covariates <paramref name="covariates"/> (in the fit's column order): (α·e^{−γ_αᵀz}, β·e^{−γ_βᵀz}).</summary>
    /// <param name="covariates">One finite value per covariate.</param>
    /// <returns>The customer's α_i, β_i with survival, retention and lifetime projections.</returns>
    /// <exception cref="ArgumentException">The length differs from the number of covariates or a value is not finite.</exception>
    public ShiftedBetaGeometricParameters ParametersFor(IReadOnlyList<double> covariates)
    {
        var z = CovariateMatrix.CheckedRow(covariates, coefficients.Length / 2, nameof(covariates));
        int p = z.Length;
        double la = theta[0], lb = theta[1];
        for (int j = 0; j < p; j++)
        {
            la -= z[j] * theta[2 + j];
            lb -= z[j] * theta[2 + p + j];
        }

        return new ShiftedBetaGeometricParameters(Math.Exp(la), Math.Exp(lb));
    }

    /// <summary>"sBG with 2 covariates: LL = -1234.567, G = 12.3 (df 4), p = 0.0153, n = 1,000" (invariant culture).</summary>
    public override string ToString() =>
        $"sBG with {coefficients.Length / 2} covariates: LL = {InvariantText.Number(LogLikelihood, "F3")}" +
        (LikelihoodRatio is { } lr ? $", {lr}" : string.Empty) + $", n = {InvariantText.Count(CustomerCount)}";

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable("Shifted-beta-geometric fit with covariates", "parameter", "term", "estimate", "SE", InvariantText.IntervalHeader(Alpha.Interval))
            .Row("α", "(base)", InvariantText.Number(Alpha.Value, "G6"), InvariantText.Number(Alpha.StandardError, "G4"), InvariantText.Bounds(Alpha.Interval))
            .Row("β", "(base)", InvariantText.Number(Beta.Value, "G6"), InvariantText.Number(Beta.StandardError, "G4"), InvariantText.Bounds(Beta.Interval));
        foreach (var c in coefficients)
        {
            table.Row(c.Parameter, c.Term, InvariantText.Number(c.Estimate.Value, "G6"), InvariantText.Number(c.Estimate.StandardError, "G4"), InvariantText.Bounds(c.Estimate.Interval));
        }

        table.Note($"Log-likelihood {InvariantText.Number(LogLikelihood, "F3")} over {InvariantText.Count(CustomerCount)} customers, AIC {InvariantText.Number(Aic, "F1")}; {Convergence}");
        return LikelihoodRatio is { } ratio ? table.Note("Likelihood-ratio test against the sBG without covariates: " + ratio) : table;
    }
}
