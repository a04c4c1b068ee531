using System.Globalization;

namespace TrustMetrics.Survival;

/// <summary>
/// Newton–Raphson on the log partial likelihood exactly as R survival's <c>agfit4</c>/<c>coxfit6</c>: start at β = 0 (iteration 0
/// also gives the score test UᵀI⁻¹U), then at each iteration evaluate ℓ, U, I at the new β; stop when |1 − ℓ_best/ℓ| ≤ eps (not
/// while halving) — the reported β is the one evaluated last; if ℓ fell (or I lost rank), step back toward the last good β,
/// β ← (β_old·h + β)/(h + 1) with h the number of halvings; else take the step β + I⁻¹U. After iter.max iterations without
/// convergence the last good β is restored when the last try was worse. Used by the pooled fit and by the sharded driver.
/// </summary>
internal static class CoxNewton
{
    public sealed record Outcome(double[] Beta, CoxEvaluation Final, double[] FinalFactor, double NullLogLikelihood, double ScoreTest,
        int Iterations, bool Converged, int Rank, string[] Names);

    public static Outcome Run(Func<double[], CoxEvaluation> evaluate, IReadOnlyList<string> names, CoxFitOptions options, CancellationToken cancellationToken)
    {
        int p = names.Count;
        var beta = new double[p];
        var oldBeta = new double[p];
        var ev = evaluate(beta);
        if (!double.IsFinite(ev.LogLikelihood))
        {
            throw new ArgumentException("The log partial likelihood at β = 0 is not finite; check the offsets.", "data");
        }

        var factor = CoxLinearAlgebra.Factor(ev.I, p, out int rank, out int aliased);
        if (rank < p)
        {
            throw new ArgumentException(
                $"The covariate '{names[aliased]}' is constant or a linear combination of the others over the risk sets (the information matrix has rank {rank} of {p}); drop it.",
                "data");
        }

        double nullLl = ev.LogLikelihood;
        var step = (double[])ev.U.Clone();
        CoxLinearAlgebra.Solve(factor, p, step);
        double score = 0;
        for (int j = 0; j < p; j++) score += ev.U[j] * step[j];
        for (int j = 0; j < p; j++)
        {
            oldBeta[j] = beta[j];
            beta[j] += step[j];
        }

        double best = nullLl;
        int halving = 0;
        bool converged = false;
        int iter;
        for (iter = 1; iter <= options.MaxIterations; iter++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ev = evaluate(beta);
            int fail = 0;
            for (int j = 0; j < p; j++) if (!double.IsFinite(ev.I[(j * p) + j])) fail++;
            factor = CoxLinearAlgebra.Factor(ev.I, p, out int rank2, out _);
            if (!double.IsFinite(ev.LogLikelihood) || rank2 != rank) fail++;
            if (fail == 0 && halving == 0 && Math.Abs(1 - (best / ev.LogLikelihood)) <= options.Tolerance)
            {
                converged = true;
                break;
            }

            if (iter == options.MaxIterations)
            {
                if (options.MaxIterations > 1 && (fail > 0 || (ev.LogLikelihood - best) / Math.Abs(best) < -options.Tolerance))
                {
                    Array.Copy(oldBeta, beta, p);
                    ev = evaluate(beta);
                    factor = CoxLinearAlgebra.Factor(ev.I, p, out _, out _);
                }

                break;
            }

            if (fail > 0 || ev.LogLikelihood < best)
            {
                halving++;
                for (int j = 0; j < p; j++) beta[j] = ((oldBeta[j] * halving) + beta[j]) / (halving + 1.0);
            }
            else
            {
                halving = 0;
                best = ev.LogLikelihood;
                Array.Copy(ev.U, step, p);
                CoxLinearAlgebra.Solve(factor, p, step);
                for (int j = 0; j < p; j++)
                {
                    oldBeta[j] = beta[j];
                    beta[j] += step[j];
                }
            }
        }

        return new Outcome(beta, ev, factor, nullLl, score, Math.Min(iter, options.MaxIterations), converged, rank, [.. names]);
    }

    /// <summary>
    /// R <c>coxph.fit</c>'s check for infinite coefficients: the next Newton step |(I⁻¹U)ⱼ| exceeds both eps and
    /// sqrt(eps)·|βⱼ| although the likelihood converged.
    /// </summary>
    public static bool[] MayBeInfinite(Outcome outcome, double[] covariance, double eps)
    {
        int p = outcome.Beta.Length;
        var flags = new bool[p];
        if (!outcome.Converged) return flags;
        double tolInf = Math.Sqrt(eps);
        for (int j = 0; j < p; j++)
        {
            double s = 0;
            for (int k = 0; k < p; k++) s += outcome.Final.U[k] * covariance[(k * p) + j];
            s = Math.Abs(s);
            flags[j] = s > eps && s > tolInf * Math.Abs(outcome.Beta[j]);
        }

        return flags;
    }

    public static string Message(Outcome outcome, bool[] infinite, int maxIterations)
    {
        var names = Enumerable.Range(0, infinite.Length).Where(j => infinite[j]).Select(j => outcome.Names[j]).ToArray();
        if (!outcome.Converged)
        {
            return string.Create(CultureInfo.InvariantCulture, $"ran out of iterations ({maxIterations}) before the log partial likelihood converged");
        }

        return names.Length == 0
            ? "relative change of the log partial likelihood within tolerance"
            : $"the log partial likelihood converged before {(names.Length == 1 ? "the coefficient of" : "the coefficients of")} {string.Join(", ", names.Select(n => $"'{n}'"))}: separation, the estimate runs to ±∞";
    }
}
