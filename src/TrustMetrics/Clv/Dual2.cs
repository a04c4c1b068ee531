using System.Runtime.CompilerServices;

namespace TrustMetrics.Clv;

/// <summary>
/// A forward-mode second-order automatic-differentiation number in up to four variables: the value, the gradient and the
/// (symmetric) Hessian of a function, carried through every arithmetic operation and elementary function by the chain rule
/// (for a unary f: ∇f(u) = f′(u)∇u, ∇²f(u) = f′(u)∇²u + f″(u)∇u∇uᵀ). Exact to rounding — no step size — so the Hessian of a
/// log-likelihood at its maximum, and with it the standard errors, is exact. Used once per fit, at the optimum.
/// </summary>
internal readonly struct Dual2
{
    /// <summary>Number of variables carried.</summary>
    public const int Size = 4;

    private readonly double value;
    private readonly Vector g;
    private readonly Symmetric h;

    private Dual2(double value, Vector g, Symmetric h)
    {
        this.value = value;
        this.g = g;
        this.h = h;
    }

    /// <summary>The value.</summary>
    public double Value => value;

    /// <summary>A constant (zero derivatives).</summary>
    public static Dual2 Constant(double c) => new(c, default, default);

    /// <summary>Variable number <paramref name="index"/> at <paramref name="x"/> (gradient e_index).</summary>
    public static Dual2 Variable(double x, int index)
    {
        var g = default(Vector);
        g[index] = 1;
        return new Dual2(x, g, default);
    }

    /// <summary>∂/∂variable i.</summary>
    public double Gradient(int i) => g[i];

    /// <summary>∂²/∂variable i ∂variable j.</summary>
    public double Hessian(int i, int j) => h[Index(i, j)];

    public static implicit operator Dual2(double c) => Constant(c);

    public static Dual2 operator +(Dual2 u, Dual2 w)
    {
        Vector g = default;
        Symmetric h = default;
        for (int i = 0; i < Size; i++)
        {
            g[i] = u.g[i] + w.g[i];
        }

        for (int i = 0; i < Symmetric.Length; i++)
        {
            h[i] = u.h[i] + w.h[i];
        }

        return new Dual2(u.value + w.value, g, h);
    }

    public static Dual2 operator +(Dual2 u, double c) => new(u.value + c, u.g, u.h);

    public static Dual2 operator +(double c, Dual2 u) => new(u.value + c, u.g, u.h);

    public static Dual2 operator -(Dual2 u) => Scale(u, -1, 0);

    public static Dual2 operator -(Dual2 u, Dual2 w) => u + Scale(w, -1, 0);

    public static Dual2 operator -(Dual2 u, double c) => new(u.value - c, u.g, u.h);

    public static Dual2 operator -(double c, Dual2 u) => Scale(u, -1, c);

    public static Dual2 operator *(Dual2 u, double c) => Scale(u, c, 0);

    public static Dual2 operator *(double c, Dual2 u) => Scale(u, c, 0);

    public static Dual2 operator /(Dual2 u, double c) => Scale(u, 1 / c, 0);

    public static Dual2 operator *(Dual2 u, Dual2 w)
    {
        Vector g = default;
        Symmetric h = default;
        for (int i = 0; i < Size; i++)
        {
            g[i] = (u.value * w.g[i]) + (w.value * u.g[i]);
        }

        int k = 0;
        for (int i = 0; i < Size; i++)
        {
            for (int j = i; j < Size; j++, k++)
            {
                h[k] = (u.value * w.h[k]) + (w.value * u.h[k]) + (u.g[i] * w.g[j]) + (w.g[i] * u.g[j]);
            }
        }

        return new Dual2(u.value * w.value, g, h);
    }

    public static Dual2 operator /(Dual2 u, Dual2 w) => u * Reciprocal(w);

    public static Dual2 operator /(double c, Dual2 w) => Reciprocal(w) * c;

    public static bool operator <(Dual2 u, Dual2 w) => u.value < w.value;

    public static bool operator >(Dual2 u, Dual2 w) => u.value > w.value;

    /// <summary>f(u) from f, f′ and f″ at u's value.</summary>
    public static Dual2 Chain(Dual2 u, double f, double f1, double f2)
    {
        Vector g = default;
        Symmetric h = default;
        for (int i = 0; i < Size; i++)
        {
            g[i] = f1 * u.g[i];
        }

        int k = 0;
        for (int i = 0; i < Size; i++)
        {
            for (int j = i; j < Size; j++, k++)
            {
                h[k] = (f1 * u.h[k]) + (f2 * u.g[i] * u.g[j]);
            }
        }

        return new Dual2(f, g, h);
    }

    public static Dual2 Reciprocal(Dual2 u)
    {
        double inverse = 1 / u.value;
        return Chain(u, inverse, -inverse * inverse, 2 * inverse * inverse * inverse);
    }

    public static Dual2 Log(Dual2 u)
    {
        double inverse = 1 / u.value;
        return Chain(u, Math.Log(u.value), inverse, -inverse * inverse);
    }

    public static Dual2 Exp(Dual2 u)
    {
        double e = Math.Exp(u.value);
        return Chain(u, e, e, e);
    }

    /// <summary>ln(1 + u).</summary>
    public static Dual2 Log1P(Dual2 u)
    {
        double inverse = 1 / (1 + u.value);
        return Chain(u, Statistics.PreciseMath.Log1p(u.value), inverse, -inverse * inverse);
    }

    /// <summary>e^u − 1.</summary>
    public static Dual2 Expm1(Dual2 u)
    {
        double e = Math.Exp(u.value);
        return Chain(u, Statistics.PreciseMath.Expm1(u.value), e, e);
    }

    /// <summary>lnΓ(u), with ψ and ψ₁ as its derivatives.</summary>
    public static Dual2 LogGamma(Dual2 u) =>
        Chain(u, MathNet.Numerics.SpecialFunctions.GammaLn(u.value), GammaRatio.Digamma(u.value), GammaRatio.Trigamma(u.value));

    /// <summary>lnΓ(u + d) − lnΓ(u) for a constant d ≥ 0, the value from <see cref="GammaRatio.LogGammaRatio"/>.</summary>
    public static Dual2 LogGammaRatio(Dual2 u, double d) => d == 0 ? Constant(0) :
        Chain(u, GammaRatio.LogGammaRatio(u.value, d), GammaRatio.Digamma(u.value + d) - GammaRatio.Digamma(u.value),
            GammaRatio.Trigamma(u.value + d) - GammaRatio.Trigamma(u.value));

    /// <summary>ln(e^u + e^w) without overflow.</summary>
    public static Dual2 LogAddExp(Dual2 u, Dual2 w)
    {
        var (big, small) = u.value >= w.value ? (u, w) : (w, u);
        return double.IsNegativeInfinity(small.value) ? big : big + Log1P(Exp(small - big));
    }

    /// <summary>u·c + shift.</summary>
    private static Dual2 Scale(Dual2 u, double c, double shift)
    {
        Vector g = default;
        Symmetric h = default;
        for (int i = 0; i < Size; i++)
        {
            g[i] = c * u.g[i];
        }

        for (int i = 0; i < Symmetric.Length; i++)
        {
            h[i] = c * u.h[i];
        }

        return new Dual2((c * u.value) + shift, g, h);
    }

    private static int Index(int i, int j)
    {
        if (i > j)
        {
            (i, j) = (j, i);
        }

        return (i * Size) - (i * (i - 1) / 2) + (j - i);
    }

    [InlineArray(Size)]
    private struct Vector
    {
        private double element;
    }

    [InlineArray(Length)]
    private struct Symmetric
    {
        public const int Length = Size * (Size + 1) / 2;

        private double element;
    }
}

/// <summary>Accumulates Σ weight·ℓ in <see cref="Dual2"/> and returns the Hessian of −Σ weight·ℓ as a row-major k × k array.</summary>
internal static class DualHessian
{
    /// <summary>Natural-parameter variables θ₀..θ_{k−1} as <see cref="Dual2"/>.</summary>
    public static Dual2[] Variables(ReadOnlySpan<double> theta)
    {
        var v = new Dual2[theta.Length];
        for (int i = 0; i < theta.Length; i++)
        {
            v[i] = Dual2.Variable(theta[i], i);
        }

        return v;
    }

    /// <summary>The k × k Hessian of −<paramref name="logLikelihood"/> (row-major).</summary>
    public static double[] OfNegative(Dual2 logLikelihood, int k)
    {
        var h = new double[k * k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                h[(i * k) + j] = -logLikelihood.Hessian(i, j);
            }
        }

        return h;
    }
}
