using System.Collections.ObjectModel;
using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Churn;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;
using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// A maximum-likelihood fit of BG/NBD or Pareto/NBD with time-invariant covariates (CLVTools' parameterisation; see
/// <see cref="BgNbdCovariateFitter"/> and <see cref="ParetoNbdCovariateFitter"/>): the base parameters at z = 0 with standard
/// errors and log-scale Wald intervals, one coefficient per (parameter, covariate) with standard error and Wald interval, the
/// log-likelihood with AIC/BIC, the likelihood-ratio test against the same model without covariates, and the customer-level model
/// for any z. Standard errors are √diag of the inverse observed information (exact Hessian), +∞ where it is singular.
/// Built by the fitters only; immutable and thread-safe.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class CovariateFit : ITabularResult
{
    private readonly string[] names;
    private readonly CovariateCoefficient[] coefficients;
    private readonly double[]? covariance;
    private readonly double[] theta;

    internal CovariateFit(string model, string[] names, Estimate[] estimates, CovariateCoefficient[] coefficients, double[]? covariance, double[] theta,
        double logLikelihood, long customers, CovariateLikelihoodRatio? likelihoodRatio, FitConvergence convergence)
    {
        Model = model;
        this.names = names;
        this.coefficients = coefficients;
        this.covariance = covariance;
        this.theta = theta;
        var map = new Dictionary<string, Estimate>(names.Length, StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            map.Add(names[i], estimates[i]);
        }

        Estimates = new ReadOnlyDictionary<string, Estimate>(map);
        LogLikelihood = logLikelihood;
        CustomerCount = customers;
        LikelihoodRatio = likelihoodRatio;
        Convergence = convergence;
    }

    /// <summary>"bgnbd" or "paretonbd".</summary>
    public string Model { get; }

    /// <summary>The base parameters in the papers' order: r, alpha, a, b (BG/NBD) or r, alpha, s, beta (Pareto/NBD), the values at z = 0.</summary>
    public IReadOnlyList<string> ParameterNames => names;

    /// <summary>Each base parameter's estimate, standard error (delta method from the log scale) and log-scale Wald interval, by name.</summary>
    public IReadOnlyDictionary<string, Estimate> Estimates { get; }

    /// <summary>
    /// The coefficients γ: first the purchase process ("alpha" for BG/NBD, "lambda" for Pareto/NBD: α_i = α·e^{−γ₁ᵀz_i}, so a
    /// positive coefficient means a higher purchase rate), then the dropout process ("ab" for BG/NBD: a_i, b_i = a, b·e^{γ₂ᵀz_i};
    /// "mu" for Pareto/NBD: β_i = β·e^{−γ₂ᵀz_i}, a positive coefficient means a higher dropout rate), each over the covariates in order.
    /// </summary>
    public IReadOnlyList<CovariateCoefficient> Coefficients => coefficients;

    /// <summary>Total log-likelihood Σ ℓ_i at the estimates.</summary>
    public double LogLikelihood { get; }

    /// <summary>Number of estimated parameters, 4 + 2p.</summary>
    public int ParameterCount => names.Length + coefficients.Length;

    /// <summary>Akaike's information criterion 2k − 2·LL, k = <see cref="ParameterCount"/>.</summary>
    public double Aic => InformationCriteria.Aic(ParameterCount, LogLikelihood);

    /// <summary>Schwarz's criterion k·ln N − 2·LL (N = <see cref="CustomerCount"/>).</summary>
    public double Bic => InformationCriteria.Bic(ParameterCount, CustomerCount, LogLikelihood);

    /// <summary>Customers in the fit.</summary>
    public long CustomerCount { get; }

    /// <summary>The likelihood-ratio test against the same model without covariates (G = 2(LL − LL₀), df = 2p, χ² reference); null without covariates.</summary>
    public CovariateLikelihoodRatio? LikelihoodRatio { get; }

    /// <summary>How the Newton iterations ended.</summary>
    public FitConvergence Convergence { get; }

    /// <summary>
    /// The model of a customer with covariates <paramref name="covariates"/> (in the fit's column order): BG/NBD at
    /// (r, α·e^{−γ₁ᵀz}, a·e^{γ₂ᵀz}, b·e^{γ₂ᵀz}) or Pareto/NBD at (r, α·e^{−γ₁ᵀz}, s, β·e^{−γ₂ᵀz}), for P(alive) and expected purchases.
    /// </summary>
    /// <param name="covariates">One finite value per covariate.</param>
    /// <returns>A <see cref="BgNbdModel"/> or a <see cref="ParetoNbdModel"/>.</returns>
    /// <exception cref="ArgumentException">The length differs from the number of covariates or a value is not finite.</exception>
    public IPurchaseModel ModelFor(IReadOnlyList<double> covariates)
    {
        var z = CovariateMatrix.CheckedRow(covariates, coefficients.Length / 2, nameof(covariates));
        Span<double> psi = stackalloc double[4];
        CovariateLikelihood.LogParameters(Kind, theta, z, psi);
        double r = Math.Exp(psi[0]), alpha = Math.Exp(psi[1]);
        return Kind == CovariateModelKind.BgNbd
            ? new BgNbdModel(new BgNbdParameters(r, alpha, Math.Exp(psi[2]), Math.Exp(psi[3])))
            : new ParetoNbdModel(new ParetoNbdParameters(r, alpha, Math.Exp(psi[2]), Math.Exp(psi[3])));
    }

    /// <summary>"BG/NBD with 2 covariates: LL = -1234.567, G = 12.3 (df 4), p = 0.0153, n = 1,000" (invariant culture).</summary>
    public override string ToString() =>
        $"{DisplayName} with {coefficients.Length / 2} covariates: LL = {InvariantText.Number(LogLikelihood, "F3")}" +
        (LikelihoodRatio is { } lr ? $", {lr}" : string.Empty) + $", n = {InvariantText.Count(CustomerCount)}";

    /// <summary>Covariance of θ = (ln r, ln α, ln a|ln s, ln b|ln β, γ…) (row-major), null when the Hessian is singular.</summary>
    internal IReadOnlyList<double>? LogScaleCovariance => covariance;

    /// <summary>θ̂ = (ln r, ln α, ln a|ln s, ln b|ln β, γ₁, γ₂) (the purchase coefficients first).</summary>
    internal ReadOnlySpan<double> Theta => theta;

    /// <summary>The model, as the likelihood names it.</summary>
    internal CovariateModelKind Kind => Model == "bgnbd" ? CovariateModelKind.BgNbd : CovariateModelKind.ParetoNbd;

    ResultTable ITabularResult.ToTable()
    {
        var first = Estimates[names[0]];
        var table = new ResultTable(DisplayName + " fit with covariates", "parameter", "term", "estimate", "SE", InvariantText.IntervalHeader(first.Interval));
        foreach (string name in names)
        {
            var e = Estimates[name];
            table.Row(name, "(base)", InvariantText.Number(e.Value, "G6"), InvariantText.Number(e.StandardError, "G4"), InvariantText.Bounds(e.Interval));
        }

        foreach (var c in coefficients)
        {
            table.Row(c.Parameter, c.Term, InvariantText.Number(c.Estimate.Value, "G6"), InvariantText.Number(c.Estimate.StandardError, "G4"), InvariantText.Bounds(c.Estimate.Interval));
        }

        table.Note($"Log-likelihood {InvariantText.Number(LogLikelihood, "F3")} over {InvariantText.Count(CustomerCount)} customers, AIC {InvariantText.Number(Aic, "F1")}; {Convergence}");
        return LikelihoodRatio is { } lr ? table.Note("Likelihood-ratio test against the model without covariates: " + lr) : table;
    }

    private string DisplayName => Model == "bgnbd" ? "BG/NBD" : "Pareto/NBD";
}

/// <summary>One covariate coefficient of a <see cref="CovariateFit"/>. Immutable.</summary>
public sealed class CovariateCoefficient
{
    internal CovariateCoefficient(string parameter, string term, Estimate estimate)
    {
        Parameter = parameter;
        Term = term;
        Estimate = estimate;
    }

    /// <summary>The process it acts on: "alpha" or "ab" (BG/NBD), "lambda" or "mu" (Pareto/NBD).</summary>
    public string Parameter { get; }

    /// <summary>The covariate's name (a categorical level reads "channel=web").</summary>
    public string Term { get; }

    /// <summary>The coefficient γ with its standard error and Wald interval γ ± z·SE.</summary>
    public Estimate Estimate { get; }

    /// <summary>"alpha channel=web: 0.25 ± 0.07" (invariant culture).</summary>
    public override string ToString() => $"{Parameter} {Term}: {InvariantText.Number(Estimate.Value, "G6")} ± {InvariantText.Number(Estimate.StandardError, "G4")}";
}

/// <summary>
/// Likelihood-ratio test of a covariate fit against the same model without covariates: G = 2(LL − LL₀), p = P(χ²_df ≥ G) with
/// df = 2p (the coefficients γ₁, γ₂ added). The null (γ = 0) is interior, so the χ² reference is the usual large-sample one. Immutable.
/// </summary>
public sealed class CovariateLikelihoodRatio
{
    internal CovariateLikelihoodRatio(double nullLogLikelihood, double statistic, int degreesOfFreedom, double pValue)
    {
        NullLogLikelihood = nullLogLikelihood;
        Statistic = statistic;
        DegreesOfFreedom = degreesOfFreedom;
        PValue = pValue;
    }

    /// <summary>Maximised log-likelihood of the model without covariates.</summary>
    public double NullLogLikelihood { get; }

    /// <summary>G = 2(LL − LL₀), clamped at 0.</summary>
    public double Statistic { get; }

    /// <summary>Degrees of freedom, 2p.</summary>
    public int DegreesOfFreedom { get; }

    /// <summary>P(χ²_df ≥ G).</summary>
    public double PValue { get; }

    /// <summary>"G = 12.3 (df 4), p = 0.0153" (invariant culture).</summary>
    public override string ToString() =>
        $"G = {InvariantText.Number(Statistic, "0.###")} (df {DegreesOfFreedom}), p = {InvariantText.PValue(PValue)}";
}
