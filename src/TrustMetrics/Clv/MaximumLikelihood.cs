using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// Shared maximum-likelihood machinery (ltv-churn.md §2): minimise f(u) = −LL(e^u)/N + penalizer·Σ(c_k e^{u_k})² over
/// log-parameters u with MathNet's BFGS, polish with Newton steps on a central-difference Hessian of the analytic gradient,
/// and report the covariance D·(N·H)⁻¹·D (D = diag θ) — the inverse observed information on the natural scale. On many rows a
/// pilot fit (<see cref="PilotFit"/>) replaces BFGS by a few Newton steps from the pilot's optimum and inverse Hessian.
/// </summary>
internal static class MaximumLikelihood
{
    /// <summary>Relative step for Hessians from differences of an analytic gradient.</summary>
    private const double HessianStep = 1e-5;

    /// <summary>Total −LL at natural parameters θ; writes ∂(−LL)/∂θ into <c>gradient</c>.</summary>
    public delegate double NegativeLogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient);

    /// <summary>Total −LL at natural parameters θ, without a gradient.</summary>
    public delegate double NegativeLogLikelihoodValue(ReadOnlySpan<double> theta);

    /// <summary>The exact Hessian ∇²(−LL) at natural parameters θ, row-major k × k.</summary>
    public delegate double[] NegativeLogLikelihoodHessian(double[] theta);

    // value: for a model whose gradient is itself a finite difference (Pareto/NBD), −LL alone; the Hessian is then the second
    // difference of the objective's values (step 1e−3 in log θ: its rounding noise, ~1e−16/h², is far below the O(h²) truncation),
    // not a difference of a noisy gradient, whose noise on the flat s–β ridge reaches 1e−3 of the standard errors.
    // warmStart: a pilot fit on a sample of the rows (its log-parameters and inverse Hessian), or null. From a warm start Newton
    // steps run first — about ten likelihood evaluations instead of BFGS's sixty on a million rows — and BFGS runs only if they
    // do not converge.
    public static ClvFitReport Fit(string model, string[] names, NegativeLogLikelihood nll, double[] start, double[] penaltyScale,
        long customers, int rows, ClvFitOptions? options, WarmStart? warmStart = null,
        NegativeLogLikelihoodValue? value = null, NegativeLogLikelihoodHessian? exactHessian = null, ParallelWork work = default)
    {
        var o = options ?? ClvFitOptions.Default;
        o.Validate();
        int k = start.Length;
        double n = customers;
        var best = new double[k];
        double bestValue = double.PositiveInfinity;
        var theta = new double[k];
        var g = new double[k];

        // The last few −LL values by θ: the report's log-likelihood at the optimum is one the optimiser has already computed.
        var seen = new Queue<(double[] Theta, double Value)>();
        var seenHessian = new Queue<(double[] Theta, double[] Hessian)>();

        double Objective(ReadOnlySpan<double> u, Span<double> gradient)
        {
            work.ThrowIfCancellationRequested();
            for (int i = 0; i < k; i++)
            {
                theta[i] = Math.Exp(u[i]);
            }

            double total = nll(theta, g);
            Remember(seen, theta, total);
            double value = total / n;
            for (int i = 0; i < k; i++)
            {
                double scaled = penaltyScale[i] * theta[i];
                value += o.Penalizer * scaled * scaled;
                gradient[i] = (g[i] * theta[i] / n) + (2 * o.Penalizer * scaled * scaled);
            }

            if (!double.IsFinite(value))
            {
                return double.PositiveInfinity;
            }

            if (value < bestValue)
            {
                bestValue = value;
                u.CopyTo(best);
            }

            return value;
        }

        double ObjectiveValue(double[] u)
        {
            work.ThrowIfCancellationRequested();
            double total = 0;
            for (int i = 0; i < k; i++)
            {
                theta[i] = Math.Exp(u[i]);
                double scaled = penaltyScale[i] * theta[i];
                total += o.Penalizer * scaled * scaled;
            }

            return (value!(theta) / n) + total;
        }

        NegativeLogLikelihoodHessian? cachedHessian = exactHessian is null ? null : at =>
        {
            foreach (var (t, h) in seenHessian)
            {
                if (t.AsSpan().SequenceEqual(at))
                {
                    return (double[])h.Clone();
                }
            }

            var computed = exactHessian((double[])at.Clone());
            Remember(seenHessian, at, (double[])computed.Clone());
            return computed;
        };

        double[] HessianAt(double[] u, double[]? gradientAtU) =>
            value is not null ? ValueHessian(ObjectiveValue, u, k, 1e-3)
            : gradientAtU is null ? Hessian(Objective, u, k, HessianStep)
            : ForwardHessian(Objective, u, gradientAtU, k, HessianStep);

        // From a warm start, with an exact Hessian: the objective's Hessian in u = ln θ from ∇²(−LL) in θ (one pass over the rows
        // instead of k gradient evaluations): ∂²f/∂uᵢ∂uⱼ = θᵢθⱼ Hᵢⱼ/N + δᵢⱼ(∂f/∂uᵢ + 2P(cᵢθᵢ)²), the penalty P(cθ)² having first
        // derivative 2P(cθ)² and second 4P(cθ)² in u.
        double[] WarmHessianAt(double[] u, double[] gradientAtU, bool central)
        {
            if (cachedHessian is null)
            {
                return HessianAt(u, central ? null : gradientAtU);
            }

            var at = new double[k];
            for (int i = 0; i < k; i++)
            {
                at[i] = Math.Exp(u[i]);
            }

            var natural = cachedHessian(at);
            var h = new double[k * k];
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    h[(i * k) + j] = at[i] * at[j] * natural[(i * k) + j] / n;
                }

                double scaled = penaltyScale[i] * at[i];
                h[(i * k) + i] += gradientAtU[i] + (2 * o.Penalizer * scaled * scaled);
            }

            return h.All(double.IsFinite) ? h : HessianAt(u, central ? null : gradientAtU);
        }

        var objective = ObjectiveFunction.Gradient(v =>
        {
            var grad = Vector<double>.Build.Dense(k);
            double value = Objective(v.AsArray() ?? v.ToArray(), grad.AsArray());
            if (!double.IsFinite(value))
            {
                // Steer the line search back: a large value with a zero gradient makes Wolfe conditions fail on this step only.
                value = 1e300;
            }

            return (value, grad);
        });

        int iterations = 0;
        string message;
        double[]? found = null;
        if (warmStart is not null && TryNewtonFromWarmStart(Objective, WarmHessianAt, warmStart, k, o.GradientTolerance, out var warm))
        {
            var (u, gradient, hessian0, steps) = warm;
            return Report(model, names, Cached(nll), value, customers, rows, theta, g, u, gradient, hessian0, steps, "Newton from a pilot fit on a sample of the rows", o, cachedHessian, penaltyScale);
        }

        NegativeLogLikelihood Cached(NegativeLogLikelihood f) => (at, gradient) =>
        {
            foreach (var (t, v) in seen)
            {
                if (t.AsSpan().SequenceEqual(at))
                {
                    return v;
                }
            }

            return f(at, gradient);
        };

        start = warmStart?.LogParameters ?? start;
        try
        {
            var result = new BfgsMinimizer(o.GradientTolerance * 10, 1e-14, 1e-15, o.MaxIterations)
                .FindMinimum(objective, Vector<double>.Build.DenseOfArray(start));
            iterations = result.Iterations;
            message = "BFGS: " + result.ReasonForExit;
            found = result.MinimizingPoint.ToArray();
        }
        catch (Exception e) when (e is OptimizationException or ArithmeticException)
        {
            message = "BFGS stopped (" + e.Message.TrimEnd('.') + "); continued from the best point";
        }

        if (!double.IsFinite(bestValue))
        {
            throw new InvalidOperationException(
                $"The {model} fit failed: the log-likelihood is not finite at any point the optimiser tried ({message}). Check the data or add a penalizer.");
        }

        // Newton polish: a few steps on the exact-gradient, finite-difference Hessian take BFGS's answer to machine precision.
        // Start from BFGS's own answer: near the optimum the smallest objective value seen is decided by rounding, not by the gradient.
        var u0 = (double[])best.Clone();
        var grad0 = new double[k];
        double f0 = Objective(u0, grad0);
        if (found is not null && found.All(double.IsFinite))
        {
            var gradFound = new double[k];
            double fFound = Objective(found, gradFound);
            if (double.IsFinite(fFound) && fFound <= f0 + (1e-12 * Math.Max(1, Math.Abs(f0))))
            {
                (u0, grad0, f0) = (found, gradFound, fFound);
            }
        }

        double[] hessian = HessianAt(u0, null);
        for (int step = 0; step < 8 && Norm(grad0) > 1e-13; step++)
        {
            var delta = SymmetricSolver.Solve(hessian, grad0, k);
            if (delta is null)
            {
                break;
            }

            var u1 = new double[k];
            var grad1 = new double[k];
            for (int i = 0; i < k; i++)
            {
                u1[i] = u0[i] - delta[i];
            }

            double f1 = Objective(u1, grad1);
            if (!(f1 <= f0 + (1e-12 * Math.Max(1, Math.Abs(f0)))) || !(Norm(grad1) < Norm(grad0)))
            {
                break;
            }

            // The Hessian is kept: near the optimum a fixed-Hessian Newton step still shrinks the gradient by orders of magnitude,
            // and the steps are far smaller than the difference step, so it remains the Hessian of the final point.
            (u0, grad0, f0) = (u1, grad1, f1);
            iterations++;
        }

        return Report(model, names, nll, value, customers, rows, theta, g, u0, grad0, hessian, iterations, message, o, exactHessian, penaltyScale);
    }

    /// <summary>
    /// Newton steps from a warm start with its inverse Hessian, switching to a central-difference Hessian at the current point
    /// whenever a step shrinks the gradient norm by less than 10×; succeeds when the gradient norm reaches the tolerance within
    /// 12 steps at a positive-definite Hessian. The Hessian for the standard errors is a forward difference of the gradient at the
    /// optimum (k evaluations; its O(step) error is far below what a standard error's three digits need), unless a central one was
    /// taken within 1e−4 in log θ.
    /// </summary>
    private static bool TryNewtonFromWarmStart(Function objective, Func<double[], double[], bool, double[]> hessianOf, WarmStart start, int k, double tolerance,
        out (double[] U, double[] Gradient, double[] Hessian, int Steps) result)
    {
        result = default;
        var u = (double[])start.LogParameters.Clone();
        var gradient = new double[k];
        double f = objective(u, gradient);
        if (!double.IsFinite(f))
        {
            return false;
        }

        double[]? inverse = start.InverseHessian;
        double[]? hessian = null;
        double[]? hessianAt = null;
        for (int step = 1; step <= 12; step++)
        {
            var delta = inverse is not null ? Multiply(inverse, gradient, k) : SymmetricSolver.Solve(hessian!, gradient, k);
            if (delta is null)
            {
                return false;
            }

            var next = new double[k];
            var nextGradient = new double[k];
            for (int i = 0; i < k; i++)
            {
                next[i] = u[i] - delta[i];
            }

            double fNext = objective(next, nextGradient);
            double before = Norm(gradient), after = Norm(nextGradient);
            if (!(fNext <= f + (1e-12 * Math.Max(1, Math.Abs(f)))) || !(after < before))
            {
                // No progress: at the gradient's noise floor (numerical gradients stop near 1e−10) that is convergence when the
                // tolerance is met; anywhere else the warm start has failed and BFGS takes over.
                return before <= tolerance && Finish(u, gradient, step - 1, out result);
            }

            if (inverse is not null)
            {
                // The BFGS secant update sharpens the pilot's inverse Hessian with each step at no extra evaluation.
                inverse = BfgsUpdate(inverse, next, u, nextGradient, gradient, k);
            }

            (u, gradient, f) = (next, nextGradient, fNext);
            if (after <= Math.Min(tolerance, 1e-10))
            {
                return Finish(u, gradient, step, out result);
            }

            if (after > before / 10 && after > tolerance)
            {
                hessian = hessianOf(u, gradient, true);
                hessianAt = (double[])u.Clone();
                inverse = null;
            }
        }

        return false;

        bool Finish(double[] at, double[] gradientAt, int steps, out (double[] U, double[] Gradient, double[] Hessian, int Steps) done)
        {
            var h = hessian is not null && MaxDistance(at, hessianAt!) <= 1e-4 ? hessian : hessianOf(at, gradientAt, false);
            done = (at, gradientAt, h, steps);
            return SymmetricSolver.Invert(h, k) is not null;
        }
    }

    /// <summary>
    /// H_ij ≈ [f(u+hᵢ+hⱼ) − f(u+hᵢ−hⱼ) − f(u−hᵢ+hⱼ) + f(u−hᵢ−hⱼ)]/(4hᵢhⱼ), H_ii ≈ [f(u+2hᵢ) − 2f(u) + f(u−2hᵢ)]/(4hᵢ²)
    /// with hᵢ = step·max(1, |uᵢ|): 2k² + 1 evaluations of the objective's value.
    /// </summary>
    private static double[] ValueHessian(Func<double[], double> f, double[] u, int k, double relativeStep)
    {
        var h = new double[k * k];
        var step = new double[k];
        for (int i = 0; i < k; i++)
        {
            step[i] = relativeStep * Math.Max(1.0, Math.Abs(u[i]));
        }

        double At(int i, double si, int j, double sj)
        {
            var x = (double[])u.Clone();
            x[i] += si * step[i];
            x[j] += sj * step[j];
            return f(x);
        }

        double center = f(u);
        for (int i = 0; i < k; i++)
        {
            h[(i * k) + i] = (At(i, 1, i, 1) - (2 * center) + At(i, -1, i, -1)) / (4 * step[i] * step[i]);
            for (int j = i + 1; j < k; j++)
            {
                double value = (At(i, 1, j, 1) - At(i, 1, j, -1) - At(i, -1, j, 1) + At(i, -1, j, -1)) / (4 * step[i] * step[j]);
                h[(i * k) + j] = h[(j * k) + i] = value;
            }
        }

        return h;
    }

    /// <summary>H[:, j] ≈ (∇f(u + h e_j) − ∇f(u)) / h, symmetrised.</summary>
    private static double[] ForwardHessian(Function f, double[] u, double[] gradient, int k, double relativeStep)
    {
        var h = new double[k * k];
        var shifted = new double[k];
        var x = (double[])u.Clone();
        for (int j = 0; j < k; j++)
        {
            double step = relativeStep * Math.Max(1.0, Math.Abs(u[j]));
            x[j] = u[j] + step;
            f(x, shifted);
            x[j] = u[j];
            for (int i = 0; i < k; i++)
            {
                h[(i * k) + j] = (shifted[i] - gradient[i]) / step;
            }
        }

        Symmetrise(h, k);
        return h;
    }

    /// <summary>Keeps the last eight (θ, value) pairs.</summary>
    private static void Remember<T>(Queue<(double[] Theta, T Value)> queue, ReadOnlySpan<double> theta, T value)
    {
        if (queue.Count == 8)
        {
            queue.Dequeue();
        }

        queue.Enqueue((theta.ToArray(), value));
    }

    /// <summary>H⁻¹ ← (I − ρ s yᵀ) H⁻¹ (I − ρ y sᵀ) + ρ s sᵀ with s = u₁ − u₀, y = g₁ − g₀, ρ = 1/(yᵀs); unchanged when yᵀs ≤ 0.</summary>
    private static double[] BfgsUpdate(double[] inverse, double[] u1, double[] u0, double[] g1, double[] g0, int k)
    {
        var s = new double[k];
        var y = new double[k];
        double ys = 0;
        for (int i = 0; i < k; i++)
        {
            s[i] = u1[i] - u0[i];
            y[i] = g1[i] - g0[i];
            ys += y[i] * s[i];
        }

        if (!(ys > 0))
        {
            return inverse;
        }

        double rho = 1 / ys;
        var hy = Multiply(inverse, y, k);
        double yhy = 0;
        for (int i = 0; i < k; i++)
        {
            yhy += y[i] * hy[i];
        }

        // Expanded form: H⁻¹ − ρ(H⁻¹y sᵀ + s yᵀH⁻¹) + (ρ² yᵀH⁻¹y + ρ) s sᵀ (H⁻¹ symmetric).
        var updated = new double[k * k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                updated[(i * k) + j] = inverse[(i * k) + j] - (rho * ((hy[i] * s[j]) + (s[i] * hy[j]))) + (((rho * rho * yhy) + rho) * s[i] * s[j]);
            }
        }

        return updated;
    }

    private static double[] Multiply(double[] matrix, double[] vector, int k)
    {
        var result = new double[k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                result[i] += matrix[(i * k) + j] * vector[j];
            }
        }

        return result;
    }

    private static ClvFitReport Report(string model, string[] names, NegativeLogLikelihood nll, NegativeLogLikelihoodValue? value, long customers, int rows, double[] theta,
        double[] g, double[] u0, double[] grad0, double[] hessian, int iterations, string message, ClvFitOptions o,
        NegativeLogLikelihoodHessian? exactHessian, double[] penaltyScale)
    {
        int k = u0.Length;
        double n = customers;
        var estimates = new double[k];
        for (int i = 0; i < k; i++)
        {
            estimates[i] = Math.Exp(u0[i]);
        }

        double gradientNorm = Norm(grad0);
        double[]? inverse;
        double[] scale = estimates;
        double divisor = n;
        if (exactHessian is not null)
        {
            // Natural scale directly: Σ = (∇²(−LL) + ∇²(N·penalty))⁻¹, the penalty N·P·Σ(c θ)² contributing 2N·P·c² on the diagonal.
            var exact = exactHessian((double[])estimates.Clone());
            for (int i = 0; i < k; i++)
            {
                exact[(i * k) + i] += 2 * n * o.Penalizer * penaltyScale[i] * penaltyScale[i];
            }

            inverse = SymmetricSolver.Invert(exact, k);
            scale = [.. Enumerable.Repeat(1.0, k)];
            divisor = 1;
        }
        else
        {
            inverse = SymmetricSolver.Invert(hessian, k);
        }

        var covariance = new double[k * k];
        bool positiveDefinite = inverse is not null;
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                covariance[(i * k) + j] = inverse is null ? double.PositiveInfinity : scale[i] * scale[j] * inverse[(i * k) + j] / divisor;
            }

            positiveDefinite &= inverse is not null && inverse[(i * k) + i] > 0;
        }

        bool converged = gradientNorm <= o.GradientTolerance && positiveDefinite;
        if (!positiveDefinite)
        {
            message += "; the Hessian is not positive definite (flat or ill-defined likelihood), standard errors are not reliable";
        }

        theta.AsSpan().Clear();
        // Without the gradient where the model can (Pareto/NBD's gradient is eight more likelihood evaluations).
        double logLikelihood = value is not null ? -value(estimates) : -nll(estimates, g);
        return new ClvFitReport(model, names, estimates, covariance, logLikelihood, customers, rows, iterations, gradientNorm, converged, message);
    }

    private delegate double Function(ReadOnlySpan<double> u, Span<double> gradient);

    private static double[] Hessian(Function f, double[] u, int k, double relativeStep)
    {
        var h = new double[k * k];
        var plus = new double[k];
        var minus = new double[k];
        var x = (double[])u.Clone();
        for (int j = 0; j < k; j++)
        {
            double step = relativeStep * Math.Max(1.0, Math.Abs(u[j]));
            x[j] = u[j] + step;
            f(x, plus);
            x[j] = u[j] - step;
            f(x, minus);
            x[j] = u[j];
            for (int i = 0; i < k; i++)
            {
                h[(i * k) + j] = (plus[i] - minus[i]) / (2 * step);
            }
        }

        Symmetrise(h, k);
        return h;
    }

    private static void Symmetrise(double[] h, int k)
    {
        for (int i = 0; i < k; i++)
        {
            for (int j = i + 1; j < k; j++)
            {
                double mean = (h[(i * k) + j] + h[(j * k) + i]) / 2;
                h[(i * k) + j] = h[(j * k) + i] = mean;
            }
        }
    }

    private static double MaxDistance(double[] u, double[] v)
    {
        double d = 0;
        for (int i = 0; i < u.Length; i++)
        {
            d = Math.Max(d, Math.Abs(u[i] - v[i]));
        }

        return d;
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
