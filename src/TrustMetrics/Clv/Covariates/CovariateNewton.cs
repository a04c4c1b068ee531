using MathNet.Numerics;
using TrustMetrics.Estimation;
using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>A log-likelihood in θ with its exact derivatives, maximised by <see cref="CovariateNewton.Maximise"/>.</summary>
internal interface ICovariateLikelihood
{
    /// <summary>Length of θ.</summary>
    int Size { get; }

    /// <summary>Σ ℓ_i at θ; −∞ outside the numerically usable space.</summary>
    double LogLikelihood(ReadOnlySpan<double> theta, ParallelWork work);

    /// <summary>Σ ℓ_i, writing its gradient and exact Hessian (row-major K × K) with respect to θ.</summary>
    double Derivatives(ReadOnlySpan<double> theta, double[] gradient, double[] hessian, ParallelWork work);
}

/// <summary>The end of <see cref="CovariateNewton.Maximise"/>: θ̂, LL(θ̂), the inverse observed information (null when singular), convergence.</summary>
internal sealed record NewtonOutcome(double[] Theta, double LogLikelihood, double[]? Inverse, Churn.FitConvergence Convergence);

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
        var start = new double[k];
        for (int i = 0; i < 4; i++)
        {
            start[i] = Math.Log(plain.Estimates[i]);
        }

        var outcome = Maximise(likelihood, start, rows.Length, o.GradientTolerance, "Newton from the fit without covariates", work);
        if (!double.IsFinite(outcome.LogLikelihood))
        {
            throw new InvalidOperationException($"The {model} fit with covariates failed: the log-likelihood is not finite at the start (the fit without covariates).");
        }

        var theta = outcome.Theta;
        var inverse = outcome.Inverse;
        double level = o.ConfidenceLevel;
        var estimates = new Estimate[4];
        for (int i = 0; i < 4; i++)
        {
            estimates[i] = LogScaleEstimate(outcome, i, level);
        }

        int p = covariates.Count;
        string first = kind == CovariateModelKind.BgNbd ? "alpha" : "lambda";
        string second = kind == CovariateModelKind.BgNbd ? "ab" : "mu";
        var coefficients = Coefficients(outcome, 4, [first, second], covariates.Names, level);
        var ratio = Ratio(outcome.LogLikelihood, plain.LogLikelihood, 2 * p);
        return new CovariateFit(model, names, estimates, coefficients, inverse, theta, outcome.LogLikelihood, rows.Length, ratio, outcome.Convergence);
    }

    /// <summary>
    /// Maximises LL(θ) from <paramref name="start"/> by Levenberg-damped Newton steps on the exact Hessian, each step accepted only
    /// when it lowers −LL; converged when ‖∇LL‖/N ≤ <paramref name="tolerance"/> at a positive-definite Hessian. Returns θ̂, LL(θ̂)
    /// (−∞ when not finite at the start), the inverse observed information (null when not positive definite) and the convergence.
    /// </summary>
    internal static NewtonOutcome Maximise(ICovariateLikelihood likelihood, double[] start, double n, double tolerance, string message, ParallelWork work)
    {
        int k = likelihood.Size;
        var theta = (double[])start.Clone();
        var gradient = new double[k];
        var hessian = new double[k * k];
        // Work with −LL: g = −∇LL, H = −∇²LL.
        double f = Negate(likelihood.Derivatives(theta, gradient, hessian, work), gradient, hessian);
        double mu = 0;
        int steps = 0;
        for (; steps < MaxSteps && double.IsFinite(f); steps++)
        {
            work.ThrowIfCancellationRequested();
            if (Norm(gradient) / n <= Math.Min(tolerance, 1e-11))
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

        double gradientNorm = Norm(gradient) / n;
        var inverse = double.IsFinite(f) ? SymmetricSolver.Invert(hessian, k, PivotFloor) : null;
        bool converged = inverse is not null && gradientNorm <= tolerance;
        if (inverse is null)
        {
            message += "; the Hessian is not positive definite (a covariate's effect is not identified), standard errors are infinite";
        }

        var convergence = new Churn.FitConvergence(converged, steps, gradientNorm, "newton", message + $" ({steps} steps)");
        return new NewtonOutcome(theta, -f, inverse, convergence);
    }

    /// <summary>e^{θ_i} with SE e^{θ_i}·SE(θ_i) (delta method) and the log-scale Wald interval e^{θ_i ± z·SE(θ_i)}.</summary>
    internal static Estimate LogScaleEstimate(NewtonOutcome outcome, int i, double level)
    {
        int k = outcome.Theta.Length;
        double zCrit = CriticalValues.TwoSidedZ(level);
        double value = Math.Exp(outcome.Theta[i]);
        double seLog = outcome.Inverse is null ? double.PositiveInfinity : Math.Sqrt(outcome.Inverse[(i * k) + i]);
        return double.IsFinite(seLog)
            ? new Estimate(value, value * seLog, new ConfidenceInterval(value * Math.Exp(-zCrit * seLog), value * Math.Exp(zCrit * seLog), level, "wald-log"))
            : new Estimate(value, double.PositiveInfinity, new ConfidenceInterval(0, double.PositiveInfinity, level, "wald-log"));
    }

    /// <summary>
    /// The coefficients θ[first..]: one block of p per entry of <paramref name="parameters"/> (in order), each over the covariate
    /// names, with SE √(Σ_jj) and the Wald interval γ ± z·SE (±∞ where the information is singular).
    /// </summary>
    internal static CovariateCoefficient[] Coefficients(NewtonOutcome outcome, int first, string[] parameters, IReadOnlyList<string> terms, double level)
    {
        int k = outcome.Theta.Length, p = terms.Count;
        double zCrit = CriticalValues.TwoSidedZ(level);
        var coefficients = new CovariateCoefficient[parameters.Length * p];
        for (int j = 0; j < coefficients.Length; j++)
        {
            int index = first + j;
            double value = outcome.Theta[index];
            double se = outcome.Inverse is null ? double.PositiveInfinity : Math.Sqrt(outcome.Inverse[(index * k) + index]);
            var interval = double.IsFinite(se)
                ? new ConfidenceInterval(value - (zCrit * se), value + (zCrit * se), level, "wald")
                : new ConfidenceInterval(double.NegativeInfinity, double.PositiveInfinity, level, "wald");
            coefficients[j] = new CovariateCoefficient(parameters[j / p], terms[j % p], new Estimate(value, se, interval));
        }

        return coefficients;
    }

    /// <summary>G = max(0, 2(LL − LL₀)), p = P(χ²_df ≥ G) (regularised upper incomplete gamma Q(df/2, G/2)); null when df = 0.</summary>
    internal static CovariateLikelihoodRatio? Ratio(double logLikelihood, double nullLogLikelihood, int df)
    {
        if (df == 0)
        {
            return null;
        }

        double g = Math.Max(0, 2 * (logLikelihood - nullLogLikelihood));
        return new CovariateLikelihoodRatio(nullLogLikelihood, g, df, g > 0 ? SpecialFunctions.GammaUpperRegularized(df / 2.0, g / 2.0) : 1.0);
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
