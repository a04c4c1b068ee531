using System.Runtime.Intrinsics;
using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// The sigma points' E[Y(t) | x, t_x, T] / P(alive) of the BG/NBD family (the models' <c>Numerator</c>: for a fixed horizon a
/// function of the frequency x and the age T only) as piecewise Chebyshev interpolants in u = ln(α̂ + T), built once per batch
/// for every frequency with enough rows, so that a row costs one logarithm and a 16-term Clenshaw sum per model instead of a
/// ₂F₁ series of 50–100 terms per model (issue 14: the series were a third of <c>clv predict --interval</c>).
/// </summary>
/// <remarks>
/// <para>Why ln(α̂ + T): the numerator is analytic in T except where α + T = 0 or α + T + t = 0 (z = t/(α+T+t) reaching 1 or
/// infinity), so in u the singularities of a model whose α is near α̂ lie far from the real axis or far to the left, and pieces
/// of a fixed width in u (<see cref="PieceWidth"/>) are equally easy wherever T lies, for every time unit. A piece is
/// interpolated at the 16 Chebyshev points of the first kind (Trefethen, <i>Approximation Theory and Approximation Practice</i>,
/// ch. 3–8: the coefficients by the discrete cosine sum, the value by Clenshaw's recurrence).</para>
/// <para>Checked, not assumed: every piece of every model is compared at build time with the direct series at the piece's two
/// ends and at the 15 points half-way (in angle) between its nodes, where the interpolation error of a Chebyshev interpolant is
/// largest; unless every one agrees to <see cref="Tolerance"/> relative (and the values are finite and the series did not
/// throw) the piece is marked direct and its rows are computed by the series as before. Only the sigma points go through here:
/// the estimate's own numbers stay the model's point predictions bit for bit. Read-only after construction (thread-safe).</para>
/// </remarks>
internal sealed class NumeratorInterpolation
{
    /// <summary>Interpolation points per piece (degree 15).</summary>
    public const int Nodes = 16;

    /// <summary>Width of a piece in u = ln(α̂ + T): T from 27 to 39 with α̂ = 10 is one or two pieces, T from 0 to 1000 with α̂ = 4 twenty-three.</summary>
    public const double PieceWidth = 0.25;

    /// <summary>Largest relative difference from the direct series accepted at a check point: 1e-13, about 500 units in the last place.</summary>
    public const double Tolerance = 1e-13;

    /// <summary>A frequency is interpolated when it has at least this many rows per piece: its pieces then cost (2·16 + 1 series per model each) under a twentieth of its rows' series.</summary>
    private const int RowsPerPiece = 20 * ((2 * Nodes) + 1);

    private static readonly double[] NodeS = BuildNodes();
    private static readonly double[] CheckS = BuildCheckPoints();
    private static readonly double[] Cosines = BuildCosines();

    private readonly double alphaHat;
    private readonly int models;
    private readonly int lanes;
    private readonly Layout[] layout;        // by frequency
    private readonly double[] coefficients;  // [piece][k][lane]
    private readonly bool[] valid;           // by piece

    /// <summary>A frequency's pieces: the first piece's index (−1: not interpolated), their count and u at the start of the first.</summary>
    private readonly record struct Layout(int FirstPiece, int Pieces, double Start);

    private NumeratorInterpolation(double alphaHat, int models, Layout[] layout, int pieces)
    {
        this.alphaHat = alphaHat;
        this.models = models;
        lanes = (models + 1) & ~1;
        this.layout = layout;
        coefficients = new double[pieces * Nodes * lanes];
        valid = new bool[pieces];
    }

    /// <summary>Pieces that passed the check (tests, notes).</summary>
    internal int ValidPieces => valid.Count(v => v);

    /// <summary>Pieces built (tests, notes).</summary>
    internal int Pieces => valid.Length;

    /// <summary>
    /// Interpolants for the frequencies up to <paramref name="largestFrequency"/> that have enough rows, or null when none has.
    /// <paramref name="numerator"/>(j, x, T) is the direct value of model j (0 … <paramref name="models"/> − 1) — the series the
    /// rows would otherwise run; it may throw <see cref="ArithmeticException"/>, which marks the piece direct.
    /// </summary>
    public static NumeratorInterpolation? Build(int models, double alphaHat, ReadOnlySpan<long> frequency, ReadOnlySpan<double> age, int largestFrequency,
        Func<int, long, double, double> numerator, ParallelWork work)
    {
        if (models < 1 || !(alphaHat > 0) || largestFrequency < 0)
        {
            return null;
        }

        int size = largestFrequency + 1;
        var count = new int[size];
        var lowest = new double[size];
        var highest = new double[size];
        for (int i = 0; i < frequency.Length; i++)
        {
            long x = frequency[i];
            if (x > largestFrequency)
            {
                continue;
            }

            double t = age[i];
            if (count[x]++ == 0)
            {
                lowest[x] = highest[x] = t;
            }
            else
            {
                lowest[x] = Math.Min(lowest[x], t);
                highest[x] = Math.Max(highest[x], t);
            }
        }

        var layout = new Layout[size];
        var pieceFrequency = new List<long>();
        for (int x = 0; x < size; x++)
        {
            layout[x] = new Layout(-1, 0, 0);
            if (count[x] == 0)
            {
                continue;
            }

            double start = Math.Log(alphaHat + lowest[x]), end = Math.Log(alphaHat + highest[x]);
            int pieces = Math.Max(1, (int)Math.Ceiling((end - start) / PieceWidth));
            if (!double.IsFinite(start) || !double.IsFinite(end) || (long)count[x] < (long)RowsPerPiece * pieces)
            {
                continue;
            }

            layout[x] = new Layout(pieceFrequency.Count, pieces, start);
            for (int p = 0; p < pieces; p++)
            {
                pieceFrequency.Add(x);
            }
        }

        if (pieceFrequency.Count == 0)
        {
            return null;
        }

        var result = new NumeratorInterpolation(alphaHat, models, layout, pieceFrequency.Count);
        var owner = pieceFrequency.ToArray();
        work.For(owner.Length, owner.Length > 1, piece => result.BuildPiece(piece, owner[piece], numerator));
        return result;
    }

    /// <summary>Piece <paramref name="piece"/> of frequency <paramref name="x"/>: every model's coefficients, then the check.</summary>
    private void BuildPiece(int piece, long x, Func<int, long, double, double> numerator)
    {
        var l = layout[x];
        double centre = l.Start + ((piece - l.FirstPiece + 0.5) * PieceWidth), half = PieceWidth / 2;
        Span<double> values = stackalloc double[Nodes];
        int offset = piece * Nodes * lanes;
        try
        {
            for (int j = 0; j < models; j++)
            {
                for (int i = 0; i < Nodes; i++)
                {
                    values[i] = numerator(j, x, AgeAt(centre + (half * NodeS[i])));
                    if (!double.IsFinite(values[i]))
                    {
                        return;
                    }
                }

                // c_k = (2/N) Σᵢ f(sᵢ) cos(πk(i + ½)/N), c₀ halved.
                for (int k = 0; k < Nodes; k++)
                {
                    double sum = 0;
                    for (int i = 0; i < Nodes; i++)
                    {
                        sum += values[i] * Cosines[(k * Nodes) + i];
                    }

                    coefficients[offset + (k * lanes) + j] = (k == 0 ? 1.0 : 2.0) / Nodes * sum;
                }
            }

            for (int j = 0; j < models; j++)
            {
                foreach (double s in CheckS)
                {
                    double direct = numerator(j, x, AgeAt(centre + (half * s)));
                    double interpolated = Clenshaw(offset, j, s);
                    if (!double.IsFinite(direct) || !(Math.Abs(interpolated - direct) <= Tolerance * Math.Abs(direct)))
                    {
                        return;
                    }
                }
            }
        }
        catch (ArithmeticException)
        {
            return;   // the series has no value somewhere on the piece: its rows take the direct route (and meet the same error there, if at all)
        }

        valid[piece] = true;
    }

    private double AgeAt(double u) => Math.Exp(u) - alphaHat;

    /// <summary>One model's interpolant (scalar Clenshaw), for the build's check.</summary>
    private double Clenshaw(int offset, int j, double s)
    {
        double b1 = 0, b2 = 0, twoS = 2 * s;
        for (int k = Nodes - 1; k >= 1; k--)
        {
            double b0 = coefficients[offset + (k * lanes) + j] + (twoS * b1) - b2;
            b2 = b1;
            b1 = b0;
        }

        return coefficients[offset + j] + (s * b1) - b2;
    }

    /// <summary>
    /// Every model's numerator at (x, T) into <paramref name="destination"/> (length ≥ the models rounded up to even), or false when
    /// the row's piece is direct or (x, T) lies outside the rows the interpolants were built for.
    /// </summary>
    public bool TryEvaluate(long x, double T, Span<double> destination)
    {
        if ((ulong)x >= (ulong)layout.Length)
        {
            return false;
        }

        var l = layout[x];
        if (l.Pieces == 0)
        {
            return false;
        }

        double position = (Math.Log(alphaHat + T) - l.Start) / PieceWidth;
        if (!(position >= -1e-9 && position <= l.Pieces + 1e-9))
        {
            return false;
        }

        int i = Math.Min((int)Math.Max(position, 0), l.Pieces - 1);
        int piece = l.FirstPiece + i;
        if (!valid[piece])
        {
            return false;
        }

        double s = (2 * (position - i)) - 1;
        Evaluate(piece * Nodes * lanes, s, destination);
        return true;
    }

    /// <summary>Clenshaw's recurrence for all lanes, two per 128-bit vector, four vectors side by side when there are eight lanes.</summary>
    private void Evaluate(int offset, double s, Span<double> destination)
    {
        ref double c = ref coefficients[offset];
        var twoS = Vector128.Create(2 * s);
        var sv = Vector128.Create(s);
        int lane = 0;
        for (; lane + 8 <= lanes; lane += 8)
        {
            Vector128<double> a1 = default, a2 = default, b1 = default, b2 = default, c1 = default, c2 = default, d1 = default, d2 = default;
            for (int k = Nodes - 1; k >= 1; k--)
            {
                nuint at = (nuint)((k * lanes) + lane);
                var a0 = Vector128.LoadUnsafe(ref c, at) + (twoS * a1) - a2;
                var b0 = Vector128.LoadUnsafe(ref c, at + 2) + (twoS * b1) - b2;
                var c0 = Vector128.LoadUnsafe(ref c, at + 4) + (twoS * c1) - c2;
                var d0 = Vector128.LoadUnsafe(ref c, at + 6) + (twoS * d1) - d2;
                (a2, a1, b2, b1, c2, c1, d2, d1) = (a1, a0, b1, b0, c1, c0, d1, d0);
            }

            (Vector128.LoadUnsafe(ref c, (nuint)lane) + (sv * a1) - a2).CopyTo(destination[lane..]);
            (Vector128.LoadUnsafe(ref c, (nuint)lane + 2) + (sv * b1) - b2).CopyTo(destination[(lane + 2)..]);
            (Vector128.LoadUnsafe(ref c, (nuint)lane + 4) + (sv * c1) - c2).CopyTo(destination[(lane + 4)..]);
            (Vector128.LoadUnsafe(ref c, (nuint)lane + 6) + (sv * d1) - d2).CopyTo(destination[(lane + 6)..]);
        }

        for (; lane < lanes; lane += 2)
        {
            Vector128<double> b1 = default, b2 = default;
            for (int k = Nodes - 1; k >= 1; k--)
            {
                var b0 = Vector128.LoadUnsafe(ref c, (nuint)((k * lanes) + lane)) + (twoS * b1) - b2;
                (b2, b1) = (b1, b0);
            }

            (Vector128.LoadUnsafe(ref c, (nuint)lane) + (sv * b1) - b2).CopyTo(destination[lane..]);
        }
    }

    private static double[] BuildNodes()
    {
        var s = new double[Nodes];
        for (int i = 0; i < Nodes; i++)
        {
            s[i] = Math.Cos(Math.PI * (i + 0.5) / Nodes);
        }

        return s;
    }

    /// <summary>The piece's ends and the angles half-way between consecutive nodes, cos(π(i + 1)/N): where the error peaks.</summary>
    private static double[] BuildCheckPoints()
    {
        var s = new double[Nodes + 1];
        s[0] = 1;
        s[Nodes] = -1;
        for (int i = 0; i < Nodes - 1; i++)
        {
            s[i + 1] = Math.Cos(Math.PI * (i + 1) / Nodes);
        }

        return s;
    }

    private static double[] BuildCosines()
    {
        var cos = new double[Nodes * Nodes];
        for (int k = 0; k < Nodes; k++)
        {
            for (int i = 0; i < Nodes; i++)
            {
                cos[(k * Nodes) + i] = Math.Cos(Math.PI * k * (i + 0.5) / Nodes);
            }
        }

        return cos;
    }
}
