using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using TrustMetrics.Statistics;

namespace TrustMetrics.Survival;

/// <summary>
/// The partial likelihood, score and information of a Cox model at a given β over a <see cref="CoxData"/> layout, as R's
/// <c>agfit4</c>/<c>coxfit6</c> define them (Efron or Breslow ties, weights, offsets, strata, (start, stop] rows), computed in
/// O(n·p²) per evaluation without per-row allocation:
/// <list type="number">
/// <item>rows in parallel blocks: η = Xβ + offset, r = w·exp(η − shift) (shift = max η, so nothing overflows);</item>
/// <item>one serial backward sweep per stratum over the event times: S₀ = Σr and S₁ = Σr·x over the risk set (rows added at their
/// stop time, removed at their start time), the tied events' D₀, D₁; from them the log-likelihood, the scalar hazard weights
/// c(t) = w̄·Σₖ1/denₖ and e(t) = w̄·Σₖ(k/d)/denₖ (denₖ = S₀ − (k/d)·D₀; Breslow: c = Σw/S₀, e = 0) and the outer-product part
/// Σₜ w̄·Σₖ mₖmₖᵀ (mₖ = (S₁ − (k/d)·D₁)/denₖ) of the information, in closed form over k;</item>
/// <item>rows in parallel blocks again: with Cᵢ = Σ c(t) over the event times in (startᵢ, stopᵢ] (minus e(t) at the row's own
/// event), the martingale residual Mᵢ = δᵢwᵢ − rᵢCᵢ gives the score U = Σ Mᵢxᵢ and the second-moment part of the information
/// Σ rᵢCᵢxᵢxᵢᵀ, which equals Σₜ w̄·Σₖ S₂,ₖ/denₖ without any per-time p×p sum.</item>
/// </list>
/// Block partial sums are added in block order, so the result does not depend on the number of threads.
/// </summary>
internal sealed class CoxEngine
{
    private const int BlockRows = 8192;

    private readonly CoxData data;
    private readonly bool efron;
    private readonly int p;
    private readonly int tri;
    private readonly int blocks;
    private readonly double[] eta;
    private readonly double[] risk;
    private readonly double[] slotC;
    private readonly double[] slotE;
    private readonly double[] cum;
    private readonly double[] blockSums;
    private readonly double[] blockMax;

    public CoxEngine(CoxData data, CoxTies ties)
    {
        this.data = data;
        efron = ties == CoxTies.Efron;
        p = data.P;
        tri = p * (p + 1) / 2;
        blocks = (data.N + BlockRows - 1) / BlockRows;
        eta = new double[data.N];
        risk = new double[data.N];
        slotC = new double[data.SlotTime.Length];
        slotE = new double[data.SlotTime.Length];
        cum = new double[data.SlotTime.Length + data.StratumCount];
        blockSums = new double[blocks * (p + tri + 1)];
        blockMax = new double[blocks];
    }

    public CoxData Data => data;

    public bool Efron => efron;

    /// <summary>η of each sorted row at the last evaluation (centred covariates).</summary>
    public ReadOnlySpan<double> Eta => eta;

    /// <summary>The shift of the last evaluation: r = w·exp(η − shift).</summary>
    public double Shift { get; private set; }

    /// <summary>r = w·exp(η − shift) per sorted row at the last evaluation.</summary>
    public ReadOnlySpan<double> Risk => risk;

    /// <summary>c(t) per event slot at the last evaluation (hazard increment per unit of r).</summary>
    public ReadOnlySpan<double> SlotC => slotC;

    /// <summary>e(t) per event slot (Efron correction for the tied events themselves; 0 for Breslow).</summary>
    public ReadOnlySpan<double> SlotE => slotE;

    /// <summary>Cumulative c per stratum (index SlotBegin[s] + s + m).</summary>
    public ReadOnlySpan<double> Cum => cum;

    /// <summary>Evaluates the log partial likelihood, the score and the information (full p×p, row-major) at β.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CoxEvaluation Evaluate(double[] beta, ParallelWork work, CoxSlotDetails? details = null)
    {
        int n = data.N;
        var x = data.X;
        var off = data.Offset;
        var w = data.Weight;
        bool parallel = (long)n * p >= 200_000;

        work.For(blocks, parallel, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (b) =>
        {
            int lo = b * BlockRows, hi = Math.Min(n, lo + BlockRows);
            double max = double.NegativeInfinity;
            for (int r = lo; r < hi; r++)
            {
                var row = x.AsSpan(r * p, p);
                double e = off[r];
                for (int j = 0; j < row.Length; j++) e += row[j] * beta[j];
                eta[r] = e;
                if (e > max) max = e;
            }

            blockMax[b] = max;
        });
        double shift = double.NegativeInfinity;
        foreach (double m in blockMax) shift = Math.Max(shift, m);
        if (!double.IsFinite(shift)) shift = 0;
        Shift = shift;
        work.For(blocks, parallel, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (b) =>
        {
            int lo = b * BlockRows, hi = Math.Min(n, lo + BlockRows);
            for (int r = lo; r < hi; r++) risk[r] = w[r] * Math.Exp(eta[r] - shift);
        });

        work.ThrowIfCancellationRequested();
        var ib = new double[tri];
        double logTerms = Sweep(ib, details);
        for (int s = 0; s < data.StratumCount; s++)
        {
            int baseIndex = data.SlotBegin[s] + s;
            double acc = 0;
            cum[baseIndex] = 0;
            for (int m = data.SlotBegin[s]; m < data.SlotBegin[s + 1]; m++)
            {
                acc += slotC[m];
                cum[baseIndex + (m - data.SlotBegin[s]) + 1] = acc;
            }
        }

        int stride = p + tri + 1;
        Array.Clear(blockSums);
        var ev = data.Event;
        var hiIdx = data.Hi;
        var loIdx = data.Lo;
        var deathSlot = data.DeathSlot;
        work.For(blocks, parallel, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (b) =>
        {
            int lo = b * BlockRows, hi = Math.Min(n, lo + BlockRows);
            var sums = blockSums.AsSpan(b * stride, stride);
            var u = sums[..p];
            var ia = sums.Slice(p, tri);
            double ll = 0;
            for (int r = lo; r < hi; r++)
            {
                double c = cum[hiIdx[r]];
                if (loIdx is not null) c -= cum[loIdx[r]];
                double dn = 0;
                if (ev[r] != 0)
                {
                    c -= slotE[deathSlot[r]];
                    dn = w[r];
                    ll += w[r] * (eta[r] - shift);
                }

                double rc = risk[r] * c;
                double mres = dn - rc;
                var row = x.AsSpan(r * p, p);
                int k = 0;
                for (int j = 0; j < row.Length; j++)
                {
                    double xj = row[j];
                    u[j] += mres * xj;
                    AddScaled(ia.Slice(k, row.Length - j), rc * xj, row[j..]);
                    k += row.Length - j;
                }
            }

            sums[stride - 1] = ll;
        });

        var result = new CoxEvaluation(p);
        double llDeaths = 0;
        var ia2 = new double[tri];
        for (int b = 0; b < blocks; b++)
        {
            var sums = blockSums.AsSpan(b * stride, stride);
            for (int j = 0; j < p; j++) result.U[j] += sums[j];
            for (int k = 0; k < tri; k++) ia2[k] += sums[p + k];
            llDeaths += sums[stride - 1];
        }

        result.LogLikelihood = llDeaths - logTerms;
        for (int j = 0, k = 0; j < p; j++)
        {
            for (int l = j; l < p; l++, k++)
            {
                double v = ia2[k] - ib[k];
                result.I[(j * p) + l] = v;
                result.I[(l * p) + j] = v;
            }
        }

        return result;
    }

    /// <summary>
    /// The score and information of the model extended by x·g(t) at (β, γ = 0), as R <c>cox.zph</c>'s C routine (survival 3.5-3
    /// <c>coxscho</c>/<c>zph</c>): with U(t), V(t) the score and information increments at event time t (Efron or Breslow),
    /// u = Σₜ g(t)·U(t) and I = [ΣV, Σ gV; Σ gV, Σ g²V] (2p × 2p, row-major). Needs the last <see cref="Evaluate"/> to have filled
    /// <paramref name="details"/> at β; <paramref name="slotG"/> holds g per event slot. No per-time p×p sum: as in
    /// <see cref="Evaluate"/>, Σₜ h(t)·V(t) = Σᵢ rᵢ·(Σ_{t ∈ (startᵢ, stopᵢ]} h(t)c(t) − δᵢh(tᵢ)e(tᵢ))·xᵢxᵢᵀ − Σₜ h(t)·w̄Σₖ mₖmₖᵀ, one
    /// parallel pass over the rows for h = g and h = g², and U(t) = Σ_{events at t} w·x − (c(t)·S₁ − e(t)·D₁).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (double[] U, double[] I) ExtendedScore(CoxEvaluation evaluation, CoxSlotDetails details, double[] slotG, ParallelWork work)
    {
        int n = data.N, slots = data.SlotTime.Length, q2 = 2 * p;
        var cumG = new double[cum.Length];
        var cumGG = new double[cum.Length];
        for (int s = 0; s < data.StratumCount; s++)
        {
            int baseIndex = data.SlotBegin[s] + s;
            double a1 = 0, a2 = 0;
            for (int m = data.SlotBegin[s]; m < data.SlotBegin[s + 1]; m++)
            {
                a1 += slotG[m] * slotC[m];
                a2 += slotG[m] * slotG[m] * slotC[m];
                cumG[baseIndex + (m - data.SlotBegin[s]) + 1] = a1;
                cumGG[baseIndex + (m - data.SlotBegin[s]) + 1] = a2;
            }
        }

        var x = data.X;
        var w = data.Weight;
        var ev = data.Event;
        var hiIdx = data.Hi;
        var loIdx = data.Lo;
        var deathSlot = data.DeathSlot;
        int stride = p + (2 * tri);
        var sums = new double[blocks * stride];
        work.For(blocks, (long)n * p >= 200_000, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (b) =>
        {
            int lo = b * BlockRows, hi = Math.Min(n, lo + BlockRows);
            var block = sums.AsSpan(b * stride, stride);
            var u = block[..p];
            var ig = block.Slice(p, tri);
            var igg = block.Slice(p + tri, tri);
            for (int r = lo; r < hi; r++)
            {
                double cg = cumG[hiIdx[r]], cgg = cumGG[hiIdx[r]];
                if (loIdx is not null)
                {
                    cg -= cumG[loIdx[r]];
                    cgg -= cumGG[loIdx[r]];
                }

                var row = x.AsSpan(r * p, p);
                if (ev[r] != 0)
                {
                    int m = deathSlot[r];
                    double g = slotG[m];
                    cg -= g * slotE[m];
                    cgg -= g * g * slotE[m];
                    double gw = g * w[r];
                    for (int j = 0; j < row.Length; j++) u[j] += gw * row[j];
                }

                double rg = risk[r] * cg, rgg = risk[r] * cgg;
                int k = 0;
                for (int j = 0; j < row.Length; j++)
                {
                    double xj = row[j];
                    AddScaled(ig.Slice(k, row.Length - j), rg * xj, row[j..]);
                    AddScaled(igg.Slice(k, row.Length - j), rgg * xj, row[j..]);
                    k += row.Length - j;
                }
            }
        });

        var uSum = new double[p];
        var ig2 = new double[tri];
        var igg2 = new double[tri];
        for (int b = 0; b < blocks; b++)
        {
            var block = sums.AsSpan(b * stride, stride);
            for (int j = 0; j < p; j++) uSum[j] += block[j];
            for (int k = 0; k < tri; k++)
            {
                ig2[k] += block[p + k];
                igg2[k] += block[p + tri + k];
            }
        }

        // The per-time parts: −Σ g·(c·S₁ − e·D₁) in u, −Σ h·w̄Σₖ mₖmₖᵀ (= q₁S₁S₁ᵀ − q_a(S₁D₁ᵀ + D₁S₁ᵀ) + q_aa·D₁D₁ᵀ) in I.
        for (int m = 0; m < slots; m++)
        {
            double g = slotG[m], c = slotC[m], e = slotE[m];
            double q1 = details.Q1[m], qa = details.QA[m], qa2 = details.QA2[m];
            var s1 = details.S1.AsSpan(m * p, p);
            var d1 = details.D1.AsSpan(m * p, p);
            for (int j = 0; j < p; j++) uSum[j] -= g * ((c * s1[j]) - (e * d1[j]));
            for (int j = 0, k = 0; j < p; j++)
            {
                for (int l = j; l < p; l++, k++)
                {
                    double mm = (q1 * s1[j] * s1[l]) - (qa * ((s1[j] * d1[l]) + (d1[j] * s1[l]))) + (qa2 * d1[j] * d1[l]);
                    ig2[k] -= g * mm;
                    igg2[k] -= g * g * mm;
                }
            }
        }

        var info = new double[q2 * q2];
        for (int j = 0, k = 0; j < p; j++)
        {
            for (int l = j; l < p; l++, k++)
            {
                double v = evaluation.I[(j * p) + l];
                info[(j * q2) + l] = v;
                info[(l * q2) + j] = v;
                info[((j + p) * q2) + l] = ig2[k];
                info[((l + p) * q2) + j] = ig2[k];
                info[(j * q2) + l + p] = ig2[k];
                info[(l * q2) + j + p] = ig2[k];
                info[((j + p) * q2) + l + p] = igg2[k];
                info[((l + p) * q2) + j + p] = igg2[k];
            }
        }

        return (uSum, info);
    }

    /// <summary>
    /// acc[i] += a·v[i] for every i, four at a time where the hardware allows: a separate multiply and add per element (no fused
    /// multiply-add), so every element gets exactly the double the scalar loop gives; only independent elements run side by side.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaled(Span<double> acc, double a, ReadOnlySpan<double> v)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated && v.Length >= Vector256<double>.Count && acc.Length >= v.Length)
        {
            var va = Vector256.Create(a);
            ref double accRef = ref MemoryMarshal.GetReference(acc);
            ref double vRef = ref MemoryMarshal.GetReference(v);
            for (; i <= v.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var product = Vector256.Multiply(va, Vector256.LoadUnsafe(ref vRef, (nuint)i));
                Vector256.Add(Vector256.LoadUnsafe(ref accRef, (nuint)i), product).StoreUnsafe(ref accRef, (nuint)i);
            }
        }

        for (; i < v.Length; i++) acc[i] += a * v[i];
    }

    /// <summary>The serial backward sweep; returns Σ w̄·Σₖ log denₖ (with the shift) and fills <paramref name="ib"/> (packed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Sweep(double[] ib, CoxSlotDetails? details)
    {
        var x = data.X;
        var stop = data.Stop;
        var start = data.Start;
        var startOrder = data.StartOrder;
        var s1 = new double[p];
        var d1 = new double[p];
        double logTerms = 0;
        for (int s = 0; s < data.StratumCount; s++)
        {
            int rowBegin = data.StratumBegin[s];
            int addPtr = data.StratumBegin[s + 1];
            int remPtr = addPtr;
            double s0 = 0;
            int nrisk = 0;
            Array.Clear(s1);
            for (int m = data.SlotBegin[s + 1] - 1; m >= data.SlotBegin[s]; m--)
            {
                double t = data.SlotTime[m];
                while (addPtr > rowBegin && stop[addPtr - 1] >= t)
                {
                    addPtr--;
                    double rr = risk[addPtr];
                    s0 += rr;
                    nrisk++;
                    var row = x.AsSpan(addPtr * p, p);
                    for (int j = 0; j < p; j++) s1[j] += rr * row[j];
                }

                if (start is not null)
                {
                    while (remPtr > rowBegin && start[startOrder![remPtr - 1]] >= t)
                    {
                        remPtr--;
                        int q = startOrder[remPtr];
                        nrisk--;
                        if (nrisk == 0)
                        {
                            s0 = 0;
                            Array.Clear(s1);
                        }
                        else
                        {
                            double rr = risk[q];
                            s0 -= rr;
                            var row = x.AsSpan(q * p, p);
                            for (int j = 0; j < p; j++) s1[j] -= rr * row[j];
                        }
                    }
                }

                int db = data.SlotDeathBegin[m], dc = data.SlotDeathCount[m];
                double wsum = data.SlotDeathWeight[m];
                double d0 = 0;
                Array.Clear(d1);
                for (int r = db; r < db + dc; r++)
                {
                    double rr = risk[r];
                    d0 += rr;
                    var row = x.AsSpan(r * p, p);
                    for (int j = 0; j < p; j++) d1[j] += rr * row[j];
                }

                double c, e, q1, qa, qa2, v;
                if (!efron || dc == 1)
                {
                    c = wsum / s0;
                    e = 0;
                    logTerms += wsum * Math.Log(s0);
                    q1 = wsum / (s0 * s0);
                    qa = 0;
                    qa2 = 0;
                    v = q1;
                    for (int j = 0, k = 0; j < p; j++)
                    {
                        double a = q1 * s1[j];
                        for (int l = j; l < p; l++) ib[k++] += a * s1[l];
                    }

                    if (details is not null)
                    {
                        details.Store(m, s0, nrisk, c, v, s1, d1, q1, 0, 0, 1.0 / s0, 0, dc);
                    }
                }
                else
                {
                    double meanwt = wsum / dc;
                    double sInv = 0, sA = 0, sInv2 = 0, sA2 = 0, sAA2 = 0, sLog = 0;
                    for (int k = 0; k < dc; k++)
                    {
                        double a = (double)k / dc;
                        double den = s0 - (a * d0);
                        double inv = 1.0 / den;
                        sInv += inv;
                        sA += a * inv;
                        sInv2 += inv * inv;
                        sA2 += a * inv * inv;
                        sAA2 += a * a * inv * inv;
                        sLog += Math.Log(den);
                    }

                    c = meanwt * sInv;
                    e = meanwt * sA;
                    logTerms += meanwt * sLog;
                    q1 = meanwt * sInv2;
                    qa = meanwt * sA2;
                    qa2 = meanwt * sAA2;
                    v = q1;
                    for (int j = 0, k = 0; j < p; j++)
                    {
                        for (int l = j; l < p; l++)
                        {
                            ib[k++] += (q1 * s1[j] * s1[l]) - (qa * ((s1[j] * d1[l]) + (d1[j] * s1[l]))) + (qa2 * d1[j] * d1[l]);
                        }
                    }

                    details?.Store(m, s0, nrisk, c, v, s1, d1, q1, qa, qa2, sInv / dc, sA / dc, dc);
                }

                slotC[m] = c;
                slotE[m] = e;
            }
        }

        return logTerms;
    }
}

/// <summary>Log partial likelihood, score U and information I (p×p, row-major) at one β.</summary>
internal sealed class CoxEvaluation(int p)
{
    public double LogLikelihood { get; set; }

    public double[] U { get; } = new double[p];

    public double[] I { get; } = new double[p * p];
}

/// <summary>
/// Per event slot quantities kept at the final β for residuals, the baseline hazard and its variance: the risk-set sums, the
/// hazard increment c (per unit of r = w·exp(η − shift)), its variance term v = w̄·Σₖ1/denₖ², and the Efron-averaged means
/// g = w̄·Σₖ x̄ₖ/denₖ, h = w̄·Σₖ (k/d)·x̄ₖ/denₖ and x̄̄ = (1/d)·Σₖ x̄ₖ (Breslow: g = Σw·S₁/S₀², h = 0, x̄̄ = S₁/S₀).
/// </summary>
internal sealed class CoxSlotDetails
{
    private readonly int p;

    public CoxSlotDetails(int slots, int p)
    {
        this.p = p;
        S0 = new double[slots];
        AtRisk = new int[slots];
        C = new double[slots];
        V = new double[slots];
        G = new double[slots * p];
        H = new double[slots * p];
        MeanDeath = new double[slots * p];
        Deaths = new int[slots];
        S1 = new double[slots * p];
        D1 = new double[slots * p];
        Q1 = new double[slots];
        QA = new double[slots];
        QA2 = new double[slots];
    }

    /// <summary>S₁ = Σ r·x over the risk set, per slot.</summary>
    public double[] S1 { get; }

    /// <summary>D₁ = Σ r·x over the slot's tied events.</summary>
    public double[] D1 { get; }

    /// <summary>q₁ = w̄·Σₖ 1/denₖ² (Breslow: Σw/S₀²), per slot.</summary>
    public double[] Q1 { get; }

    /// <summary>q_a = w̄·Σₖ aₖ/denₖ² (0 for Breslow).</summary>
    public double[] QA { get; }

    /// <summary>q_aa = w̄·Σₖ aₖ²/denₖ² (0 for Breslow).</summary>
    public double[] QA2 { get; }

    public double[] S0 { get; }

    public int[] AtRisk { get; }

    public int[] Deaths { get; }

    public double[] C { get; }

    public double[] V { get; }

    public double[] G { get; }

    public double[] H { get; }

    public double[] MeanDeath { get; }

    public void Store(int m, double s0, int nrisk, double c, double v, double[] s1, double[] d1, double q1, double qa, double qa2,
        double meanInv, double meanA, int deaths)
    {
        S0[m] = s0;
        AtRisk[m] = nrisk;
        Deaths[m] = deaths;
        C[m] = c;
        V[m] = v;
        Q1[m] = q1;
        QA[m] = qa;
        QA2[m] = qa2;
        s1.AsSpan(0, p).CopyTo(S1.AsSpan(m * p, p));
        d1.AsSpan(0, p).CopyTo(D1.AsSpan(m * p, p));
        for (int j = 0; j < p; j++)
        {
            // g = w̄Σₖ(S₁ − aₖD₁)/denₖ² ; h = w̄Σₖ aₖ(S₁ − aₖD₁)/denₖ² ; x̄̄ = (1/d)Σₖ(S₁ − aₖD₁)/denₖ.
            G[(m * p) + j] = (q1 * s1[j]) - (qa * d1[j]);
            H[(m * p) + j] = (qa * s1[j]) - (qa2 * d1[j]);
            MeanDeath[(m * p) + j] = (meanInv * s1[j]) - (meanA * d1[j]);
        }
    }
}
