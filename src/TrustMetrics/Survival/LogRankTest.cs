using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace TrustMetrics.Survival;

/// <summary>The k-sample log-rank test (Mantel 1966; Peto &amp; Peto 1972) exactly as R <c>survdiff(rho = 0)</c> computes it.</summary>
internal static class LogRankTest
{
    /// <summary>
    /// One merge-walk over the groups' distinct times. At each time tᵢ with dᵢ events among nᵢ at risk (nₖᵢ in group k):
    /// Eₖ += dᵢ·nₖᵢ/nᵢ and, when nᵢ &gt; 1, Vₖₗ += dᵢ(nᵢ − dᵢ)/(nᵢ − 1)·(nₖᵢ/nᵢ)(δₖₗ − nₗᵢ/nᵢ). Groups with Eₖ = 0 are left out
    /// of χ² as R does (they were never at risk at an event time); the first remaining group is dropped to make V invertible.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two groups, an empty group, a repeated key, no event while two groups were at risk, or a singular V.</exception>
    public static LogRankResult<TKey> Compute<TKey>(IReadOnlyList<KeyValuePair<TKey, SurvivalTally>> groups, string paramName)
        where TKey : notnull
    {
        int k = groups.Count;
        if (k < 2)
        {
            throw new ArgumentException($"The log-rank test compares at least two groups; got {k}.", paramName);
        }

        var seen = new HashSet<TKey>();
        for (int g = 0; g < k; g++)
        {
            var (key, tally) = groups[g];
            if (tally is null)
            {
                throw new ArgumentException($"The tally of group '{key}' is null.", paramName);
            }

            if (tally.IsEmpty)
            {
                throw new ArgumentException($"Group '{key}' is empty: every group of a log-rank test needs at least one subject.", paramName);
            }

            if (!seen.Add(key))
            {
                throw new ArgumentException($"Group '{key}' is given more than once.", paramName);
            }
        }

        var position = new int[k];
        var atRisk = new long[k];
        var eventsNow = new long[k];
        var share = new double[k];
        var expected = new double[k];
        var covariance = new double[k, k];
        for (int g = 0; g < k; g++)
        {
            atRisk[g] = groups[g].Value.Count;
        }

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

            long n = 0, d = 0;
            for (int g = 0; g < k; g++)
            {
                var tally = groups[g].Value;
                n += atRisk[g];
                eventsNow[g] = position[g] < tally.DistinctTimeCount && tally.Times[position[g]] == time ? tally.Events[position[g]] : 0;
                d += eventsNow[g];
            }

            if (d > 0)
            {
                for (int g = 0; g < k; g++)
                {
                    share[g] = (double)atRisk[g] / n;
                    expected[g] += d * share[g];
                }

                if (n > 1)
                {
                    double factor = d * (double)(n - d) / (n - 1);
                    for (int g = 0; g < k; g++)
                    {
                        for (int h = 0; h < k; h++)
                        {
                            covariance[g, h] += factor * share[g] * ((g == h ? 1.0 : 0.0) - share[h]);
                        }
                    }
                }
            }

            for (int g = 0; g < k; g++)
            {
                var tally = groups[g].Value;
                if (position[g] < tally.DistinctTimeCount && tally.Times[position[g]] == time)
                {
                    atRisk[g] -= tally.Events[position[g]] + tally.Censored[position[g]];
                    position[g]++;
                }
            }
        }

        var included = Enumerable.Range(0, k).Where(g => expected[g] > 0).ToArray();
        if (included.Length < 2)
        {
            throw new ArgumentException(
                "The log-rank test is undefined here: no event happened while two or more groups had subjects at risk.", paramName);
        }

        int r = included.Length - 1;
        var v = Matrix<double>.Build.Dense(r, r, (i, j) => covariance[included[i + 1], included[j + 1]]);
        var u = Vector<double>.Build.Dense(r, i =>
        {
            int g = included[i + 1];
            return groups[g].Value.EventCount - expected[g];
        });
        var evd = v.Evd(Symmetricity.Symmetric);
        double largest = evd.EigenValues.Max(e => e.Real), smallest = evd.EigenValues.Min(e => e.Real);
        if (!(smallest > largest * 1e-12))
        {
            throw new ArgumentException(
                "The log-rank variance matrix is singular (for example every event time removed all subjects at risk): the test is undefined.",
                paramName);
        }

        double chiSquare = Math.Max(0.0, u.DotProduct(evd.Solve(u)));
        double pValue = chiSquare > 0 ? SpecialFunctions.GammaUpperRegularized(r / 2.0, chiSquare / 2.0) : 1.0;
        var rows = new LogRankGroup<TKey>[k];
        for (int g = 0; g < k; g++)
        {
            var (key, tally) = groups[g];
            rows[g] = new LogRankGroup<TKey>(key, tally.Count, tally.EventCount, expected[g], covariance[g, g]);
        }

        return new LogRankResult<TKey>(rows, chiSquare, r, pValue);
    }
}
