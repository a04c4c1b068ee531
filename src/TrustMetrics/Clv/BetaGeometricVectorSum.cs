using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MathNet.Numerics;

namespace TrustMetrics.Clv;

/// <summary>
/// The BG/NBD / MBG/NBD row sum of <see cref="BetaGeometricLikelihood"/> four rows at a time. Rows are sorted by x, so within a run
/// of equal x every x-only term (the log-gamma differences C_x, the digamma differences of the gradient, ln a − ln(b+x+s−1)) is a
/// constant: per run only the parameter-dependent per-row sums Σw, Σw·(max(A₃,A₄) + ln(1+e^{−|A₃−A₄|})), Σw·(w₃ ln1p(T/α) +
/// w₄ ln1p(t_x/α)), Σw·(w₃/(α+T) + w₄/(α+t_x)) and Σw·w₄ are accumulated in <see cref="Vector256{T}"/> lanes (vector ln and exp),
/// and the run's contribution to ℓ and its gradient is assembled from them once. Same formulas as the scalar sum; only the
/// rounding of the summation order and of the vector ln/exp (within a few ulp) differ.
/// </summary>
internal static class BetaGeometricVectorSum
{
    /// <summary>Σ count·(ℓ, ∂ℓ/∂r, ∂ℓ/∂α, ∂ℓ/∂a, ∂ℓ/∂b) over rows [from, to).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sum(CompressedHistories data, double r, double alpha, double a, double b, int shift, int from, int to, Span<double> result)
    {
        var xs = data.Frequency;
        ref double tsRef = ref MemoryMarshal.GetReference(data.T);
        ref double txsRef = ref MemoryMarshal.GetReference(data.Recency);
        ref long countsRef = ref MemoryMarshal.GetReference(data.Counts);
        double logAlpha = Math.Log(alpha), logA = Math.Log(a);
        double psiR = SpecialFunctions.DiGamma(r), psiAB = SpecialFunctions.DiGamma(a + b), psiB = SpecialFunctions.DiGamma(b);
        var x0 = new BetaGeometricLikelihood.SpecialTerms(r, b + shift, a + b + shift);
        bool largeAlpha = alpha > 0.25 * data.MaxT;
        double ll = 0, gr = 0, gAlpha = 0, ga = 0, gb = 0;
        long lastX = -1;
        var vAlpha = Vector256.Create(alpha);
        var vLogAlpha = Vector256.Create(logAlpha);
        var vR = Vector256.Create(r);
        for (int i = from; i < to;)
        {
            long xi = xs[i];
            int end = i + 1;
            while (end < to && xs[end] == xi)
            {
                end++;
            }

            x0.MoveTo(xi, lastX);
            lastX = xi;
            double x = xi, bx = b + x + shift;
            double xLog = GammaRatio.LogGammaRatio(r, x) + GammaRatio.LogGammaRatio(b, x + shift) - GammaRatio.LogGammaRatio(a + b, x + shift);
            double dr0 = x0.PsiR - psiR;
            double da0 = psiAB - x0.PsiAB;
            double db0 = psiAB + x0.PsiB - psiB - x0.PsiAB;
            double rx = r + x;

            // Per-run sums: W = Σw, L = Σw·(log-sum-exp part), R = Σw·(w₃ ratioT + w₄ ratioTx), A = Σw·(w₃/(α+T) + w₄/(α+tₓ)), F = Σw·w₄.
            var vW = Vector256<double>.Zero;
            var vL = Vector256<double>.Zero;
            var vRatio = Vector256<double>.Zero;
            var vA = Vector256<double>.Zero;
            var vF = Vector256<double>.Zero;
            int j = i;
            if (xi == 0 && shift == 0)
            {
                // ℓ = −r ln1p(T/α): w₃ = 1, w₄ = 0.
                for (; j + 4 <= end; j += 4)
                {
                    var w = Vector256.ConvertToDouble(Vector256.LoadUnsafe(ref countsRef, (nuint)j));
                    var t = Vector256.LoadUnsafe(ref tsRef, (nuint)j);
                    var alphaT = vAlpha + t;
                    var ratioT = largeAlpha ? Log1p(t / vAlpha) : Vector256.Log(alphaT) - vLogAlpha;
                    vW += w;
                    vRatio += w * ratioT;
                    vA += w / alphaT;
                }

                double sw = Vector256.Sum(vW), sRatio = Vector256.Sum(vRatio), sA = Vector256.Sum(vA);
                for (; j < end; j++)
                {
                    double w = Unsafe.Add(ref countsRef, j), t = Unsafe.Add(ref tsRef, j);
                    double alphaT = alpha + t;
                    double ratioT = largeAlpha ? Statistics.PreciseMath.Log1p(t / alpha) : Math.Log(alphaT) - logAlpha;
                    sw += w;
                    sRatio += w * ratioT;
                    sA += w / alphaT;
                }

                ll += (xLog * sw) - (r * sRatio);
                gr += (dr0 * sw) - sRatio;
                gAlpha += (r / alpha * sw) - (rx * sA);
                ga += da0 * sw;
                gb += db0 * sw;
                i = end;
                continue;
            }

            double logA4 = logA - Math.Log(bx - 1), inverseBx1 = 1.0 / (bx - 1);
            var vX = Vector256.Create(x);
            var vLogA4 = Vector256.Create(logA4);
            for (; j + 4 <= end; j += 4)
            {
                var w = Vector256.ConvertToDouble(Vector256.LoadUnsafe(ref countsRef, (nuint)j));
                var t = Vector256.LoadUnsafe(ref tsRef, (nuint)j);
                var tx = Vector256.LoadUnsafe(ref txsRef, (nuint)j);
                var alphaT = vAlpha + t;
                var alphaTx = vAlpha + tx;
                var (ratioT, ratioTx, logMixture, w3, w4) = Mixture(t, tx, alphaT, alphaTx, vAlpha, vLogAlpha, vR, vX, vLogA4, largeAlpha);
                vW += w;
                vL += w * logMixture;
                vRatio += w * ((w3 * ratioT) + (w4 * ratioTx));
                vA += w * ((w3 / alphaT) + (w4 / alphaTx));
                vF += w * w4;
            }

            double sW = Vector256.Sum(vW), sL = Vector256.Sum(vL), sR = Vector256.Sum(vRatio), sAl = Vector256.Sum(vA), sF = Vector256.Sum(vF);
            for (; j < end; j++)
            {
                double w = Unsafe.Add(ref countsRef, j), t = Unsafe.Add(ref tsRef, j), tx = Unsafe.Add(ref txsRef, j);
                double alphaT = alpha + t, alphaTx = alpha + tx;
                double logT = Math.Log(alphaT), logTx = Math.Log(alphaTx);
                double ratioT = largeAlpha ? Statistics.PreciseMath.Log1p(t / alpha) : logT - logAlpha;
                double ratioTx = largeAlpha ? Statistics.PreciseMath.Log1p(tx / alpha) : logTx - logAlpha;
                double a3 = -(r * ratioT) - (x * logT);
                double a4 = logA4 - (r * ratioTx) - (x * logTx);
                double e = Math.Exp(-Math.Abs(a3 - a4));
                double big = 1 / (1 + e), small = e * big;
                double w3 = a3 >= a4 ? big : small, w4 = a3 >= a4 ? small : big;
                sW += w;
                sL += w * (Math.Max(a3, a4) + Statistics.PreciseMath.Log1p(e));
                sR += w * ((w3 * ratioT) + (w4 * ratioTx));
                sAl += w * ((w3 / alphaT) + (w4 / alphaTx));
                sF += w * w4;
            }

            ll += (xLog * sW) + sL;
            gr += (dr0 * sW) - sR;
            gAlpha += (r / alpha * sW) - (rx * sAl);
            ga += (da0 * sW) + (sF / a);
            gb += (db0 * sW) - (inverseBx1 * sF);
            i = end;
        }

        result[0] = ll;
        result[1] = gr;
        result[2] = gAlpha;
        result[3] = ga;
        result[4] = gb;
    }

    /// <summary>
    /// One pass for Newton's method: Σ count·(ℓ, ∂ℓ/∂r, ∂ℓ/∂α, ∂ℓ/∂a, ∂ℓ/∂b) over rows [from, to) into <paramref name="result"/> (as
    /// <see cref="Sum"/>) and Σ count·∇²ℓ into <paramref name="h"/> (row-major 4 × 4, the sums of <see cref="BetaGeometricLikelihood"/>'s
    /// scalar Hessian pass), four rows per vector. Per row ∇²ℓ = ∇²C_x + w₃∇²A₃ + w₄∇²A₄ + w₃w₄DDᵀ with D = ∇A₃ − ∇A₄ =
    /// (ln1p(t_x/α) − ln1p(T/α), (r+x)(1/(α+t_x) − 1/(α+T)), −1/a, 1/(b+x+s−1)); within a run of equal x only Σw,
    /// Σw(w₃/(α+T) + w₄/(α+t_x)), Σw(w₃/(α+T)² + w₄/(α+t_x)²), Σw·w₄ and the w·w₃w₄-weighted sums of 1, D₀, E, D₀², D₀E, E²
    /// (E = D₁/(r+x)) depend on the row — besides the value's Σw·(max(A₃,A₄) + ln(1+e^{−|A₃−A₄|})) and Σw(w₃ ln1p(T/α) + w₄ ln1p(t_x/α))
    /// — and the run's contribution is assembled from them once. A last group of fewer than four rows is padded with rows of
    /// weight 0 (copies of a real row, so every lane stays finite).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SumWithHessian(CompressedHistories data, double r, double alpha, double a, double b, int shift, int from, int to, Span<double> result, Span<double> h)
    {
        var xs = data.Frequency;
        var tsAll = data.T;
        var txsAll = data.Recency;
        var countsAll = data.Counts;
        double logAlpha = Math.Log(alpha), logA = Math.Log(a);
        bool largeAlpha = alpha > 0.25 * data.MaxT;
        double psiR = SpecialFunctions.DiGamma(r), psiAB = SpecialFunctions.DiGamma(a + b), psiB = SpecialFunctions.DiGamma(b);
        double t1R = GammaRatio.Trigamma(r), t1B = GammaRatio.Trigamma(b), t1AB = GammaRatio.Trigamma(a + b);
        var x0 = new BetaGeometricLikelihood.SpecialTerms(r, b + shift, a + b + shift);
        double ll = 0, gr = 0, gAlpha = 0, ga = 0, gb = 0;
        long lastX = -1;
        var vAlpha = Vector256.Create(alpha);
        var vLogAlpha = Vector256.Create(logAlpha);
        var vR = Vector256.Create(r);
        Span<double> padT = stackalloc double[4];
        Span<double> padTx = stackalloc double[4];
        Span<double> padW = stackalloc double[4];
        Span<double> outer = stackalloc double[16];
        for (int i = from; i < to;)
        {
            long xi = xs[i];
            int end = i + 1;
            while (end < to && xs[end] == xi)
            {
                end++;
            }

            x0.MoveTo(xi, lastX);
            lastX = xi;
            double x = xi, rx = r + x, bx = b + x + shift - 1;
            double xLog = GammaRatio.LogGammaRatio(r, x) + GammaRatio.LogGammaRatio(b, x + shift) - GammaRatio.LogGammaRatio(a + b, x + shift);
            double dr0 = x0.PsiR - psiR;
            double da0 = psiAB - x0.PsiAB;
            double db0 = psiAB + x0.PsiB - psiB - x0.PsiAB;
            double crr = GammaRatio.Trigamma(r + x) - t1R;
            double cab = -(GammaRatio.Trigamma(a + b + x + shift) - t1AB);
            double cbb = GammaRatio.Trigamma(b + x + shift) - t1B + cab;
            bool single = xi == 0 && shift == 0;
            var vX = Vector256.Create(x);
            var vLogA4 = Vector256.Create(single ? 0 : logA - Math.Log(bx));
            var sW = Vector256<double>.Zero;
            var sL = Vector256<double>.Zero;
            var sRatio = Vector256<double>.Zero;
            var sA = Vector256<double>.Zero;
            var sA2 = Vector256<double>.Zero;
            var sF = Vector256<double>.Zero;
            var sWW = Vector256<double>.Zero;
            var s0 = Vector256<double>.Zero;
            var s1 = Vector256<double>.Zero;
            var s00 = Vector256<double>.Zero;
            var s01 = Vector256<double>.Zero;
            var s11 = Vector256<double>.Zero;
            for (int j = i; j < end; j += 4)
            {
                Vector256<double> w, t, tx;
                if (j + 4 <= end)
                {
                    w = Vector256.ConvertToDouble(Vector256.Create(countsAll.Slice(j, 4)));
                    t = Vector256.Create(tsAll.Slice(j, 4));
                    tx = Vector256.Create(txsAll.Slice(j, 4));
                }
                else
                {
                    for (int k = 0; k < 4; k++)
                    {
                        int at = Math.Min(j + k, end - 1);
                        (padT[k], padTx[k], padW[k]) = (tsAll[at], txsAll[at], j + k < end ? countsAll[at] : 0);
                    }

                    w = Vector256.Create((ReadOnlySpan<double>)padW);
                    t = Vector256.Create((ReadOnlySpan<double>)padT);
                    tx = Vector256.Create((ReadOnlySpan<double>)padTx);
                }

                var alphaT = vAlpha + t;
                var iT = Vector256<double>.One / alphaT;
                sW += w;
                if (single)
                {
                    var ratio = largeAlpha ? Log1p(t / vAlpha) : Vector256.Log(alphaT) - vLogAlpha;
                    sRatio += w * ratio;
                    sA += w * iT;
                    sA2 += w * iT * iT;
                    continue;
                }

                var alphaTx = vAlpha + tx;
                var iTx = Vector256<double>.One / alphaTx;
                var (ratioT, ratioTx, logMixture, w3, w4) = Mixture(t, tx, alphaT, alphaTx, vAlpha, vLogAlpha, vR, vX, vLogA4, largeAlpha);
                var ww = w * w3 * w4;
                var d0 = ratioTx - ratioT;
                var d1 = iTx - iT;
                sL += w * logMixture;
                sRatio += w * ((w3 * ratioT) + (w4 * ratioTx));
                sA += w * ((w3 * iT) + (w4 * iTx));
                sA2 += w * ((w3 * iT * iT) + (w4 * iTx * iTx));
                sF += w * w4;
                sWW += ww;
                s0 += ww * d0;
                s1 += ww * d1;
                s00 += ww * d0 * d0;
                s01 += ww * d0 * d1;
                s11 += ww * d1 * d1;
            }

            double weight = Vector256.Sum(sW), ratioSum = Vector256.Sum(sRatio), inverseSum = Vector256.Sum(sA), squareSum = Vector256.Sum(sA2);
            // ∇²C_x: (r, r), (a, a) = (a, b), (b, b); then the (r, α) and (α, α) terms of w₃∇²A₃ + w₄∇²A₄.
            h[0] += weight * crr;
            h[10] += weight * cab;
            h[11] += weight * cab;
            h[14] += weight * cab;
            h[15] += weight * cbb;
            double rAlpha = (weight / alpha) - inverseSum;
            h[1] += rAlpha;
            h[4] += rAlpha;
            h[5] += (-r / (alpha * alpha) * weight) + (rx * squareSum);
            gAlpha += (r / alpha * weight) - (rx * inverseSum);
            gr += (dr0 * weight) - ratioSum;
            if (single)
            {
                // ℓ = C₀ − r ln1p(T/α): w₃ = 1, w₄ = 0.
                ll += (xLog * weight) - (r * ratioSum);
                ga += da0 * weight;
                gb += db0 * weight;
                i = end;
                continue;
            }

            double f = Vector256.Sum(sF), pairs = Vector256.Sum(sWW), m0 = Vector256.Sum(s0), m1 = Vector256.Sum(s1);
            double m00 = Vector256.Sum(s00), m01 = Vector256.Sum(s01), m11 = Vector256.Sum(s11);
            ll += (xLog * weight) + Vector256.Sum(sL);
            ga += (da0 * weight) + (f / a);
            gb += (db0 * weight) - (f / bx);
            h[10] -= f / (a * a);
            h[15] += f / (bx * bx);
            // w₃w₄DDᵀ with D = (D₀, (r+x)E, −1/a, 1/(b+x+s−1)).
            double d2 = -1 / a, d3 = 1 / bx;
            outer[0] = m00;
            outer[1] = outer[4] = rx * m01;
            outer[2] = outer[8] = m0 * d2;
            outer[3] = outer[12] = m0 * d3;
            outer[5] = rx * rx * m11;
            outer[6] = outer[9] = rx * m1 * d2;
            outer[7] = outer[13] = rx * m1 * d3;
            outer[10] = pairs * d2 * d2;
            outer[11] = outer[14] = pairs * d2 * d3;
            outer[15] = pairs * d3 * d3;
            for (int k = 0; k < 16; k++)
            {
                h[k] += outer[k];
            }

            i = end;
        }

        result[0] = ll;
        result[1] = gr;
        result[2] = gAlpha;
        result[3] = ga;
        result[4] = gb;
    }

    /// <summary>
    /// Four rows' two likelihood terms on the log scale, A₃ = −r·ln((α+T)/α) − x·ln(α+T) and A₄ = ln(a/(b+x−1+s)) − r·ln((α+t_x)/α)
    /// − x·ln(α+t_x), combined as ln(e^A₃ + e^A₄) = max + ln(1 + e^−|A₃−A₄|) with the weights w₃, w₄ = e^Aᵢ / (e^A₃ + e^A₄) that the
    /// gradient and Hessian use; ratioT, ratioTx are ln((α+T)/α), ln((α+t_x)/α) (through <see cref="Log1p"/> when α is large).
    /// Shared by <see cref="Sum"/> and <see cref="SumWithHessian"/> so both differentiate the same numbers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<double> RatioT, Vector256<double> RatioTx, Vector256<double> LogMixture, Vector256<double> W3, Vector256<double> W4) Mixture(
        Vector256<double> t, Vector256<double> tx, Vector256<double> alphaT, Vector256<double> alphaTx, Vector256<double> vAlpha,
        Vector256<double> vLogAlpha, Vector256<double> vR, Vector256<double> vX, Vector256<double> vLogA4, bool largeAlpha)
    {
        var logT = Vector256.Log(alphaT);
        var logTx = Vector256.Log(alphaTx);
        var ratioT = largeAlpha ? Log1p(t / vAlpha) : logT - vLogAlpha;
        var ratioTx = largeAlpha ? Log1p(tx / vAlpha) : logTx - vLogAlpha;
        var a3 = -(vR * ratioT) - (vX * logT);
        var a4 = vLogA4 - (vR * ratioTx) - (vX * logTx);
        var e = Vector256.Exp(-Vector256.Abs(a3 - a4));
        var onePlus = Vector256<double>.One + e;
        var big = Vector256<double>.One / onePlus;
        var small = e * big;
        var third = Vector256.GreaterThanOrEqual(a3, a4);
        return (ratioT, ratioTx, Vector256.Max(a3, a4) + Vector256.Log(onePlus), Vector256.ConditionalSelect(third, big, small),
            Vector256.ConditionalSelect(third, small, big));
    }

    /// <summary>ln(1 + u) for u ≥ 0 without losing u's digits when u is tiny: ln(v)·u/(v − 1) with v = 1 + u (Goldberg), u when v = 1.</summary>
    private static Vector256<double> Log1p(Vector256<double> u)
    {
        var v = Vector256<double>.One + u;
        var d = v - Vector256<double>.One;
        var exact = Vector256.Equals(d, Vector256<double>.Zero);
        var corrected = Vector256.Log(v) * u / Vector256.ConditionalSelect(exact, Vector256<double>.One, d);
        return Vector256.ConditionalSelect(exact, u, corrected);
    }
}
