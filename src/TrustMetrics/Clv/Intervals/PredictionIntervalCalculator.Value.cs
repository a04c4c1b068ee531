using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// The CLV interval (docs/clv.md §Prediction intervals, "CLV"): the predictive distribution of the realised discounted value
/// V = margin · δ̄ · Σ_{j ≤ Y} zⱼ of the purchases in the horizon H = months · f, where Y is the purchase count in (T, T+H] (its
/// conditional PMF, as for the count interval), zⱼ the spends (Gamma(p, ν) given the customer's ν, whose posterior is
/// Gamma(px + q, γ + x m̄)), and δ̄ = Σₖ (E[Y(kf)] − E[Y((k−1)f)])/(1+d)ᵏ / E[Y(H)] the expectation-weighted discount factor (so
/// E[V] is the point CLV exactly). Given Y = n ≥ 1, S = Σ zⱼ satisfies S/(S + γ + x m̄) ~ Beta(np, px + q) (a Gamma(np, ν) mixed
/// over ν's Gamma posterior), so P(V ≤ v) = P(Y = 0) + Σ_{n≥1} P(Y = n)·I_{s/(s+γ′)}(np, px+q), s = v/(margin·δ̄).
/// Parameter uncertainty: the unscented transform over the joint log-parameters of both fits (independent fits: block-diagonal
/// covariance, d = d_purchase + 3): 2d sigma points ±√d·L eⱼ, each perturbing one block, equal weights 1/(2d); the predictive
/// CDF is their mixture and its equal-tailed quantiles (found by the Illinois method on ln s) are the bounds.
/// </summary>
public sealed partial class PredictionIntervalCalculator
{
    /// <summary>
    /// PMF terms are generated until their sum reaches 1 − this: the left-out tail moves the mixture CDF by less than this, far
    /// below the resolution a quantile at a level ≤ 0.999 needs.
    /// </summary>
    private const double CountTolerance = 1e-10;

    /// <summary>Largest number of PMF terms per model.</summary>
    private const int MaximumTerms = 1 << 20;

    /// <inheritdoc/>
    public ValueIntervals ComputeValue<TModel>(ClvFit<TModel> fit, ClvFit<GammaGammaModel> spendFit, ReadOnlySpan<PurchaseHistory> histories,
        ReadOnlySpan<double> monetaryValues, int months, double monthlyDiscountRate, double unitsPerMonth, double margin = 1.0, double level = 0.9,
        CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null)
        where TModel : class, IPurchaseModel
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(spendFit);
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        ArgumentOutOfRangeException.ThrowIfNegative(months);
        if (!(monthlyDiscountRate > -1 && double.IsFinite(monthlyDiscountRate)))
        {
            throw new ArgumentOutOfRangeException(nameof(monthlyDiscountRate), monthlyDiscountRate, $"monthlyDiscountRate must be a finite number > −1; got {Guard.Format(monthlyDiscountRate)}.");
        }

        Guard.Positive(unitsPerMonth);
        Guard.Finite(margin);
        if (!(level > 0 && level <= MaximumLevel))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"The level must be in (0, {Guard.Format(MaximumLevel)}]; got {Guard.Format(level)}.");
        }

        if (monetaryValues.Length != histories.Length)
        {
            throw new ArgumentException($"monetaryValues has {monetaryValues.Length} entries for {histories.Length} histories.", nameof(monetaryValues));
        }

        for (int i = 0; i < histories.Length; i++)
        {
            CompressedHistories.Validate(histories[i], i, nameof(histories));
            double m = monetaryValues[i];
            if (!double.IsFinite(m) || (histories[i].Frequency > 0 && !(m > 0)))
            {
                throw new ArgumentOutOfRangeException(nameof(monetaryValues), m,
                    $"monetaryValues[{i}] must be finite, and > 0 for a customer with repeat purchases (frequency {histories[i].Frequency}); got {Guard.Format(m)}.");
            }
        }

        // Joint sigma points: a block whose covariance is not finite and positive definite (or whose points overflow) drops out.
        bool purchase = Family.SigmaPoints(fit, 1.0).Length > 0, spend = Family.SigmaPoints(spendFit, 1.0).Length > 0;
        double[][] thetaPoints = [], phiPoints = [];
        while (true)
        {
            int d = (purchase ? fit.ParameterNames.Count : 0) + (spend ? spendFit.ParameterNames.Count : 0);
            double scale = Math.Sqrt(d);
            thetaPoints = purchase ? Family.SigmaPoints(fit, scale) : [];
            phiPoints = spend ? Family.SigmaPoints(spendFit, scale) : [];
            if (purchase && thetaPoints.Length == 0)
            {
                purchase = false;
            }
            else if (spend && phiPoints.Length == 0)
            {
                spend = false;
            }
            else
            {
                break;
            }
        }

        var family = Family.For(fit, thetaPoints);
        var model = fit.Model;
        var spendModel = spendFit.Model;
        var estimate = spendModel.Parameters;
        var components = new List<(int Model, double P, double Q, double Gamma)>();
        for (int j = 0; j < thetaPoints.Length; j++)
        {
            components.Add((j + 1, estimate.P, estimate.Q, estimate.Gamma));
        }

        foreach (var phi in phiPoints)
        {
            components.Add((0, phi[0], phi[1], phi[2]));
        }

        if (components.Count == 0)
        {
            components.Add((0, estimate.P, estimate.Q, estimate.Gamma));
        }

        var mixture = components.ToArray();
        int models = thetaPoints.Length + 1;
        var used = new bool[models];
        foreach (var c in mixture)
        {
            used[c.Model] = true;
        }

        int count = histories.Length;
        var spends = new double[count];
        var values = new double[count];
        var lower = new double[count];
        var upper = new double[count];
        double horizon = months * unitsPerMonth;
        double lowTail = (1 - level) / 2, highTail = (1 + level) / 2;
        var rows = histories.ToArray();
        var money = monetaryValues.ToArray();
        long largest = 0;
        foreach (var h in rows)
        {
            largest = Math.Max(largest, h.Frequency);
        }

        // No rows for the interpolated expectations: the value interval uses the models' count distributions, not their E[Y].
        family.Prepare(horizon, largest, [], [], work);
        int chunks = count > 2 * 256 ? Math.Max(1, Math.Min(Chunks, count / 256)) : 1;
        work.For(chunks, chunks > 1, chunk =>
        {
            var scratch = family.NewScratch();
            var pmf = new double[models][];
            var length = new int[models];
            for (int j = 0; j < models; j++)
            {
                pmf[j] = used[j] ? new double[64] : [];
            }

            int from = (int)((long)count * chunk / chunks), to = (int)((long)count * (chunk + 1) / chunks);
            for (int i = from; i < to; i++)
            {
                if (((i - from) & 0xFF) == 0)
                {
                    work.ThrowIfCancellationRequested();
                }

                var h = rows[i];
                double m = h.Frequency == 0 ? 0 : money[i];
                double s = spendModel.ConditionalExpectedAverageSpend(h.Frequency, m);
                double discounted = CustomerLifetimeValue.Discounted(model, h, 1.0, months, monthlyDiscountRate, unitsPerMonth);
                spends[i] = s;
                values[i] = margin == 0 ? 0 : s * margin * discounted;
                double expected = horizon > 0 ? model.ConditionalExpectedPurchases(horizon, h) : 0;
                double factor = discounted / expected;
                if (margin == 0 || !(expected > 0) || !(factor > 0 && double.IsFinite(factor)))
                {
                    continue;   // no purchase expected in the horizon: V = 0
                }

                family.EvaluateRow(scratch, horizon, h.Frequency, h.Recency, h.T);
                for (int j = 0; j < models; j++)
                {
                    if (used[j])
                    {
                        length[j] = Fill(family, scratch, horizon, h, j, ref pmf[j]);
                    }
                }

                var value = new Spend(mixture, pmf, length, h.Frequency, m);
                double low = value.Quantile(lowTail), high = value.Quantile(highTail);
                double scaleValue = margin * factor;
                (lower[i], upper[i]) = margin > 0 ? (scaleValue * low, scaleValue * high) : (scaleValue * high, scaleValue * low);
            }
        });

        return new ValueIntervals(months, level, purchase, spend, spends, values, lower, upper);
    }

    /// <summary>The count PMF of model <paramref name="j"/> into the buffer, grown until the terms reach 1 − tolerance.</summary>
    private static int Fill(Family family, Scratch scratch, double t, PurchaseHistory h, int j, ref double[] buffer)
    {
        while (true)
        {
            int n = family.Distribution(scratch, t, h.Frequency, h.Recency, h.T, j, buffer, CountTolerance);
            if (n < buffer.Length || buffer.Length >= MaximumTerms)
            {
                return n;
            }

            buffer = new double[buffer.Length * 2];
        }
    }

    /// <summary>The mixture CDF of the undiscounted spend total S = Σ_{j ≤ Y} zⱼ and its quantiles.</summary>
    private readonly struct Spend((int Model, double P, double Q, double Gamma)[] components, double[][] pmf, int[] length, long x, double m)
    {
        /// <summary>Terms whose weighted probability is below this are left out of the CDF (they move it by less than that).</summary>
        private const double Negligible = 1e-15;

        private double Weight => 1.0 / components.Length;

        /// <summary>P(S = 0) = Σ w P(Y = 0).</summary>
        private double Atom()
        {
            double sum = 0;
            foreach (var c in components)
            {
                sum += pmf[c.Model][0];
            }

            return sum * Weight;
        }

        /// <summary>P(S ≤ s) for s &gt; 0.</summary>
        public double Cdf(double s)
        {
            double total = 0;
            foreach (var c in components)
            {
                var p = pmf[c.Model];
                int terms = length[c.Model];
                double shape = (c.P * x) + c.Q, scale = c.Gamma + (x * m);
                double u = s / (s + scale), w = scale / (s + scale);
                double sum = p[0];
                for (int n = 1; n < terms; n++)
                {
                    if (p[n] * Weight < Negligible)
                    {
                        continue;
                    }

                    // I_u(np, b) decreases in n (a sum of more spends exceeds s more often): once negligible, so is the rest.
                    double below = Distributions.BetaTails(u, w, n * c.P, shape).Lower;
                    sum += p[n] * below;
                    if (below < Negligible)
                    {
                        break;
                    }
                }

                total += sum;
            }

            return total * Weight;
        }

        /// <summary>The smallest s with P(S ≤ s) ≥ τ: 0 inside the atom, else the root of the CDF by the Illinois method on ln s.</summary>
        public double Quantile(double tau)
        {
            if (Atom() >= tau)
            {
                return 0;
            }

            var first = components[0];
            double start = first.P * (first.Gamma + (x * m)) / ((first.P * x) + first.Q);
            double lo = Math.Log(start), hi = lo;
            double fLo = Cdf(start) - tau, fHi = fLo;
            for (int k = 0; fHi < 0 && k < 2000; k++)
            {
                lo = hi;
                fLo = fHi;
                hi += 1.0;
                fHi = Cdf(Math.Exp(hi)) - tau;
            }

            for (int k = 0; fLo >= 0 && k < 2000; k++)
            {
                hi = lo;
                fHi = fLo;
                lo -= 1.0;
                fLo = Cdf(Math.Exp(lo)) - tau;
            }

            if (fHi < 0)
            {
                return double.PositiveInfinity;   // the truncated PMF never reaches τ (cannot happen for τ ≤ (1 + MaximumLevel)/2)
            }

            if (fLo >= 0)
            {
                return 0;
            }

            int side = 0;
            for (int k = 0; k < 200 && hi - lo > 1e-9; k++)
            {
                double mid = ((lo * fHi) - (hi * fLo)) / (fHi - fLo);
                if (!(mid > lo && mid < hi))
                {
                    mid = 0.5 * (lo + hi);
                }

                double fMid = Cdf(Math.Exp(mid)) - tau;
                if (fMid >= 0)
                {
                    hi = mid;
                    fHi = fMid;
                    if (side == 1)
                    {
                        fLo *= 0.5;
                    }

                    side = 1;
                }
                else
                {
                    lo = mid;
                    fLo = fMid;
                    if (side == -1)
                    {
                        fHi *= 0.5;
                    }

                    side = -1;
                }

                if (Math.Abs(fMid) < 1e-12)
                {
                    return Math.Exp(mid);
                }
            }

            return Math.Exp(hi);
        }
    }
}
