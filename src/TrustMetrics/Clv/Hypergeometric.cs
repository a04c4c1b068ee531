using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>Gauss hypergeometric pieces the purchase models need, evaluated without overflow or cancellation.</summary>
internal static class Hypergeometric
{
    private const int MaxTerms = 10_000_000;

    /// <summary>Terms of the ₂F₁ series tried before the integral form is used.</summary>
    private const int SeriesBudget = 5000;

    private static readonly double[] Nodes = new MathNet.Numerics.Integration.GaussLegendreRule(-1, 1, 16).Abscissas;
    private static readonly double[] Weights = new MathNet.Numerics.Integration.GaussLegendreRule(-1, 1, 16).Weights;

    /// <summary>
    /// [1 − (1−z)^ε ₂F₁(a₁, ε; c; z)] / ε for 0 ≤ z &lt; 1 and c &gt; 0, with ln(1−z) passed as <paramref name="logOneMinusZ"/>
    /// (see <see cref="ScaledTail"/>, which this divides by c).
    /// </summary>
    public static double Tail(double a1, double epsilon, double c, double z, double logOneMinusZ, double k, double alpha, double beta) =>
        ScaledTail(a1, epsilon, c, z, logOneMinusZ, k, alpha, beta) / c;

    /// <summary>
    /// c·[1 − (1−z)^ε ₂F₁(a₁, ε; c; z)] / ε for 0 ≤ z &lt; 1 and c &gt; −1. Writing ₂F₁(a₁, ε; c; z) = 1 + (ε/c)·S′ with
    /// S′ = Σ_{n≥1} (a₁)_n (1+ε)_{n−1} zⁿ / ((c+1)_{n−1} n!) gives −c·expm1(εL)/ε − e^{εL}·S′ exactly: no division by ε → 0 (a = 1
    /// in BG/NBD) nor by c → 0 (a + b + x = 1 in BG/NBD, where the product has a finite limit), and no large terms, since the BTYD
    /// expectations reach this form through Euler's transformation ₂F₁(a, b; c; z) = (1−z)^{c−a−b} ₂F₁(c−a, c−b; c; z).
    /// Where the series is long or cancels (fits on the boundary: a and b in the thousands to millions, or r far above a + b),
    /// the same number is computed from its integral form (<see cref="BetaMeanTail"/>), which needs k = c − a₁ (r + x in the BG
    /// family): pass it as <paramref name="k"/>, since c − a₁ computed from a₁ ≈ c ≈ 10⁶ would keep only a few of its digits,
    /// and β = c − ε (b + x in BG/NBD, b + x + 1 in MBG/NBD) as <paramref name="beta"/> for the same reason: with a ≈ 10⁹ and
    /// b ≈ 10⁻⁵ (a fit on three customers) a + b + x − 1 − (a − 1) keeps none of the digits of b, and at x = 0 it is exactly 0 — the
    /// integral form then had "no weight" and the estimate threw (issue 14, item 2 defect). Likewise α = ε + 1 (the model's a) as
    /// <paramref name="alpha"/>: a ≈ 10⁻¹⁷ gives ε + 1 = 0 exactly.
    /// </summary>
    /// <param name="a1">a₁ (only the series uses it).</param>
    /// <param name="epsilon">ε &gt; −1.</param>
    /// <param name="c">c &gt; −1.</param>
    /// <param name="z">0 ≤ z &lt; 1.</param>
    /// <param name="logOneMinusZ">ln(1 − z).</param>
    /// <param name="k">c − a₁, computed without the subtraction.</param>
    /// <param name="alpha">ε + 1 &gt; 0, computed without the addition.</param>
    /// <param name="beta">c − ε &gt; 0, computed without the subtraction.</param>
    public static double ScaledTail(double a1, double epsilon, double c, double z, double logOneMinusZ, double k, double alpha, double beta)
    {
        double s = 0, largest = 0;
        bool series = true;
        if (z > 0)
        {
            double term = a1 * z;
            s = term;
            largest = Math.Abs(term);
            // n is counted in a double (exact: n ≤ the budget), so the loop converts nothing; the largest term is kept by a
            // compare (Math.Max's NaN and signed-zero handling is a score of SSE instructions in the Native AOT build, a third of
            // this loop in clv predict's profile) — equal to Math.Max here: a NaN term makes s NaN, and then the series is
            // abandoned below and its largest term never read.
            for (double n = 1; term != 0; n++)
            {
                // term_{n+1} = term_n · (a₁+n)(ε+n)/((c+n)(n+1)) · z.
                double ratio = (a1 + n) * (epsilon + n) / ((c + n) * (n + 1)) * z;
                term *= ratio;
                s += term;
                double size = Math.Abs(term);
                if (size > largest)
                {
                    largest = size;
                }

                // Overflow first: a term that reached ∞ also passes the convergence test (∞ ≤ ∞), which returned −∞ for
                // MBG/NBD's E[X(t)] at a fit with every parameter near 10⁹ (found by BoundaryFitTests).
                if (!double.IsFinite(s) || n > SeriesBudget)
                {
                    series = false;
                    break;
                }

                if (size <= 1e-17 * Math.Abs(s) && Math.Abs(ratio) < 1)
                {
                    break;
                }
            }
        }

        double el = epsilon * logOneMinusZ;
        double head = epsilon == 0 ? -logOneMinusZ : -PreciseMath.Expm1(el) / epsilon;
        double result = (c * head) - (Math.Exp(el) * s);
        // The terms' size against the result's: above 1e3 the series has lost more than three digits to cancellation.
        if (series && double.IsFinite(result) && !(Math.Exp(el) * largest > 1e3 * Math.Abs(result)))
        {
            return result;
        }

        if (!(alpha > 0 && beta > 0))
        {
            throw new ArithmeticException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The hypergeometric series 2F1({a1:R}, {epsilon:R}; {c:R}; {z:R}) did not converge and has no integral form there."));
        }

        return BetaMeanTail(alpha, beta, k, PreciseMath.Expm1(-logOneMinusZ));
    }

    /// <summary>
    /// E[(1 − (1 + p·u)^{−k}) / p] for p ~ Beta(α, β): the integral form of <see cref="ScaledTail"/> with α = ε + 1, β = c − ε,
    /// k = c − a₁, u = z/(1 − z). (For BG/NBD: E[Y(t)]/P(alive) = E over the posterior p ~ Beta(a, b+x) of the expected purchases
    /// (1 − E[e^{−λpt}])/p before a dropout with probability p; Pfaff's and Euler's transformations turn it into the ₂F₁ form.)
    /// Computed as ∫ g·w dy / ∫ w dy over y = logit p, where w = p^α (1−p)^β is smooth, unimodal and log-concave, by composite
    /// 16-point Gauss–Legendre over the mode ± (10 sd + 40/α or 40/β): the same nodes for both integrals, so the normalising
    /// beta function (whose logarithm would lose digits for α, β in the millions) is never needed.
    /// </summary>
    public static double BetaMeanTail(double alpha, double beta, double k, double u)
    {
        double mode = Math.Log(alpha / beta);
        double sd = Math.Sqrt((1 / alpha) + (1 / beta));
        double lower = mode - (10 * sd) - (40 / alpha), upper = mode + (10 * sd) + (40 / beta);
        int panels = (int)Math.Clamp(Math.Ceiling((upper - lower) / sd), 8, 64);
        double width = (upper - lower) / panels;
        double peak = LogWeight(mode);
        double mass = 0, total = 0;
        for (int panel = 0; panel < panels; panel++)
        {
            double centre = lower + ((panel + 0.5) * width);
            for (int i = 0; i < Nodes.Length; i++)
            {
                double y = centre + (0.5 * width * Nodes[i]);
                double w = Weights[i] * Math.Exp(LogWeight(y) - peak);
                if (w == 0)
                {
                    continue;
                }

                double logP = -Softplus(-y);
                double p = Math.Exp(logP);
                double g = p * u < 1e-300 ? k * u : -PreciseMath.Expm1(-k * PreciseMath.Log1p(p * u)) / p;
                mass += w;
                total += w * g;
            }
        }

        return total / mass;

        double LogWeight(double y) => (-alpha * Softplus(-y)) - (beta * Softplus(y));
    }

    /// <summary>ln(1 + e^t) without overflow.</summary>
    private static double Softplus(double t) => Math.Max(t, 0) + PreciseMath.Log1p(Math.Exp(-Math.Abs(t)));

    /// <summary>
    /// ln ₂F₁(a, b; a+1; z) for a &gt; 0, 0 &lt; b ≤ a + 1, 0 ≤ z &lt; 1, with ln(1−z) passed as <paramref name="logOneMinusZ"/> — the
    /// family Pareto/NBD needs (a = r+s+x, b = s+1 or r+x). Euler's transformation gives (1−z)^{1−b} ₂F₁(1, a+1−b; a+1; z), whose
    /// terms are positive and shrink by the factor z(a+1−b+n)/(a+1+n) &lt; z: no overflow however large x is (the direct series
    /// peaks near (1−z)^{−b}, e^{680} at x = 500), and the sum is at most 1/(1−z).
    /// </summary>
    public static double LogGaussAPlusOne(double a, double b, double z, double logOneMinusZ)
    {
        double s = 1, term = 1, c = a + 1 - b;
        if (z > 0)
        {
            for (int n = 0; ; n++)
            {
                term *= z * (c + n) / (a + 1 + n);
                s += term;
                if (term <= 1e-17 * s)
                {
                    break;
                }

                if (n > MaxTerms)
                {
                    throw new ArithmeticException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"The hypergeometric series 2F1({a:R}, {b:R}; {a + 1:R}; {z:R}) did not converge in {MaxTerms} terms."));
                }
            }
        }

        return ((1 - b) * logOneMinusZ) + Math.Log(s);
    }

}
