using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using TrustMetrics.Estimation;

namespace TrustMetrics.Churn;

/// <summary>
/// Fits the shifted-beta-geometric model (Fader &amp; Hardie 2007, "How to project customer retention") by maximum likelihood:
/// MathNet <see cref="BfgsBMinimizer"/> on (ln α, ln β) within the box [−25, 25]² with the analytic gradient, from a start solved from the first two
/// observed retention rates, then <see cref="NewtonMinimizer"/> with the exact Hessian to polish the optimum. Standard errors
/// come from the observed information in (α, β). Reproduces the paper's published cohorts (docs/retention-sbg.md).
/// Stateless after construction and thread-safe.
/// </summary>
public sealed class ShiftedBetaGeometric : IRetentionModel
{
    /// <summary>Polarisation 1/(α + β + 1) below which the fit is declared to be at the homogeneous (geometric) boundary.</summary>
    private const double MinimumPolarisation = 1e-7;

    /// <summary>α or β below this is declared to be at the boundary 0.</summary>
    private const double MinimumParameter = 1e-7;

    /// <summary>The search box on ln α and ln β: e^±25 ≈ 1.4·10⁻¹¹ … 7.2·10¹⁰, beyond both boundary thresholds.</summary>
    private const double LogBound = 25;

    private readonly double confidenceLevel;

    /// <summary>A model with the library defaults (95% intervals).</summary>
    public ShiftedBetaGeometric()
        : this(new TrustMetricsOptions())
    {
    }

    /// <summary>A model whose intervals default to <see cref="TrustMetricsOptions.ConfidenceLevel"/> (validated and copied).</summary>
    /// <param name="options">Defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid.</exception>
    public ShiftedBetaGeometric(TrustMetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        confidenceLevel = options.Snapshot().ConfidenceLevel;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Series without a finite maximum are rejected with the reason: no churn at all (the likelihood grows as α/(α + β) → 0), every
    /// customer lost in period 1 (as β → 0), and retention that does not rise over the periods, whose best sBG is the homogeneous
    /// geometric limit α, β → ∞ (use a constant churn rate there).
    /// </remarks>
    public ShiftedBetaGeometricFit Fit(ReadOnlySpan<long> survivors, double? confidenceLevel = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ShiftedBetaGeometricLikelihood.Validate(survivors, nameof(survivors));
        double level = confidenceLevel ?? this.confidenceLevel;
        Guard.ConfidenceLevel(level, nameof(confidenceLevel));
        var likelihood = new ShiftedBetaGeometricLikelihood(survivors);
        if (likelihood.Lost == 0)
        {
            throw new ArgumentException(
                $"No customer churned in the {likelihood.Periods} periods (survivors stay at {survivors[0]}): the sBG likelihood increases " +
                "without bound as the mean churn α/(α + β) → 0, so there is no finite maximum-likelihood estimate.", nameof(survivors));
        }

        if (survivors[1] == 0)
        {
            throw new ArgumentException(
                $"Every one of the {survivors[0]} customers churned in period 1: the sBG likelihood is maximised only in the limit β → 0 " +
                "(churn probability 1), so there is no finite maximum-likelihood estimate.", nameof(survivors));
        }

        double n = likelihood.CohortSize;
        // Every evaluation checks the token, so a cancelled fit stops within one optimizer step.
        var objective = ObjectiveFunction.GradientHessian(x =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Evaluate(likelihood, n, x);
        });
        var start = StartingPoint(survivors);

        MinimizationResult bfgs;
        string method = "bfgs-b", message;
        try
        {
            // Box on the log-parameters: a likelihood without interior maximum drives the search onto it, where it is recognised below.
            var lower = Vector<double>.Build.Dense(2, -LogBound);
            var upper = Vector<double>.Build.Dense(2, LogBound);
            bfgs = new BfgsBMinimizer(1e-10, 1e-12, 1e-15, 1000).FindMinimum(objective, lower, upper, start);
            message = "BFGS-B: " + Describe(bfgs.ReasonForExit);
        }
        catch (OptimizationException e)
        {
            // BFGS-B creeping along a ridge toward a boundary can exhaust its iterations; the derivative-free simplex finds where it leads.
            try
            {
                bfgs = new NelderMeadSimplex(1e-12, 20000).FindMinimum(ObjectiveFunction.Value(x =>
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    return Bounded(likelihood, n, x);
                }), start);
            }
            catch (OptimizationException inner)
            {
                throw new InvalidOperationException($"The sBG optimizer failed: BFGS-B: {e.Message}; Nelder–Mead: {inner.Message}", inner);
            }

            method = "nelder-mead";
            message = $"BFGS-B failed ({e.Message}); Nelder–Mead: {Describe(bfgs.ReasonForExit)}";
        }

        var point = bfgs.MinimizingPoint;
        int iterations = bfgs.Iterations;
        bool optimizerConverged = Converged(bfgs.ReasonForExit);
        double alpha = Math.Exp(point[0]), beta = Math.Exp(point[1]);
        if (1.0 / (alpha + beta + 1.0) < MinimumPolarisation)
        {
            throw Homogeneous(likelihood, survivors, alpha, beta);
        }

        if (alpha < MinimumParameter || beta < MinimumParameter)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The sBG likelihood of this series is largest on the boundary (search stopped at α = {alpha:G3}, β = {beta:G3}, heading to 0), so there is no finite maximum-likelihood estimate: the churn of the first period and the retention after it are more extreme than a Beta mixture of constant churn probabilities allows."),
                nameof(survivors));
        }

        try
        {
            var newton = new NewtonMinimizer(1e-13, 100, true).FindMinimum(objective, point);
            if (newton.FunctionInfoAtMinimum.Value <= bfgs.FunctionInfoAtMinimum.Value && InsideBox(newton.MinimizingPoint))
            {
                point = newton.MinimizingPoint;
                iterations += newton.Iterations;
                method += "+newton";
                message += "; Newton: " + Describe(newton.ReasonForExit);
                optimizerConverged = Converged(newton.ReasonForExit);
                (alpha, beta) = (Math.Exp(point[0]), Math.Exp(point[1]));
            }
            else
            {
                message += "; Newton polish kept the BFGS-B point";
            }
        }
        catch (OptimizationException e)
        {
            // The BFGS-B point stands; the gradient check below decides whether it is an optimum.
            message += "; Newton polish skipped: " + e.Message;
        }

        var (gAlpha, gBeta) = likelihood.Gradient(alpha, beta);
        double gradientNorm = Math.Sqrt(alpha * gAlpha * alpha * gAlpha + beta * gBeta * beta * gBeta);
        var (haa, hab, hbb) = likelihood.Hessian(alpha, beta);
        // Observed information I = −H in (α, β); covariance I⁻¹.
        var information = Matrix<double>.Build.DenseOfArray(new[,] { { -haa, -hab }, { -hab, -hbb } });
        bool positiveDefinite = information[0, 0] > 0 && information.Determinant() > 0;
        bool converged = optimizerConverged && positiveDefinite && gradientNorm <= 1e-6 * n;
        if (!positiveDefinite)
        {
            message += "; the observed information is not positive definite (not a maximum): standard errors are infinite";
        }

        double varAlpha = double.PositiveInfinity, varBeta = double.PositiveInfinity, covariance = 0;
        if (positiveDefinite)
        {
            var inverse = information.Inverse();
            (varAlpha, covariance, varBeta) = (inverse[0, 0], inverse[0, 1], inverse[1, 1]);
        }

        return new ShiftedBetaGeometricFit(
            new ShiftedBetaGeometricParameters(alpha, beta),
            LogWald(alpha, Math.Sqrt(varAlpha), level),
            LogWald(beta, Math.Sqrt(varBeta), level),
            covariance,
            likelihood.Value(alpha, beta),
            survivors.ToArray(),
            new FitConvergence(converged, iterations, gradientNorm, method, message));
    }

    /// <summary>−LL/n on (ln α, ln β) with its gradient and Hessian; +∞ outside the representable range so line searches back off.</summary>
    private static (double, Vector<double>, Matrix<double>) Evaluate(ShiftedBetaGeometricLikelihood likelihood, double n, Vector<double> x)
    {
        double alpha = Math.Exp(x[0]), beta = Math.Exp(x[1]);
        if (!(alpha > 0 && beta > 0 && double.IsFinite(alpha + beta)))
        {
            return (double.PositiveInfinity, Vector<double>.Build.Dense(2), Matrix<double>.Build.DenseIdentity(2));
        }

        double value = -likelihood.Value(alpha, beta) / n;
        var (ga, gb) = likelihood.Gradient(alpha, beta);
        var (haa, hab, hbb) = likelihood.Hessian(alpha, beta);
        var gradient = Vector<double>.Build.DenseOfArray([-alpha * ga / n, -beta * gb / n]);
        // Chain rule for θ = e^u: ∂²/∂u² = θ²·LL_θθ + θ·LL_θ.
        var hessian = Matrix<double>.Build.DenseOfArray(new[,]
        {
            { -(alpha * alpha * haa + alpha * ga) / n, -alpha * beta * hab / n },
            { -alpha * beta * hab / n, -(beta * beta * hbb + beta * gb) / n },
        });
        return (value, gradient, hessian);
    }

    /// <summary>−LL/n on (ln α, ln β), +∞ outside the search box (for the derivative-free fallback).</summary>
    private static double Bounded(ShiftedBetaGeometricLikelihood likelihood, double n, Vector<double> x) =>
        InsideBox(x) ? -likelihood.Value(Math.Exp(x[0]), Math.Exp(x[1])) / n : double.PositiveInfinity;

    /// <summary>
    /// Solves r₁ = β/(α + β) and r₂ = (β + 1)/(α + β + 1) from the first two observed retention rates when they rise
    /// (α + β = (1 − r₂)/(r₂ − r₁)); otherwise α = β = 1. Clamped to [10⁻³, 10⁴].
    /// </summary>
    private static Vector<double> StartingPoint(ReadOnlySpan<long> survivors)
    {
        double alpha = 1, beta = 1;
        double r1 = (double)survivors[1] / survivors[0], r2 = (double)survivors[2] / survivors[1];
        if (r2 > r1 && r2 < 1)
        {
            double sum = (1 - r2) / (r2 - r1);
            alpha = Math.Clamp((1 - r1) * sum, 1e-3, 1e4);
            beta = Math.Clamp(r1 * sum, 1e-3, 1e4);
        }

        return Vector<double>.Build.DenseOfArray([Math.Log(alpha), Math.Log(beta)]);
    }

    private static bool InsideBox(Vector<double> point) =>
        Math.Abs(point[0]) <= LogBound && Math.Abs(point[1]) <= LogBound;

    private static bool Converged(ExitCondition reason) => reason is ExitCondition.AbsoluteGradient or ExitCondition.RelativeGradient
        or ExitCondition.Converged or ExitCondition.StrongWolfeCriteria or ExitCondition.WeakWolfeCriteria;

    private static string Describe(ExitCondition reason) => reason switch
    {
        ExitCondition.AbsoluteGradient => "gradient below tolerance",
        ExitCondition.RelativeGradient => "relative gradient below tolerance",
        ExitCondition.RelativePoints => "steps below the parameter tolerance",
        ExitCondition.LackOfProgress => "no further progress in the objective",
        ExitCondition.ExceedIterations => "iteration limit reached",
        _ => reason.ToString(),
    };

    private static Estimate LogWald(double value, double standardError, double level)
    {
        if (!double.IsFinite(standardError))
        {
            return new Estimate(value, double.PositiveInfinity, new ConfidenceInterval(0, double.PositiveInfinity, level, "wald-log"));
        }

        double half = CriticalValues.TwoSidedZ(level) * standardError / value;
        return new Estimate(value, standardError, new ConfidenceInterval(value * Math.Exp(-half), value * Math.Exp(half), level, "wald-log"));
    }

    /// <summary>The exception for a fit that ends in the homogeneous limit, naming the constant-churn alternative.</summary>
    private static ArgumentException Homogeneous(ShiftedBetaGeometricLikelihood likelihood, ReadOnlySpan<long> survivors, double alpha, double beta)
    {
        long exposure = 0;
        for (int t = 0; t < survivors.Length - 1; t++)
        {
            exposure += survivors[t];
        }

        double geometric = (double)likelihood.Lost / exposure;
        return new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"The sBG fit has no finite maximum-likelihood estimate (search stopped at α = {alpha:G3}, β = {beta:G3}, heading to the homogeneous limit α, β → ∞): the observed retention rates do not rise over the periods, so the data show no heterogeneity for the Beta mixture to fit. A constant churn rate fits as well: {likelihood.Lost} lost in {exposure} customer-periods = {geometric:G6} per period."),
            nameof(survivors));
    }
}
