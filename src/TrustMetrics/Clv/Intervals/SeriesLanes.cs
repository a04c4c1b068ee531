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

    /// <summary>Lanes are padded to a multiple of this: two 256-bit vectors (or two pairs of 128-bit ones).</summary>
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

    /// <summary>Buffer length for every per-lane argument of <see cref="Run(int, double[], double[], double[], bool[])"/> (the models padded to a whole group).</summary>
    public int Lanes { get; }

    /// <summary>
    /// The series at frequency <paramref name="offset"/> (≤ the tables' frequencies) for every model: <paramref name="z"/> per lane
    /// (padding lanes 0) in, the sum, the largest |term| and whether the series converged within <see cref="Budget"/> out.
    /// </summary>
    /// <remarks>
    /// 256-bit vectors where the compiled code has them (the JIT on AVX2 hardware), else 128-bit ones (every x64 and Arm64
    /// processor; the Native AOT tool targets x86-64-v2, where <see cref="Vector256{T}"/> would run element by element). Either
    /// way the same IEEE operations per lane, so the same bits.
    /// </remarks>
    public void Run(int offset, double[] z, double[] sum, double[] largest, bool[] converged) =>
        Run(offset, z, sum, largest, converged, Vector256.IsHardwareAccelerated);

    /// <summary><see cref="Run(int, double[], double[], double[], bool[])"/> with the vector width chosen (tests run both).</summary>
    internal void Run(int offset, double[] z, double[] sum, double[] largest, bool[] converged, bool wide)
    {
        if (wide)
        {
            for (int lane = 0; lane < Lanes; lane += 2 * Vector256<double>.Count)
            {
                RunPair<Vector256<double>, Wide>(offset, lane, z, sum, largest, converged);
            }
        }
        else
        {
            for (int lane = 0; lane < Lanes; lane += 2 * Vector128<double>.Count)
            {
                RunPair<Vector128<double>, Narrow>(offset, lane, z, sum, largest, converged);
            }
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

    /// <summary>Two vectors of lanes from <paramref name="lane"/> on, side by side (independent chains), each lane masked once it stops.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunPair<TVector, TOps>(int offset, int lane, double[] zs, double[] sums, double[] largests, bool[] converged)
        where TVector : struct
        where TOps : struct, IVectorOps<TVector>
    {
        int width = TOps.Count;
        ref double ratios = ref MemoryMarshal.GetArrayDataReference(ratio);
        ref double inverses = ref MemoryMarshal.GetArrayDataReference(inverse);
        var zero = TOps.Broadcast(0);
        var one = TOps.Broadcast(1);
        var tiny = TOps.Broadcast(1e-17);
        var z0 = TOps.Load(ref MemoryMarshal.GetArrayDataReference(zs), (nuint)lane);
        var z1 = TOps.Load(ref MemoryMarshal.GetArrayDataReference(zs), (nuint)(lane + width));
        var f0 = TOps.Multiply(TOps.Load(ref MemoryMarshal.GetArrayDataReference(first), (nuint)lane), z0);
        var f1 = TOps.Multiply(TOps.Load(ref MemoryMarshal.GetArrayDataReference(first), (nuint)(lane + width)), z1);
        var positive0 = TOps.GreaterThan(z0, zero);
        var positive1 = TOps.GreaterThan(z1, zero);
        var term0 = TOps.Select(positive0, f0, zero);
        var term1 = TOps.Select(positive1, f1, zero);
        var sum0 = term0;
        var sum1 = term1;
        var largest0 = TOps.Abs(term0);
        var largest1 = TOps.Abs(term1);
        var active0 = TOps.AndNot(positive0, TOps.EqualTo(f0, zero));
        var active1 = TOps.AndNot(positive1, TOps.EqualTo(f1, zero));
        var budget0 = zero;   // lanes still running when the budget ran out
        var budget1 = zero;
        for (int n = 1; TOps.Any(TOps.Or(active0, active1)); n++)
        {
            if (n > Budget)
            {
                (budget0, budget1) = (active0, active1);
                break;
            }

            nuint r = (nuint)((n * Lanes) + lane), m = (nuint)(((offset + n) * Lanes) + lane);
            var ratio0 = TOps.Multiply(TOps.Multiply(TOps.Load(ref ratios, r), TOps.Load(ref inverses, m)), z0);
            var ratio1 = TOps.Multiply(TOps.Multiply(TOps.Load(ref ratios, r + (nuint)width), TOps.Load(ref inverses, m + (nuint)width)), z1);
            var next0 = TOps.Multiply(term0, ratio0);
            var next1 = TOps.Multiply(term1, ratio1);
            var s0 = TOps.Add(sum0, next0);
            var s1 = TOps.Add(sum1, next1);
            term0 = TOps.Select(active0, next0, term0);
            term1 = TOps.Select(active1, next1, term1);
            sum0 = TOps.Select(active0, s0, sum0);
            sum1 = TOps.Select(active1, s1, sum1);
            // max(largest, |next|) of two non-negative numbers as a compare and select (one instruction each on SSE, where an
            // IEEE max is several): equal to Math.Max except when |next| is NaN — and then s is NaN, the lane stops
            // unconverged and its largest term is not used.
            var size0 = TOps.Abs(next0);
            var size1 = TOps.Abs(next1);
            largest0 = TOps.Select(TOps.And(active0, TOps.GreaterThan(size0, largest0)), size0, largest0);
            largest1 = TOps.Select(TOps.And(active1, TOps.GreaterThan(size1, largest1)), size1, largest1);

            // Not finite (s − s is NaN for ±∞ and NaN): the lane stops unconverged (its sum keeps that value, which is how the
            // verdict is read at the end); else it stops where the scalar test holds.
            var finite0 = TOps.EqualTo(TOps.Subtract(s0, s0), zero);
            var finite1 = TOps.EqualTo(TOps.Subtract(s1, s1), zero);
            var done0 = TOps.Or(TOps.And(TOps.LessThanOrEqual(TOps.Abs(next0), TOps.Multiply(tiny, TOps.Abs(s0))), TOps.LessThan(TOps.Abs(ratio0), one)),
                TOps.EqualTo(next0, zero));
            var done1 = TOps.Or(TOps.And(TOps.LessThanOrEqual(TOps.Abs(next1), TOps.Multiply(tiny, TOps.Abs(s1))), TOps.LessThan(TOps.Abs(ratio1), one)),
                TOps.EqualTo(next1, zero));
            active0 = TOps.AndNot(TOps.And(active0, finite0), done0);
            active1 = TOps.AndNot(TOps.And(active1, finite1), done1);
        }

        TOps.Store(sum0, sums, lane);
        TOps.Store(sum1, sums, lane + width);
        TOps.Store(largest0, largests, lane);
        TOps.Store(largest1, largests, lane + width);
        // Converged: the sum is finite (a lane that met a non-finite sum stopped with it) and the budget did not run out.
        var converged0 = TOps.AndNot(TOps.EqualTo(TOps.Subtract(sum0, sum0), zero), budget0);
        var converged1 = TOps.AndNot(TOps.EqualTo(TOps.Subtract(sum1, sum1), zero), budget1);
        uint bits = TOps.Bits(converged0) | (TOps.Bits(converged1) << width);
        for (int j = 0; j < 2 * width; j++)
        {
            converged[lane + j] = ((bits >> j) & 1) != 0;
        }
    }

    /// <summary>The vector operations the kernel uses, for one vector width (static: the kernel is compiled once per width).</summary>
    private interface IVectorOps<TVector>
        where TVector : struct
    {
        static abstract int Count { get; }

        static abstract TVector Load(ref double source, nuint offset);

        static abstract TVector Broadcast(double value);

        static abstract void Store(TVector value, double[] destination, int index);

        static abstract uint Bits(TVector mask);

        static abstract bool Any(TVector mask);

        static abstract TVector Add(TVector left, TVector right);

        static abstract TVector Subtract(TVector left, TVector right);

        static abstract TVector Multiply(TVector left, TVector right);

        static abstract TVector Abs(TVector value);

        static abstract TVector Select(TVector mask, TVector whenTrue, TVector whenFalse);

        static abstract TVector And(TVector left, TVector right);

        static abstract TVector AndNot(TVector left, TVector right);

        static abstract TVector Or(TVector left, TVector right);

        static abstract TVector EqualTo(TVector left, TVector right);

        static abstract TVector LessThan(TVector left, TVector right);

        static abstract TVector LessThanOrEqual(TVector left, TVector right);

        static abstract TVector GreaterThan(TVector left, TVector right);
    }

    private readonly struct Wide : IVectorOps<Vector256<double>>
    {
        public static int Count => Vector256<double>.Count;

        public static Vector256<double> Load(ref double source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

        public static Vector256<double> Broadcast(double value) => Vector256.Create(value);

        public static void Store(Vector256<double> value, double[] destination, int index) => value.CopyTo(destination, index);

        public static uint Bits(Vector256<double> mask) => mask.ExtractMostSignificantBits();

        public static bool Any(Vector256<double> mask) => mask != Vector256<double>.Zero;

        public static Vector256<double> Add(Vector256<double> left, Vector256<double> right) => left + right;

        public static Vector256<double> Subtract(Vector256<double> left, Vector256<double> right) => left - right;

        public static Vector256<double> Multiply(Vector256<double> left, Vector256<double> right) => left * right;

        public static Vector256<double> Abs(Vector256<double> value) => Vector256.Abs(value);

        public static Vector256<double> Select(Vector256<double> mask, Vector256<double> whenTrue, Vector256<double> whenFalse) => Vector256.ConditionalSelect(mask, whenTrue, whenFalse);

        public static Vector256<double> And(Vector256<double> left, Vector256<double> right) => left & right;

        public static Vector256<double> AndNot(Vector256<double> left, Vector256<double> right) => Vector256.AndNot(left, right);

        public static Vector256<double> Or(Vector256<double> left, Vector256<double> right) => left | right;

        public static Vector256<double> EqualTo(Vector256<double> left, Vector256<double> right) => Vector256.Equals(left, right);

        public static Vector256<double> LessThan(Vector256<double> left, Vector256<double> right) => Vector256.LessThan(left, right);

        public static Vector256<double> LessThanOrEqual(Vector256<double> left, Vector256<double> right) => Vector256.LessThanOrEqual(left, right);

        public static Vector256<double> GreaterThan(Vector256<double> left, Vector256<double> right) => Vector256.GreaterThan(left, right);
    }

    private readonly struct Narrow : IVectorOps<Vector128<double>>
    {
        public static int Count => Vector128<double>.Count;

        public static Vector128<double> Load(ref double source, nuint offset) => Vector128.LoadUnsafe(ref source, offset);

        public static Vector128<double> Broadcast(double value) => Vector128.Create(value);

        public static void Store(Vector128<double> value, double[] destination, int index) => value.CopyTo(destination, index);

        public static uint Bits(Vector128<double> mask) => mask.ExtractMostSignificantBits();

        public static bool Any(Vector128<double> mask) => mask != Vector128<double>.Zero;

        public static Vector128<double> Add(Vector128<double> left, Vector128<double> right) => left + right;

        public static Vector128<double> Subtract(Vector128<double> left, Vector128<double> right) => left - right;

        public static Vector128<double> Multiply(Vector128<double> left, Vector128<double> right) => left * right;

        public static Vector128<double> Abs(Vector128<double> value) => Vector128.Abs(value);

        public static Vector128<double> Select(Vector128<double> mask, Vector128<double> whenTrue, Vector128<double> whenFalse) => Vector128.ConditionalSelect(mask, whenTrue, whenFalse);

        public static Vector128<double> And(Vector128<double> left, Vector128<double> right) => left & right;

        public static Vector128<double> AndNot(Vector128<double> left, Vector128<double> right) => Vector128.AndNot(left, right);

        public static Vector128<double> Or(Vector128<double> left, Vector128<double> right) => left | right;

        public static Vector128<double> EqualTo(Vector128<double> left, Vector128<double> right) => Vector128.Equals(left, right);

        public static Vector128<double> LessThan(Vector128<double> left, Vector128<double> right) => Vector128.LessThan(left, right);

        public static Vector128<double> LessThanOrEqual(Vector128<double> left, Vector128<double> right) => Vector128.LessThanOrEqual(left, right);

        public static Vector128<double> GreaterThan(Vector128<double> left, Vector128<double> right) => Vector128.GreaterThan(left, right);
    }
}
