using MathNet.Numerics;
using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// The holdout scorecard (issue "CLV for decisions", item 1). Each model is fitted on the calibration histories; for every customer
/// it predicts the holdout count ŷ = E[Y(t*) | x, t_x, T] and p = P(Y(t*) ≥ 1 | x, t_x, T):
/// BG/NBD and MBG/NBD p = P(alive)·[1 − ((α+T)/(α+T+t*))^{r+x}] (alive at T, λ | history ~ Gamma(r+x, α+T), and no death before the
/// next purchase in either model); Pareto/NBD p = 1 − <see cref="ParetoNbdModel.ConditionalProbabilityOfPurchases"/>(t*, 0, ·)
/// (Fader–Hardie note 028). Baselines: (a) own rate ŷ = (x/T)·t* (0 when T = 0), (b) population rate ŷ = (Σx/ΣT)·t*, each with
/// the Poisson p = 1 − e^{−ŷ}. Scores: <see cref="HoldoutAccuracy"/>; calibration table by calibration frequency 0, 1, …, k−1 and
/// "k+"; tracking curve Σ_i E[X(τ − b_i)] (b_i = first purchase time after the origin; BTYD's <c>bgnbd.ExpectedCumulativeTransactions</c>)
/// vs the actual cumulative repeat purchases; log-likelihood, AIC, BIC (n = customers) and the likelihood-ratio test against NBD.
/// Stateless and thread-safe.
/// </summary>
public sealed class HoldoutEvaluator : IHoldoutEvaluator
{
    /// <inheritdoc/>
    public HoldoutScorecard Evaluate(HoldoutPanel panel, HoldoutEvaluationOptions? options = null, CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        var o = options ?? HoldoutEvaluationOptions.Default;
        var histories = panel.Calibration;
        var data = CompressedHistories.From(histories);

        // Distinct calibration rows: predictions are made once per row.
        var rowOf = new int[histories.Length];
        var rows = new List<PurchaseHistory>();
        var index = new Dictionary<(long, double, double), int>();
        for (int i = 0; i < histories.Length; i++)
        {
            var h = histories[i];
            if (!index.TryGetValue((h.Frequency, h.Recency, h.T), out int row))
            {
                row = rows.Count;
                index.Add((h.Frequency, h.Recency, h.T), row);
                rows.Add(h);
            }

            rowOf[i] = row;
        }

        var distinctRows = rows.ToArray();
        ClvFitReport? nbd = null;
        var scores = new HoldoutModelScore[o.Models.Count];
        for (int k = 0; k < scores.Length; k++)
        {
            work.ThrowIfCancellationRequested();
            var kind = o.Models[k];
            IPurchaseModel model;
            ClvFitReport report;
            switch (kind)
            {
                case HoldoutModel.BgNbd:
                    var bg = new BgNbdFitter().Fit(data, o.FitOptions, cancellationToken, maxDegreeOfParallelism);
                    (model, report) = (bg.Model, bg.Report);
                    break;
                case HoldoutModel.MbgNbd:
                    var mbg = new MbgNbdFitter().Fit(data, o.FitOptions, cancellationToken, maxDegreeOfParallelism);
                    (model, report) = (mbg.Model, mbg.Report);
                    break;
                default:
                    var pnbd = new ParetoNbdFitter().Fit(data, o.FitOptions, cancellationToken, maxDegreeOfParallelism);
                    (model, report) = (pnbd.Model, pnbd.Report);
                    break;
            }

            var rowPredicted = new double[distinctRows.Length];
            var rowActive = new double[distinctRows.Length];
            Predict(model, panel.HoldoutDuration, distinctRows, rowPredicted, rowActive, work);
            var predicted = new double[histories.Length];
            var active = new double[histories.Length];
            for (int i = 0; i < histories.Length; i++)
            {
                predicted[i] = rowPredicted[rowOf[i]];
                active[i] = rowActive[rowOf[i]];
            }

            var tracking = Tracking(model, panel, work);
            nbd ??= NbdBaseline.Fit(data, o.FitOptions, work);
            double g = Math.Max(0.0, 2 * (report.LogLikelihood - nbd.LogLikelihood));
            const int df = 2;
            var lr = new NestedModelTest("nbd", nbd.LogLikelihood, g, df, g > 0 ? SpecialFunctions.GammaUpperRegularized(df / 2.0, g / 2.0) : 1.0);
            var parameters = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int j = 0; j < report.ParameterNames.Count; j++)
            {
                parameters.Add(report.ParameterNames[j], report.Estimates[j]);
            }

            int kParameters = report.ParameterNames.Count;
            double ll = report.LogLikelihood;
            scores[k] = new HoldoutModelScore(report.Model, report.DisplayName, parameters, ll, InformationCriteria.Aic(kParameters, ll),
                InformationCriteria.Bic(kParameters, report.CustomerCount, ll), Accuracy(predicted, active, panel, TrackingMape(tracking, panel.CalibrationLength)),
                Bins(predicted, panel, o.TailFrequency), tracking, lr, report.Converged);
        }

        return new HoldoutScorecard(panel, scores, Baselines(panel, o.TailFrequency));
    }

    /// <summary>ŷ and P(at least one purchase) per distinct history.</summary>
    private static void Predict(IPurchaseModel model, double t, PurchaseHistory[] rows, double[] predicted, double[] active, ParallelWork work)
    {
        const int Chunks = 16;
        int n = rows.Length;
        work.For(Chunks, parallel: n > 1024, chunk =>
        {
            int from = (int)((long)n * chunk / Chunks), to = (int)((long)n * (chunk + 1) / Chunks);
            for (int i = from; i < to; i++)
            {
                if ((i & 0xFF) == 0)
                {
                    work.ThrowIfCancellationRequested();
                }

                var h = rows[i];
                predicted[i] = model.ConditionalExpectedPurchases(t, h);
                active[i] = model switch
                {
                    BgNbdModel bg => BetaGeometricActive(bg.Parameters, model.ProbabilityAlive(h), t, h),
                    MbgNbdModel mbg => BetaGeometricActive(mbg.Parameters, model.ProbabilityAlive(h), t, h),
                    ParetoNbdModel p => 1.0 - p.ConditionalProbabilityOfPurchases(t, 0, h),
                    _ => throw new InvalidOperationException("Unknown purchase model."),
                };
            }
        });
    }

    /// <summary>P(alive)·[1 − ((α+T)/(α+T+t))^{r+x}] = P(alive)·(−expm1(−(r+x)·ln1p(t/(α+T)))).</summary>
    internal static double BetaGeometricActive(BgNbdParameters p, double alive, double t, PurchaseHistory h) =>
        alive * -PreciseMath.Expm1(-(p.R + h.Frequency) * PreciseMath.Log1p(t / (p.Alpha + h.T)));

    /// <summary>Expected vs actual cumulative repeat purchases at the panel's tracking times, births grouped.</summary>
    private static TrackingPoint[] Tracking(IPurchaseModel model, HoldoutPanel panel, ParallelWork work)
    {
        var births = new SortedDictionary<double, long>();
        foreach (double b in panel.Birth)
        {
            births[b] = births.TryGetValue(b, out long c) ? c + 1 : 1;
        }

        var birthTimes = births.Keys.ToArray();
        var birthCounts = births.Values.ToArray();
        var times = panel.TrackingTimes.ToArray();
        var expected = new double[times.Length];
        work.For(times.Length, parallel: (long)times.Length * birthTimes.Length > 4096, k =>
        {
            double sum = 0;
            for (int j = 0; j < birthTimes.Length && birthTimes[j] < times[k]; j++)
            {
                sum += birthCounts[j] * model.ExpectedPurchases(times[k] - birthTimes[j]);
            }

            expected[k] = sum;
        });

        var actual = panel.ActualCumulative;
        var points = new TrackingPoint[times.Length];
        for (int k = 0; k < times.Length; k++)
        {
            points[k] = new TrackingPoint(times[k], expected[k], actual[k]);
        }

        return points;
    }

    private static double? TrackingMape(TrackingPoint[] tracking, double calibrationLength)
    {
        double sum = 0;
        int count = 0;
        foreach (var p in tracking)
        {
            if (p.Period > calibrationLength + 1e-9)
            {
                if (p.ActualCumulative == 0)
                {
                    return null;
                }

                sum += Math.Abs(p.ExpectedCumulative - p.ActualCumulative) / p.ActualCumulative;
                count++;
            }
        }

        return count == 0 ? null : sum / count;
    }

    private static HoldoutModelScore[] Baselines(HoldoutPanel panel, int tail)
    {
        var histories = panel.Calibration;
        int n = histories.Length;
        double t = panel.HoldoutDuration;
        var own = new double[n];
        var ownActive = new double[n];
        double sumX = 0, sumT = 0;
        for (int i = 0; i < n; i++)
        {
            var h = histories[i];
            own[i] = h.T > 0 ? h.Frequency / h.T * t : 0.0;
            ownActive[i] = -PreciseMath.Expm1(-own[i]);
            sumX += h.Frequency;
            sumT += h.T;
        }

        double rate = sumT > 0 ? sumX / sumT : 0.0;
        var population = new double[n];
        var populationActive = new double[n];
        Array.Fill(population, rate * t);
        Array.Fill(populationActive, -PreciseMath.Expm1(-rate * t));
        return
        [
            new HoldoutModelScore("own-rate", "own rate x/T", new Dictionary<string, double>(), null, null, null, Accuracy(own, ownActive, panel, null),
                Bins(own, panel, tail), [], null, null),
            new HoldoutModelScore("population-rate", "population rate Σx/ΣT", new Dictionary<string, double> { ["rate"] = rate }, null, null, null,
                Accuracy(population, populationActive, panel, null), Bins(population, panel, tail), [], null, null),
        ];
    }

    /// <summary>MAE, RMSE, bias, Brier, top-decile lift and totals of per-customer predictions.</summary>
    internal static HoldoutAccuracy Accuracy(double[] predicted, double[] active, HoldoutPanel panel, double? trackingMape)
    {
        var y = panel.Holdout;
        int n = y.Length;
        double abs = 0, sq = 0, bias = 0, brier = 0, total = 0;
        long actualTotal = 0, activeCount = 0;
        for (int i = 0; i < n; i++)
        {
            double e = predicted[i] - y[i];
            abs += Math.Abs(e);
            sq += e * e;
            bias += e;
            total += predicted[i];
            actualTotal += y[i];
            double outcome = y[i] >= 1 ? 1.0 : 0.0;
            activeCount += y[i] >= 1 ? 1 : 0;
            brier += (active[i] - outcome) * (active[i] - outcome);
        }

        return new HoldoutAccuracy(abs / n, Math.Sqrt(sq / n), bias / n, brier / n, TopDecileLift(active, y, activeCount), total, actualTotal, trackingMape);
    }

    /// <summary>
    /// (actives among the top n/10 by score ÷ n/10) ÷ (actives ÷ n); a tie group straddling the cut-off contributes the fraction of it
    /// that fits times its share of actives (the expectation under random tie-breaking). Null when nobody is active.
    /// </summary>
    internal static double? TopDecileLift(double[] score, ReadOnlySpan<long> y, long activeCount)
    {
        int n = score.Length;
        if (activeCount == 0)
        {
            return null;
        }

        var order = Enumerable.Range(0, n).ToArray();
        var keys = score.Select(s => -s).ToArray();
        Array.Sort(keys, order);
        double top = n / 10.0, taken = 0, activeTaken = 0;
        int i = 0;
        while (i < n && taken < top)
        {
            int j = i;
            long groupActive = 0;
            while (j < n && score[order[j]] == score[order[i]])
            {
                groupActive += y[order[j]] >= 1 ? 1 : 0;
                j++;
            }

            int size = j - i;
            double share = Math.Min(1.0, (top - taken) / size);
            taken += share * size;
            activeTaken += share * groupActive;
            i = j;
        }

        return activeTaken / top / ((double)activeCount / n);
    }

    private static CalibrationBin[] Bins(double[] predicted, HoldoutPanel panel, int tail)
    {
        var histories = panel.Calibration;
        var y = panel.Holdout;
        var count = new long[tail + 1];
        var sumPredicted = new double[tail + 1];
        var sumActual = new double[tail + 1];
        for (int i = 0; i < histories.Length; i++)
        {
            int bin = (int)Math.Min(histories[i].Frequency, tail);
            count[bin]++;
            sumPredicted[bin] += predicted[i];
            sumActual[bin] += y[i];
        }

        var bins = new List<CalibrationBin>(tail + 1);
        for (int b = 0; b <= tail; b++)
        {
            if (count[b] > 0)
            {
                bins.Add(new CalibrationBin(b, b == tail, count[b], sumPredicted[b] / count[b], sumActual[b] / count[b]));
            }
        }

        return [.. bins];
    }
}
