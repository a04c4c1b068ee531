using MathNet.Numerics;
using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// Compressed log-likelihood, analytic gradient and analytic Hessian shared by BG/NBD (shift 0) and MBG/NBD (shift 1): per row
/// ℓ = C_x + ln(e^{A₃} + δ e^{A₄}) with
/// C_x = [lnΓ(r+x) − lnΓ(r)] + [lnΓ(b+x+s) − lnΓ(b)] − [lnΓ(a+b+x+s) − lnΓ(a+b)] (each bracket a log-gamma difference, see
/// <see cref="GammaRatio.LogGammaRatio"/>), A₃ = −r ln1p(T/α) − x ln(α+T), A₄ = ln a − ln(b+x+s−1) − r ln1p(t_x/α) − x ln(α+t_x),
/// δ = 1 when x &gt; 0 or s = 1 (ltv-churn.md §3–§4: r ln α − (r+x) ln(α+T) regrouped so that nothing of size r ln α cancels when
/// α is in the millions). Rows are summed in 16 fixed chunks, in parallel when there are many and the caller allows it.
/// </summary>
internal static class BetaGeometricLikelihood
{
    private const int ParallelThreshold = 16_384;
    private const int Chunks = 16;

    /// <summary>−Σ count·ℓ and its gradient with respect to (r, α, a, b).</summary>
    internal static double Negative(CompressedHistories data, double r, double alpha, double a, double b, int shift, Span<double> gradient, ParallelWork work = default) =>
        Negative(data, r, alpha, a, b, shift, gradient, work, vectorized: true);

    /// <summary>The same sum row by row with scalar logarithms (the path before vectorisation; kept as the benchmarks' baseline).</summary>
    internal static double NegativeScalar(CompressedHistories data, double r, double alpha, double a, double b, int shift, Span<double> gradient, ParallelWork work = default) =>
        Negative(data, r, alpha, a, b, shift, gradient, work, vectorized: false);

    private static double Negative(CompressedHistories data, double r, double alpha, double a, double b, int shift, Span<double> gradient, ParallelWork work, bool vectorized)
    {
        int n = data.RowCount;
        if (n < ParallelThreshold || !work.MayParallelize)
        {
            work.ThrowIfCancellationRequested();
            Span<double> partial = stackalloc double[5];
            Sum(data, r, alpha, a, b, shift, 0, n, partial, vectorized);
            for (int i = 0; i < 4; i++)
            {
                gradient[i] = -partial[i + 1];
            }

            return -partial[0];
        }

        var sums = new double[Chunks * 5];
        work.For(Chunks, parallel: true, chunk =>
        {
            int from = (int)((long)n * chunk / Chunks), to = (int)((long)n * (chunk + 1) / Chunks);
            Sum(data, r, alpha, a, b, shift, from, to, sums.AsSpan(chunk * 5, 5), vectorized);
        });

        double total = 0;
        gradient[..4].Clear();
        for (int chunk = 0; chunk < Chunks; chunk++)
        {
            total += sums[chunk * 5];
            for (int i = 0; i < 4; i++)
            {
                gradient[i] -= sums[(chunk * 5) + i + 1];
            }
        }

        return -total;
    }

    /// <summary>
    /// −Σ count·ℓ, its gradient and its exact Hessian with respect to (r, α, a, b) (row-major 4 × 4) in one pass over the rows — what
    /// a Newton step needs (<see cref="BetaGeometricVectorSum.SumWithHessian"/>).
    /// </summary>
    internal static double NegativeWithHessian(CompressedHistories data, double r, double alpha, double a, double b, int shift, Span<double> gradient, Span<double> hessian, ParallelWork work = default)
    {
        int n = data.RowCount;
        const int Width = 5 + 16;
        var sums = new double[Chunks * Width];
        work.For(Chunks, n >= ParallelThreshold, chunk =>
        {
            int from = (int)((long)n * chunk / Chunks), to = (int)((long)n * (chunk + 1) / Chunks);
            var part = sums.AsSpan(chunk * Width, Width);
            BetaGeometricVectorSum.SumWithHessian(data, r, alpha, a, b, shift, from, to, part[..5], part[5..]);
        });

        double total = 0;
        gradient[..4].Clear();
        hessian[..16].Clear();
        for (int chunk = 0; chunk < Chunks; chunk++)
        {
            var part = sums.AsSpan(chunk * Width, Width);
            total -= part[0];
            for (int i = 0; i < 4; i++)
            {
                gradient[i] -= part[i + 1];
            }

            for (int i = 0; i < 16; i++)
            {
                hessian[i] -= part[5 + i];
            }
        }

        return total;
    }

    /// <summary>One customer's ℓ (the row formula above) for the models' single-history <c>LogLikelihood</c>.</summary>
    internal static double Row(double r, double alpha, double a, double b, int shift, long x, double tx, double T)
    {
        double c = GammaRatio.LogGammaRatio(r, x) + GammaRatio.LogGammaRatio(b, x + shift) - GammaRatio.LogGammaRatio(a + b, x + shift);
        double a3 = -(r * LogRatio(alpha, T)) - (x * Math.Log(alpha + T));
        if (x == 0 && shift == 0)
        {
            return c + a3;
        }

        double a4 = Math.Log(a) - Math.Log(b + x + shift - 1) - (r * LogRatio(alpha, tx)) - (x * Math.Log(alpha + tx));
        double m = Math.Max(a3, a4);
        return c + m + Statistics.PreciseMath.Log1p(Math.Exp(-Math.Abs(a3 - a4)));
    }

    /// <summary>
    /// The exact Hessian of −Σ count·ℓ with respect to (r, α, a, b) (row-major 4 × 4): per row ∇²C_x (trigamma differences)
    /// + w₃∇²A₃ + w₄∇²A₄ + w₃w₄(∇A₃ − ∇A₄)(∇A₃ − ∇A₄)ᵀ with the log-sum-exp weights w₃ = e^{A₃−ℓ′}, w₄ = e^{A₄−ℓ′}.
    /// </summary>
    internal static double[] Hessian(CompressedHistories data, double r, double alpha, double a, double b, int shift, ParallelWork work = default) =>
        Hessian(data, r, alpha, a, b, shift, work, vectorized: true);

    /// <summary>The same Hessian row by row with scalar logarithms (the reference of the vector pass's tests).</summary>
    internal static double[] HessianScalar(CompressedHistories data, double r, double alpha, double a, double b, int shift, ParallelWork work = default) =>
        Hessian(data, r, alpha, a, b, shift, work, vectorized: false);

    private static double[] Hessian(CompressedHistories data, double r, double alpha, double a, double b, int shift, ParallelWork work, bool vectorized)
    {
        int n = data.RowCount;
        var sums = new double[Chunks * 16];
        work.For(Chunks, n >= ParallelThreshold, chunk =>
        {
            int from = (int)((long)n * chunk / Chunks), to = (int)((long)n * (chunk + 1) / Chunks);
            if (vectorized)
            {
                BetaGeometricVectorSum.SumWithHessian(data, r, alpha, a, b, shift, from, to, stackalloc double[5], sums.AsSpan(chunk * 16, 16));
            }
            else
            {
                HessianSum(data, r, alpha, a, b, shift, from, to, sums.AsSpan(chunk * 16, 16));
            }
        });

        var h = new double[16];
        for (int chunk = 0; chunk < Chunks; chunk++)
        {
            for (int i = 0; i < 16; i++)
            {
                h[i] -= sums[(chunk * 16) + i];
            }
        }

        return h;
    }

    /// <summary>ln(1 + t/α) = ln(α + t) − ln α, without cancellation when α ≫ t.</summary>
    private static double LogRatio(double alpha, double t) => Statistics.PreciseMath.Log1p(t / alpha);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void HessianSum(CompressedHistories data, double r, double alpha, double a, double b, int shift, int from, int to, Span<double> h)
    {
        var xs = data.Frequency;
        var txs = data.Recency;
        var ts = data.T;
        var counts = data.Counts;
        Span<double> d3 = stackalloc double[4];
        Span<double> d4 = stackalloc double[4];
        double t1R = GammaRatio.Trigamma(r), t1B = GammaRatio.Trigamma(b), t1AB = GammaRatio.Trigamma(a + b);
        long lastX = -1;
        double crr = 0, cab = 0, cbb = 0;
        for (int i = from; i < to; i++)
        {
            long x = xs[i];
            if (x != lastX)
            {
                lastX = x;
                crr = GammaRatio.Trigamma(r + x) - t1R;
                cab = -(GammaRatio.Trigamma(a + b + x + shift) - t1AB);
                cbb = GammaRatio.Trigamma(b + x + shift) - t1B + cab;
            }

            double w = counts[i], T = ts[i], alphaT = alpha + T;
            // ∇²C_x: (r, r), (a, a) = (a, b), (b, b).
            h[0] += w * crr;
            h[10] += w * cab;
            h[11] += w * cab;
            h[14] += w * cab;
            h[15] += w * cbb;
            double a3 = -(r * LogRatio(alpha, T)) - (x * Math.Log(alphaT));
            // ∇A₃ = (−ln1p(T/α), r/α − (r+x)/(α+T), 0, 0); ∇²A₃: rα = 1/α − 1/(α+T), αα = −r/α² + (r+x)/(α+T)².
            d3[0] = -LogRatio(alpha, T);
            d3[1] = (r / alpha) - ((r + x) / alphaT);
            double rAlpha3 = (1 / alpha) - (1 / alphaT), alphaAlpha3 = (-r / (alpha * alpha)) + ((r + x) / (alphaT * alphaT));
            if (x == 0 && shift == 0)
            {
                h[1] += w * rAlpha3;
                h[4] += w * rAlpha3;
                h[5] += w * alphaAlpha3;
                continue;
            }

            double tx = txs[i], alphaTx = alpha + tx, bx = b + x + shift - 1;
            double a4 = Math.Log(a) - Math.Log(bx) - (r * LogRatio(alpha, tx)) - (x * Math.Log(alphaTx));
            double m = Math.Max(a3, a4);
            double e3 = Math.Exp(a3 - m), e4 = Math.Exp(a4 - m), total = e3 + e4;
            double w3 = e3 / total, w4 = e4 / total;
            d4[0] = -LogRatio(alpha, tx);
            d4[1] = (r / alpha) - ((r + x) / alphaTx);
            d4[2] = 1 / a;
            d4[3] = -1 / bx;
            double rAlpha4 = (1 / alpha) - (1 / alphaTx), alphaAlpha4 = (-r / (alpha * alpha)) + ((r + x) / (alphaTx * alphaTx));
            double rAlpha = (w3 * rAlpha3) + (w4 * rAlpha4);
            h[1] += w * rAlpha;
            h[4] += w * rAlpha;
            h[5] += w * ((w3 * alphaAlpha3) + (w4 * alphaAlpha4));
            h[10] += w * w4 * (-1 / (a * a));
            h[15] += w * w4 / (bx * bx);
            double ww = w * w3 * w4;
            for (int p = 0; p < 4; p++)
            {
                double dp = (p < 2 ? d3[p] : 0) - d4[p];
                for (int q = 0; q < 4; q++)
                {
                    double dq = (q < 2 ? d3[q] : 0) - d4[q];
                    h[(p * 4) + q] += ww * dp * dq;
                }
            }
        }
    }

    /// <summary>Σ count·(ℓ, ∂ℓ/∂r, ∂ℓ/∂α, ∂ℓ/∂a, ∂ℓ/∂b) over rows [from, to); the x-only terms are computed once per distinct x (rows are sorted by x).</summary>
    private static void Sum(CompressedHistories data, double r, double alpha, double a, double b, int shift, int from, int to, Span<double> result, bool vectorized)
    {
        if (vectorized)
        {
            BetaGeometricVectorSum.Sum(data, r, alpha, a, b, shift, from, to, result);
            return;
        }

        var xs = data.Frequency;
        var txs = data.Recency;
        var ts = data.T;
        var counts = data.Counts;
        double logAlpha = Math.Log(alpha), logA = Math.Log(a);
        double psiR = SpecialFunctions.DiGamma(r), psiAB = SpecialFunctions.DiGamma(a + b), psiB = SpecialFunctions.DiGamma(b);
        double ll = 0, gr = 0, gAlpha = 0, ga = 0, gb = 0;
        long lastX = -1;
        double xLog = 0, dr0 = 0, da0 = 0, db0 = 0, logA4 = 0, inverseBx1 = 0;
        // x-only digammas, advanced by the recurrence ψ(z+1) = ψ(z) + 1/z over the sorted x values (MathNet's DiGamma costs
        // ≈ 0.3 µs); a jump of more than 64 restarts from the functions themselves. The log-gamma differences are computed per
        // distinct x (a few hundred even on a million customers).
        var x0 = new SpecialTerms(r, b + shift, a + b + shift);
        double lastT = double.NaN, logT = 0, ratioT = 0, alphaT = 0;
        // ln1p(t/α) = ln(α+t) − ln α: the difference of logarithms is exact enough unless α ≫ t, where ln1p is used.
        bool largeAlpha = alpha > 0.25 * data.MaxT;
        for (int i = from; i < to; i++)
        {
            long xi = xs[i];
            if (xi != lastX)
            {
                x0.MoveTo(xi, lastX);
                lastX = xi;
                double x = xi, bx = b + x + shift;
                xLog = GammaRatio.LogGammaRatio(r, x) + GammaRatio.LogGammaRatio(b, x + shift) - GammaRatio.LogGammaRatio(a + b, x + shift);
                dr0 = x0.PsiR - psiR;
                da0 = psiAB - x0.PsiAB;
                db0 = psiAB + x0.PsiB - psiB - x0.PsiAB;
                if (xi > 0 || shift > 0)
                {
                    logA4 = logA - Math.Log(bx - 1);
                    inverseBx1 = 1.0 / (bx - 1);
                }

                lastT = double.NaN;
            }

            double w = counts[i];
            double rx = r + xi;
            if (ts[i] != lastT)
            {
                lastT = ts[i];
                alphaT = alpha + lastT;
                logT = Math.Log(alphaT);
                ratioT = largeAlpha ? Statistics.PreciseMath.Log1p(lastT / alpha) : logT - logAlpha;
            }

            double a3 = -(r * ratioT) - (xi * logT);
            if (xi == 0 && shift == 0)
            {
                ll += w * (xLog + a3);
                gr += w * (dr0 - ratioT);
                gAlpha += w * ((r / alpha) - (rx / alphaT));
                ga += w * da0;
                gb += w * db0;
                continue;
            }

            double tx = txs[i];
            double alphaTx = alpha + tx;
            double logTx = Math.Log(alphaTx);
            double ratioTx = largeAlpha ? Statistics.PreciseMath.Log1p(tx / alpha) : logTx - logAlpha;
            double a4 = logA4 - (r * ratioTx) - (xi * logTx);
            // log-sum-exp with one exponential: e = e^{−|A3 − A4|}, ℓ = max + ln(1 + e); the weights are 1/(1+e) and e/(1+e).
            double e = Math.Exp(-Math.Abs(a3 - a4));
            double onePlus = 1 + e;
            double big = 1 / onePlus, small = e / onePlus;
            double w3 = a3 >= a4 ? big : small, w4 = a3 >= a4 ? small : big;
            ll += w * (xLog + Math.Max(a3, a4) + Statistics.PreciseMath.Log1p(e));
            gr += w * (dr0 - (w3 * ratioT) - (w4 * ratioTx));
            gAlpha += w * ((r / alpha) - (rx * ((w3 / alphaT) + (w4 / alphaTx))));
            ga += w * (da0 + (w4 / a));
            gb += w * (db0 - (w4 * inverseBx1));
        }

        result[0] = ll;
        result[1] = gr;
        result[2] = gAlpha;
        result[3] = ga;
        result[4] = gb;
    }

    /// <summary>ψ at r+x, b+s+x, a+b+s+x for the current x, moved along the sorted x values by recurrence.</summary>
    internal struct SpecialTerms(double r, double b, double ab)
    {
        private const long MaxSteps = 64;
        private long x = -1;

        public double PsiR { get; private set; }

        public double PsiB { get; private set; }

        public double PsiAB { get; private set; }

        public void MoveTo(long target, long previous)
        {
            if (x < 0 || previous != x || target < x || target - x > MaxSteps)
            {
                x = target;
                PsiR = SpecialFunctions.DiGamma(r + target);
                PsiB = SpecialFunctions.DiGamma(b + target);
                PsiAB = SpecialFunctions.DiGamma(ab + target);
                return;
            }

            for (; x < target; x++)
            {
                PsiR += 1 / (r + x);
                PsiB += 1 / (b + x);
                PsiAB += 1 / (ab + x);
            }
        }
    }
}
