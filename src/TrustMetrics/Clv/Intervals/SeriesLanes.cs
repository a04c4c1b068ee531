using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TrustMetrics.Clv;

/// <summary>
/// The tabulated ₂F₁ series of the BG/NBD and MBG/NBD expectation (<see cref="Hypergeometric.ScaledTail"/>'s S′ = Σ_{n≥1} termₙ,
/// term₁ = a₁z, termₙ₊₁ = termₙ·(a₁+n)(ε+n)/(n+1) · 1/(c₀+x+n) · z) for several models at once, one model per SIMD lane: the
/// prediction intervals evaluate it at every sigma point for every row, and the lanes are independent. The coefficient tables are
/// stored lane-interleaved ([n·lanes + lane]) so one load gives every lane its coefficient. Each lane runs exactly the operations
/// of the scalar series in the same order — ratio = (coefficient · 1/(c₀+m)) · z, term ·= ratio, sum += term, largest = max(largest,
/// |term|) — and stops exactly where the scalar series stops (a stopped lane is masked, never updated), so its sum, largest term
/// and verdict are the scalar series' bit for bit (no fused multiply–add: .NET never contracts vector <c>*</c> and <c>+</c>).
/// Read-only after construction; the caller passes the per-row buffers.
/// </summary>
internal sealed class SeriesLanes
{
    /// <summary>Terms of the tabulated series; a lane still running past them is reported as not converged.</summary>
    public const int Budget = 5000;

    /// <summary>Lanes per group: two 256-bit vectors, processed side by side (independent chains the processor overlaps).</summary>
    private const int Group = 8;

    private readonly int models;
    private readonly double[] first;     // a₁ per lane (0 in padding lanes)
    private readonly double[] ratio;     // (a₁+n)(ε+n)/(n+1) at [n·Lanes + lane], n = 1…Budget
    private readonly double[] inverse;   // 1/(c₀+m) at [m·Lanes + lane], m = 1…frequencies + Budget

    /// <summary>Tables for the models' (a₁, ε, c₀) and frequencies up to <paramref name="frequencies"/>.</summary>
    public SeriesLanes(ReadOnlySpan<double> a1, ReadOnlySpan<double> epsilon, ReadOnlySpan<double> c0, int frequencies)
    {
        models = a1.Length;
        Lanes = Math.Max(Group, (models + Group - 1) / Group * Group);
        first = new double[Lanes];
        ratio = new double[(Budget + 1) * Lanes];
        inverse = new double[(frequencies + Budget + 1) * Lanes];
        for (int j = 0; j < models; j++)
        {
            first[j] = a1[j];
            for (int n = 1; n <= Budget; n++)
            {
                ratio[(n * Lanes) + j] = (a1[j] + n) * (epsilon[j] + n) / (n + 1);
            }

            for (int m = 1; m <= frequencies + Budget; m++)
            {
                inverse[(m * Lanes) + j] = 1 / (c0[j] + m);
            }
        }
    }

    /// <summary>Buffer length for every per-lane argument of <see cref="Run"/> (the models padded to a whole group).</summary>
    public int Lanes { get; }

    /// <summary>
    /// The series at frequency <paramref name="offset"/> (≤ the tables' frequencies) for every model: <paramref name="z"/> per lane
    /// (padding lanes 0) in, the sum, the largest |term| and whether the series converged within <see cref="Budget"/> out.
    /// </summary>
    /// <remarks>
    /// Always the vector kernel: where 256-bit SIMD is not available to the compiled code (the Native AOT tool targets x86-64-v2,
    /// so <see cref="Vector256.IsHardwareAccelerated"/> is false there) each <see cref="Vector256{T}"/> operation runs as two
    /// 128-bit halves — the same IEEE operations, so the same bits — which is still four times fewer instructions per term than
    /// the lanes one by one, and the eight independent chains overlap where one lane's chain would wait on its own latency.
    /// </remarks>
    public void Run(int offset, double[] z, double[] sum, double[] largest, bool[] converged)
    {
        for (int lane = 0; lane < Lanes; lane += Group)
        {
            RunGroup(offset, lane, z, sum, largest, converged);
        }
    }

    /// <summary>One lane, scalar: the reference the vector kernel reproduces bit for bit (tests).</summary>
    internal void RunLane(int offset, int j, double z, out double s, out double largest, out bool converged)
    {
        s = largest = 0;
        converged = true;
        if (!(z > 0))
        {
            return;
        }

        double term = first[j] * z;
        s = term;
        largest = Math.Abs(term);
        for (int n = 1; term != 0; n++)
        {
            if (n > Budget)
            {
                converged = false;
                return;
            }

            double r = ratio[(n * Lanes) + j] * inverse[((offset + n) * Lanes) + j] * z;
            double next = term * r;
            double sum = s + next;
            term = next;
            s = sum;
            largest = Math.Max(largest, Math.Abs(next));
            if (!double.IsFinite(sum))
            {
                converged = false;
                return;
            }

            if ((Math.Abs(next) <= 1e-17 * Math.Abs(sum) && Math.Abs(r) < 1) || next == 0)
            {
                return;
            }
        }
    }

    /// <summary>Eight lanes as two 256-bit vectors, each lane masked once it stops.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunGroup(int offset, int lane, double[] zs, double[] sums, double[] largests, bool[] converged)
    {
        ref double ratios = ref MemoryMarshal.GetArrayDataReference(ratio);
        ref double inverses = ref MemoryMarshal.GetArrayDataReference(inverse);
        var zero = Vector256<double>.Zero;
        var one = Vector256.Create(1.0);
        var tiny = Vector256.Create(1e-17);
        var z0 = Vector256.Create(zs.AsSpan(lane, 4));
        var z1 = Vector256.Create(zs.AsSpan(lane + 4, 4));
        var f0 = Vector256.Create(first.AsSpan(lane, 4)) * z0;
        var f1 = Vector256.Create(first.AsSpan(lane + 4, 4)) * z1;
        var positive0 = Vector256.GreaterThan(z0, zero);
        var positive1 = Vector256.GreaterThan(z1, zero);
        var term0 = Vector256.ConditionalSelect(positive0, f0, zero);
        var term1 = Vector256.ConditionalSelect(positive1, f1, zero);
        var sum0 = term0;
        var sum1 = term1;
        var largest0 = Vector256.Abs(term0);
        var largest1 = Vector256.Abs(term1);
        var active0 = Vector256.AndNot(positive0, Vector256.Equals(f0, zero));
        var active1 = Vector256.AndNot(positive1, Vector256.Equals(f1, zero));
        var converged0 = Vector256<double>.AllBitsSet;
        var converged1 = Vector256<double>.AllBitsSet;
        for (int n = 1; (active0 | active1) != zero; n++)
        {
            if (n > Budget)
            {
                converged0 = Vector256.AndNot(converged0, active0);
                converged1 = Vector256.AndNot(converged1, active1);
                break;
            }

            nuint r = (nuint)((n * Lanes) + lane), m = (nuint)(((offset + n) * Lanes) + lane);
            var ratio0 = Vector256.LoadUnsafe(ref ratios, r) * Vector256.LoadUnsafe(ref inverses, m) * z0;
            var ratio1 = Vector256.LoadUnsafe(ref ratios, r + 4) * Vector256.LoadUnsafe(ref inverses, m + 4) * z1;
            var next0 = term0 * ratio0;
            var next1 = term1 * ratio1;
            var s0 = sum0 + next0;
            var s1 = sum1 + next1;
            term0 = Vector256.ConditionalSelect(active0, next0, term0);
            term1 = Vector256.ConditionalSelect(active1, next1, term1);
            sum0 = Vector256.ConditionalSelect(active0, s0, sum0);
            sum1 = Vector256.ConditionalSelect(active1, s1, sum1);
            largest0 = Vector256.ConditionalSelect(active0, Vector256.Max(largest0, Vector256.Abs(next0)), largest0);
            largest1 = Vector256.ConditionalSelect(active1, Vector256.Max(largest1, Vector256.Abs(next1)), largest1);

            // Not finite (s − s is NaN for ±∞ and NaN): the lane stops unconverged; else it stops where the scalar test holds.
            var finite0 = Vector256.Equals(s0 - s0, zero);
            var finite1 = Vector256.Equals(s1 - s1, zero);
            var done0 = (Vector256.LessThanOrEqual(Vector256.Abs(next0), tiny * Vector256.Abs(s0)) & Vector256.LessThan(Vector256.Abs(ratio0), one))
                | Vector256.Equals(next0, zero);
            var done1 = (Vector256.LessThanOrEqual(Vector256.Abs(next1), tiny * Vector256.Abs(s1)) & Vector256.LessThan(Vector256.Abs(ratio1), one))
                | Vector256.Equals(next1, zero);
            converged0 = Vector256.AndNot(converged0, Vector256.AndNot(active0, finite0));
            converged1 = Vector256.AndNot(converged1, Vector256.AndNot(active1, finite1));
            active0 = Vector256.AndNot(active0 & finite0, done0);
            active1 = Vector256.AndNot(active1 & finite1, done1);
        }

        sum0.CopyTo(sums, lane);
        sum1.CopyTo(sums, lane + 4);
        largest0.CopyTo(largests, lane);
        largest1.CopyTo(largests, lane + 4);
        uint bits = converged0.ExtractMostSignificantBits() | (converged1.ExtractMostSignificantBits() << 4);
        for (int j = 0; j < Group; j++)
        {
            converged[lane + j] = ((bits >> j) & 1) != 0;
        }
    }
}
