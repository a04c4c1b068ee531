using MathNet.Numerics;
using TrustMetrics.Estimation;
using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// The fit behind <see cref="BgNbdCovariateFitter"/> and <see cref="ParetoNbdCovariateFitter"/>: the model without covariates is
/// fitted first (its own fitter), then −LL(θ) is minimised from (its log-estimates, γ = 0) by Levenberg-damped Newton steps on the
/// exact Hessian (<see cref="CovariateLikelihood.Derivatives"/>), each step accepted only when it lowers −LL. Converged when the
/// Euclidean norm of ∇(−LL)/N is within <see cref="ClvFitOptions.GradientTolerance"/> at a positive-definite Hessian. The
/// covariance of θ is the inverse observed information (∇²(−LL))⁻¹ at the optimum; standard errors of the base parameters are
/// carried to the natural scale by the delta method (SE(φ) = φ·SE(ln φ)).
/// </summary>
internal static class CovariateNewton
{
    /// <summary>
    /// The relative Cholesky pivot floor: a direction whose pivot² is below 1e−13 of the largest diagonal entry (a covariate with no
    /// effect on the likelihood) is singular, so its standard error is +∞ rather than a huge finite number.
    /// </summary>
    internal const double PivotFloor = 1e-13;

    private const int MaxSteps = 200;

    public static CovariateFit Fit(CovariateModelKind kind, IReadOnlyList<PurchaseHistory> histories, CovariateMatrix covariates, ClvFitOptions? options,
        CancellationToken cancellationToken, int? maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentNullException.ThrowIfNull(covariates);
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        var o = options ?? ClvFitOptions.Default;
        if (o.Penalizer != 0)
        {
            throw new ArgumentException($"options.Penalizer = {Guard.Format(o.Penalizer)}: fits with covariates are unpenalised (the likelihood-ratio test needs the plain maximum likelihood); use penalizer 0.", nameof(options));
        }

        if (histories.Count != covariates.CustomerCount)
        {
            throw new ArgumentException($"histories has {histories.Count} customers but covariates has {covariates.CustomerCount} rows; give one covariate row per customer, in the same order.", nameof(covariates));
        }

        var rows = new PurchaseHistory[histories.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            var h = histories[i];
            CompressedHistories.Validate(h, i, nameof(histories));
            rows[i] = h;
        }

        var data = CompressedHistories.From(rows.AsSpan());
        string model = kind == CovariateModelKind.BgNbd ? "bgnbd" : "paretonbd";
        string[] names = kind == CovariateModelKind.BgNbd ? ["r", "alpha", "a", "b"] : ["r", "alpha", "s", "beta"];
        ClvFitReport plain;
        if (kind == CovariateModelKind.BgNbd)
        {
            plain = new BgNbdFitter().Fit(data, o, cancellationToken, maxDegreeOfParallelism).Report;
        }
        else
        {
            var fit = new ParetoNbdFitter().Fit(data, o, cancellationToken, maxDegreeOfParallelism);
            if (fit.Convergence.Boundary is not null)
            {
                throw new InvalidOperationException(
                    "The Pareto/NBD fit without covariates lies on the boundary s, β → ∞ (one exponential dropout rate for all customers), where β_i = β·e^{−γᵀz} is not identified; fit BG/NBD with covariates instead.");
            }

            plain = fit.Report;
        }

        var likelihood = new CovariateLikelihood(kind, rows, covariates);
        int k = likelihood.Size;
        var theta = new double[k];
        for (int i = 0; i < 4; i++)
        {
            theta[i] = Math.Log(plain.Estimates[i]);
        }

        double n = rows.Length;
        var gradient = new double[k];
        var hessian = new double[k * k];
        // Work with −LL: g = −∇LL, H = −∇²LL.
        double f = Negate(likelihood.Derivatives(theta, gradient, hessian, work), gradient, hessian);
        double mu = 0;
        int steps = 0;
        string message = "Newton from the fit without covariates";
        for (; steps < MaxSteps; steps++)
        {
            work.ThrowIfCancellationRequested();
            if (Norm(gradient) / n <= Math.Min(o.GradientTolerance, 1e-11))
            {
                break;
            }

            bool accepted = false;
            while (mu <= 1e12)
            {
                var step = Solve(hessian, gradient, k, mu);
                if (step is null)
                {
                    mu = Math.Max(mu * 10, 1e-8);
                    continue;
                }

                var next = new double[k];
                for (int i = 0; i < k; i++)
                {
                    next[i] = theta[i] - step[i];
                }

                double fNext = -likelihood.LogLikelihood(next, work);
                if (fNext <= f + (1e-13 * Math.Abs(f)) && double.IsFinite(fNext))
                {
                    var gNext = new double[k];
                    var hNext = new double[k * k];
                    double fExact = Negate(likelihood.Derivatives(next, gNext, hNext, work), gNext, hNext);
                    if (fNext >= f && Norm(gNext) >= Norm(gradient))
                    {
                        // At rounding level and no better: the optimum is reached.
                        break;
                    }

                    (theta, f, gradient, hessian) = (next, fExact, gNext, hNext);
                    mu = mu < 1e-7 ? 0 : mu / 10;
                    accepted = true;
                    break;
                }

                mu = Math.Max(mu * 10, 1e-8);
            }

            if (!accepted)
            {
                break;
            }
        }

        if (!double.IsFinite(f))
        {
            throw new InvalidOperationException($"The {model} fit with covariates failed: the log-likelihood is not finite at the start (the fit without covariates).");
        }

        double gradientNorm = Norm(gradient) / n;
        var inverse = SymmetricSolver.Invert(hessian, k, PivotFloor);
        bool converged = inverse is not null && gradientNorm <= o.GradientTolerance;
        if (inverse is null)
        {
            message += "; the Hessian is not positive definite (a covariate's effect is not identified), standard errors are infinite";
        }

        double level = o.ConfidenceLevel;
        double zCrit = CriticalValues.TwoSidedZ(level);
        var estimates = new Estimate[4];
        for (int i = 0; i < 4; i++)
        {
            double value = Math.Exp(theta[i]);
            double seLog = inverse is null ? double.PositiveInfinity : Math.Sqrt(inverse[(i * k) + i]);
            estimates[i] = double.IsFinite(seLog)
                ? new Estimate(value, value * seLog, new ConfidenceInterval(value * Math.Exp(-zCrit * seLog), value * Math.Exp(zCrit * seLog), level, "wald-log"))
                : new Estimate(value, double.PositiveInfinity, new ConfidenceInterval(0, double.PositiveInfinity, level, "wald-log"));
        }

        int p = covariates.Count;
        var coefficients = new CovariateCoefficient[2 * p];
        string first = kind == CovariateModelKind.BgNbd ? "alpha" : "lambda";
        string second = kind == CovariateModelKind.BgNbd ? "ab" : "mu";
        for (int j = 0; j < 2 * p; j++)
        {
            int index = 4 + j;
            double value = theta[index];
            double se = inverse is null ? double.PositiveInfinity : Math.Sqrt(inverse[(index * k) + index]);
            var interval = double.IsFinite(se)
                ? new ConfidenceInterval(value - (zCrit * se), value + (zCrit * se), level, "wald")
                : new ConfidenceInterval(double.NegativeInfinity, double.PositiveInfinity, level, "wald");
            coefficients[j] = new CovariateCoefficient(j < p ? first : second, covariates.Names[j % p], new Estimate(value, se, interval));
        }

        double logLikelihood = -f;
        CovariateLikelihoodRatio? ratio = null;
        if (p > 0)
        {
            double g = Math.Max(0, 2 * (logLikelihood - plain.LogLikelihood));
            int df = 2 * p;
            ratio = new CovariateLikelihoodRatio(plain.LogLikelihood, g, df, g > 0 ? SpecialFunctions.GammaUpperRegularized(df / 2.0, g / 2.0) : 1.0);
        }

        var convergence = new Churn.FitConvergence(converged, steps, gradientNorm, "newton", message + $" ({steps} steps)");
        return new CovariateFit(model, names, estimates, coefficients, inverse, theta, logLikelihood, rows.Length, ratio, convergence);
    }

    private static double Negate(double logLikelihood, double[] gradient, double[] hessian)
    {
        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] = -gradient[i];
        }

        for (int i = 0; i < hessian.Length; i++)
        {
            hessian[i] = -hessian[i];
        }

        return double.IsFinite(logLikelihood) ? -logLikelihood : double.PositiveInfinity;
    }

    /// <summary>(H + μ·diag(max(|H_ii|, 1)))⁻¹g by Cholesky, or null when not positive definite (relative pivot floor <see cref="PivotFloor"/>).</summary>
    internal static double[]? Solve(double[] h, double[] g, int k, double mu)
    {
        var damped = (double[])h.Clone();
        for (int i = 0; i < k; i++)
        {
            damped[(i * k) + i] += mu * Math.Max(Math.Abs(h[(i * k) + i]), 1);
        }

        return SymmetricSolver.Solve(damped, g, k, PivotFloor);
    }

    private static double Norm(double[] v)
    {
        double s = 0;
        foreach (double x in v)
        {
            s += x * x;
        }

        return Math.Sqrt(s);
    }
}
