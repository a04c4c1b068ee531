using System.Globalization;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

namespace TrustMetrics.Survival;

/// <summary>
/// Gray's (1988) k-sample test of equal cumulative incidence of one cause, R <c>cmprsk::cuminc(..., rho)</c>'s <c>Tests</c>.
/// </summary>
internal static class GrayTestComputation
{
    /// <summary>
    /// One walk over the pooled distinct times. Per group g (at risk nᵍ, all-cause Kaplan–Meier Ŝᵍ(t−), cumulative incidence F̂ᵍ(t−) of
    /// the cause) and pooled: hᵍ = nᵍ/Ŝᵍ(t−), H = Σhᵍ, Rᵍ = hᵍ(1 − F̂ᵍ(t−)), the pooled subdistribution estimate
    /// F̂⁰(t) = F̂⁰(t−) + d/H (d events of the cause) and the weight w = (1 − F̂⁰(t−))^ρ. Score zᵍ = Σ w(dᵍ − d·Rᵍ/ΣR) (Gray 1988,
    /// eq. 2.2); its covariance is Gray's estimator (1988, §2, the asymptotic variance of the score with the plug-in terms of the
    /// cause's and the other causes' events), accumulated as in the paper: Aᵢⱼ = w·hᵢ(δᵢⱼ − hⱼ/H), Cᵢⱼ = Σ Aᵢⱼ·d/(H(1 − F̂⁰(t−))),
    /// then for each group the cause's events with the factor 1 − (1 − F̂⁰(t))/Ŝᵍ(t) and the other causes' events with
    /// (1 − F̂⁰(t))/Ŝᵍ(t), tied events corrected hypergeometrically. χ² = zᵀV⁻¹z over all groups but the last, k − 1 df.
    /// </summary>
    public static GrayTestResult<TKey> Compute<TKey>(IReadOnlyList<KeyValuePair<TKey, CompetingRisksTally>> groups, string cause, double rho, string paramName)
        where TKey : notnull
    {
        int k = groups.Count;
        if (k < 2)
        {
            throw new ArgumentException($"Gray's test compares at least two groups; got {k}.", paramName);
        }

        var seen = new HashSet<TKey>();
        var causeIndex = new int[k];
        bool anyCause = false;
        for (int g = 0; g < k; g++)
        {
            var (key, tally) = groups[g];
            if (key is null || tally is null)
            {
                throw new ArgumentException($"Group {g} has a null key or tally.", paramName);
            }

            if (tally.IsEmpty)
            {
                throw new ArgumentException($"Group '{key}' is empty: every group of Gray's test needs at least one subject.", paramName);
            }

            if (!seen.Add(key))
            {
                throw new ArgumentException($"Group '{key}' is given more than once.", paramName);
            }

            causeIndex[g] = tally.Causes.ToList().IndexOf(cause);
            anyCause |= causeIndex[g] >= 0;
        }

        if (!anyCause)
        {
            throw new ArgumentException($"No group has an event of cause '{cause}'.", nameof(cause));
        }

        var position = new int[k];
        var atRisk = groups.Select(p => p.Value.Count).ToArray();
        var survivalBefore = Enumerable.Repeat(1.0, k).ToArray();
        var incidenceBefore = new double[k];
        var survivalNow = new double[k];
        var causeEvents = new long[k];
        var otherEvents = new long[k];
        var h = new double[k];
        var score = new double[k];
        var a = new double[k, k];
        var c = new double[k, k];
        var v = new double[k, k];
        var v2 = new double[k, k];
        var v3 = new double[k];
        var g1 = new double[k];
        double pooledBefore = 0.0;
        while (true)
        {
            double time = double.PositiveInfinity;
            for (int g = 0; g < k; g++)
            {
                var times = groups[g].Value.Times;
                if (position[g] < times.Length && times[position[g]] < time)
                {
                    time = times[position[g]];
                }
            }

            if (double.IsPositiveInfinity(time))
            {
                break;
            }

            long d1 = 0, d2 = 0;
            var leaving = new long[k];
            for (int g = 0; g < k; g++)
            {
                var tally = groups[g].Value;
                causeEvents[g] = otherEvents[g] = 0;
                if (position[g] < tally.DistinctTimeCount && tally.Times[position[g]] == time)
                {
                    int i = position[g];
                    leaving[g] = tally.Censored[i];
                    for (int cc = 0; cc < tally.Causes.Count; cc++)
                    {
                        long e = tally.EventsOf(cc)[i];
                        leaving[g] += e;
                        if (cc == causeIndex[g])
                        {
                            causeEvents[g] += e;
                        }
                        else
                        {
                            otherEvents[g] += e;
                        }
                    }

                    position[g]++;
                }

                d1 += causeEvents[g];
                d2 += otherEvents[g];
            }

            if (d1 + d2 > 0)
            {
                double hSum = 0.0, rSum = 0.0;
                for (int g = 0; g < k; g++)
                {
                    survivalNow[g] = survivalBefore[g];
                    h[g] = 0.0;
                    if (atRisk[g] > 0)
                    {
                        double n = atRisk[g];
                        survivalNow[g] = survivalBefore[g] * (n - causeEvents[g] - otherEvents[g]) / n;
                        h[g] = n / survivalBefore[g];
                        hSum += h[g];
                        rSum += h[g] * (1.0 - incidenceBefore[g]);
                    }
                }

                double pooledNow = pooledBefore + (d1 / hSum);
                double w = rho == 0 ? 1.0 : Math.Pow(1.0 - pooledBefore, rho);
                double spread = 1.0 - pooledBefore > 0 ? d1 / (hSum * (1.0 - pooledBefore)) : 0.0;
                for (int i = 0; i < k; i++)
                {
                    for (int j = 0; j < k; j++)
                    {
                        a[i, j] = atRisk[i] > 0 && atRisk[j] > 0 ? w * h[i] * ((i == j ? 1.0 : 0.0) - (h[j] / hSum)) : 0.0;
                        c[i, j] += a[i, j] * spread;
                    }

                    if (atRisk[i] > 0)
                    {
                        score[i] += w * (causeEvents[i] - (d1 * h[i] * (1.0 - incidenceBefore[i]) / rSum));
                    }
                }

                if (d1 > 0)
                {
                    for (int g = 0; g < k; g++)
                    {
                        if (atRisk[g] <= 0)
                        {
                            continue;
                        }

                        double factor = survivalNow[g] > 0 ? 1.0 - ((1.0 - pooledNow) / survivalNow[g]) : 1.0;
                        double ties = d1 > 1 ? 1.0 - ((d1 - 1) / ((hSum * survivalBefore[g]) - 1.0)) : 1.0;
                        double weight = ties * survivalBefore[g] * d1 / (hSum * atRisk[g]);
                        AddVariance(g, factor, weight, a, c, v, v2, v3, g1, k, includeA: true);
                    }
                }

                for (int g = 0; g < k; g++)
                {
                    if (otherEvents[g] <= 0 || survivalNow[g] <= 0)
                    {
                        continue;
                    }

                    double n = atRisk[g], dg = otherEvents[g];
                    double factor = (1.0 - pooledNow) / survivalNow[g];
                    double ties = dg > 1 ? 1.0 - ((dg - 1.0) / (n - 1.0)) : 1.0;
                    double weight = ties * survivalBefore[g] * survivalBefore[g] * dg / (n * n);
                    AddVariance(g, factor, weight, a, c, v, v2, v3, g1, k, includeA: false);
                }

                for (int g = 0; g < k; g++)
                {
                    if (atRisk[g] > 0)
                    {
                        incidenceBefore[g] += survivalBefore[g] * causeEvents[g] / atRisk[g];
                        survivalBefore[g] = survivalNow[g];
                    }
                }

                pooledBefore = pooledNow;
            }

            for (int g = 0; g < k; g++)
            {
                atRisk[g] -= leaving[g];
            }
        }

        int r = k - 1;
        for (int i = 0; i < r; i++)
        {
            for (int j = 0; j < r; j++)
            {
                for (int g = 0; g < k; g++)
                {
                    v[i, j] += (c[i, g] * c[j, g] * v3[g]) + (c[i, g] * v2[j, g]) + (c[j, g] * v2[i, g]);
                }
            }
        }

        var matrix = Matrix<double>.Build.Dense(r, r, (i, j) => v[i, j]);
        var u = Vector<double>.Build.Dense(r, i => score[i]);
        var evd = matrix.Evd(Symmetricity.Symmetric);
        double largest = evd.EigenValues.Max(e => e.Real), smallest = evd.EigenValues.Min(e => e.Real);
        if (!(smallest > largest * 1e-12))
        {
            throw new ArgumentException($"The variance of Gray's score for cause '{cause}' is singular: the test is undefined for these groups.", paramName);
        }

        double chiSquare = Math.Max(0.0, u.DotProduct(evd.Solve(u)));
        double p = chiSquare > 0 ? SpecialFunctions.GammaUpperRegularized(r / 2.0, chiSquare / 2.0) : 1.0;
        return new GrayTestResult<TKey>(cause, groups.Select(pair => pair.Key).ToArray(), score, chiSquare, r, p, rho);
    }

    private static void AddVariance(int g, double factor, double weight, double[,] a, double[,] c, double[,] v, double[,] v2, double[] v3, double[] row, int k,
        bool includeA)
    {
        v3[g] += factor * factor * weight;
        for (int i = 0; i < k - 1; i++)
        {
            row[i] = (includeA ? a[i, g] : 0.0) - (factor * c[i, g]);
            v2[i, g] += row[i] * factor * weight;
            for (int j = 0; j <= i; j++)
            {
                double add = row[i] * row[j] * weight;
                v[i, j] += add;
                if (j != i)
                {
                    v[j, i] += add;
                }
            }
        }
    }
}

/// <summary>
/// Gray's (1988) test that the cumulative incidence of one cause is the same in k groups, accounting for the competing causes (a
/// log-rank test of one cause that censors the others tests the cause-specific hazard instead, a different question). χ² on k − 1
/// degrees of freedom, as R <c>cmprsk::cuminc(ftime, fstatus, group)$Tests</c>.
/// </summary>
/// <typeparam name="TKey">The group key type.</typeparam>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class GrayTestResult<TKey> : ITabularResult
{
    private readonly TKey[] groups;
    private readonly double[] scores;

    internal GrayTestResult(string cause, TKey[] groups, double[] scores, double chiSquare, int degreesOfFreedom, double pValue, double rho)
    {
        Cause = cause;
        this.groups = groups;
        this.scores = scores;
        Groups = Array.AsReadOnly(groups);
        Scores = Array.AsReadOnly(scores);
        ChiSquare = chiSquare;
        DegreesOfFreedom = degreesOfFreedom;
        PValue = pValue;
        Rho = rho;
    }

    /// <summary>The cause whose cumulative incidence is compared.</summary>
    public string Cause { get; }

    /// <summary>The groups, in the order given.</summary>
    public IReadOnlyList<TKey> Groups { get; }

    /// <summary>Gray's score per group (observed minus expected events of the cause under equal subdistribution hazards, weighted); they sum to 0.</summary>
    public IReadOnlyList<double> Scores { get; }

    /// <summary>The χ² statistic.</summary>
    public double ChiSquare { get; }

    /// <summary>k − 1.</summary>
    public int DegreesOfFreedom { get; }

    /// <summary>Upper-tail p-value.</summary>
    public double PValue { get; }

    /// <summary>The weight exponent ρ (weights (1 − F̂⁰(t−))^ρ; 0 by default as cuminc).</summary>
    public double Rho { get; }

    /// <summary>"Gray's test (cause payment) χ² = 3.21 (df 1), p = 0.0731" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Gray's test (cause {Cause}) χ² = {ChiSquare:0.###} (df {DegreesOfFreedom}), p = {PValue:G3}");

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable($"Gray's test, cause {Cause}", "group", "score");
        for (int g = 0; g < groups.Length; g++)
        {
            table.Row(InvariantText.Key(groups[g]), InvariantText.Number(scores[g], "0.###"));
        }

        return table.Note(ToString());
    }
}
