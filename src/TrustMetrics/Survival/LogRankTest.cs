using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace TrustMetrics.Survival;

/// <summary>
/// The k-sample log-rank test (Mantel 1966; Peto &amp; Peto 1972) and its Fleming–Harrington G(ρ, γ) weighted and stratified forms,
/// exactly as R <c>survdiff(rho = ρ)</c> computes them (γ = 0; for γ &gt; 0 the same statistic with the weight Ŝ(t−)^ρ(1 − Ŝ(t−))^γ).
/// </summary>
internal static class LogRankTest
{
    /// <summary>One cell of a stratified comparison: the tally of group <see cref="Group"/> (an index) in stratum <see cref="Stratum"/>.</summary>
    internal readonly record struct Cell(int Stratum, int Group, SurvivalTally Tally);

    /// <summary>The unstratified test across (key, tally) groups; see <see cref="Compute{TKey}(IReadOnlyList{TKey}, IReadOnlyList{Cell}, int, LogRankWeights, string)"/>.</summary>
    /// <exception cref="ArgumentException">Fewer than two groups, an empty group or a repeated key.</exception>
    public static LogRankResult<TKey> Compute<TKey>(IReadOnlyList<KeyValuePair<TKey, SurvivalTally>> groups, string paramName)
        where TKey : notnull => Compute(groups, LogRankWeights.LogRank, paramName);

    /// <summary>The unstratified weighted test across (key, tally) groups.</summary>
    /// <exception cref="ArgumentException">Fewer than two groups, an empty group or a repeated key.</exception>
    public static LogRankResult<TKey> Compute<TKey>(IReadOnlyList<KeyValuePair<TKey, SurvivalTally>> groups, LogRankWeights weights, string paramName)
        where TKey : notnull
    {
        var keys = new TKey[groups.Count];
        var cells = new Cell[groups.Count];
        var seen = new HashSet<TKey>();
        for (int g = 0; g < groups.Count; g++)
        {
            var (key, tally) = groups[g];
            if (key is null)
            {
                throw new ArgumentException($"The key of group {g} is null.", paramName);
            }

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

            keys[g] = key;
            cells[g] = new Cell(0, g, tally);
        }

        return Compute(keys, cells, 1, weights, paramName);
    }

    /// <summary>
    /// The (stratified, weighted) test. Within each stratum, one merge-walk over the cells' distinct exit times: at each time tᵢ with dᵢ
    /// events among nᵢ at risk (nₖᵢ in group k; subjects with entry &lt; tᵢ ≤ exit) and weight wᵢ = Ŝ(tᵢ−)^ρ(1 − Ŝ(tᵢ−))^γ (Ŝ the
    /// Kaplan–Meier curve of the stratum's pooled data, left-continuous, as R's survdiff2.c), the score Uₖ += wᵢ(dₖᵢ − dᵢnₖᵢ/nᵢ) and,
    /// when nᵢ &gt; 1, Vₖₗ += wᵢ²·dᵢ(nᵢ − dᵢ)/(nᵢ − 1)·(nₖᵢ/nᵢ)(δₖₗ − nₗᵢ/nᵢ); U and V add over strata. Groups whose weighted
    /// expected count Σwᵢdᵢnₖᵢ/nᵢ is 0 are left out as R does; the first remaining group is dropped (V of all groups has rank ≤
    /// remaining − 1), and χ² = UᵀV⁻¹U on (remaining − 1) df; when that V is still singular, a generalized inverse on rank(V) df
    /// (<see cref="GeneralizedQuadraticForm"/>). With fewer than two remaining groups (no event while two groups were at risk) the test has
    /// nothing to measure: χ² = 0, df = 0, p = 1 (R: χ² 0, p NA).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two groups.</exception>
    public static LogRankResult<TKey> Compute<TKey>(IReadOnlyList<TKey> keys, IReadOnlyList<Cell> cells, int strata, LogRankWeights weights, string paramName)
        where TKey : notnull
    {
        int k = keys.Count;
        if (k < 2)
        {
            throw new ArgumentException($"The log-rank test compares at least two groups; got {k}.", paramName);
        }

        var count = new long[k];
        var observed = new long[k];
        var expected = new double[k];
        var weightedExpected = new double[k];
        var score = new double[k];
        var covariance = new double[k, k];
        foreach (var stratumCells in cells.GroupBy(c => c.Stratum))
        {
            var members = stratumCells.ToArray();
            foreach (var cell in members)
            {
                count[cell.Group] += cell.Tally.Count;
                observed[cell.Group] += cell.Tally.EventCount;
            }

            AddStratum(members, k, weights, expected, weightedExpected, score, covariance);
        }

        var included = Enumerable.Range(0, k).Where(g => weightedExpected[g] > 0).ToArray();
        double chiSquare = 0.0, pValue = 1.0;
        int r = 0;
        if (included.Length >= 2)
        {
            int m = included.Length - 1;
            var v = Matrix<double>.Build.Dense(m, m, (i, j) => covariance[included[i + 1], included[j + 1]]);
            var u = Vector<double>.Build.Dense(m, i => score[included[i + 1]]);
            (chiSquare, r) = GeneralizedQuadraticForm(v, u);
            pValue = chiSquare > 0 && r > 0 ? SpecialFunctions.GammaUpperRegularized(r / 2.0, chiSquare / 2.0) : 1.0;
        }

        var rows = new LogRankGroup<TKey>[k];
        for (int g = 0; g < k; g++)
        {
            rows[g] = new LogRankGroup<TKey>(keys[g], count[g], observed[g], expected[g], covariance[g, g], score[g]);
        }

        return new LogRankResult<TKey>(rows, chiSquare, r, pValue, weights, strata);
    }

    /// <summary>
    /// χ² = uᵀV⁻u with V⁻ the Moore–Penrose inverse of the symmetric V (from its eigen-decomposition: eigenvalues ≤ 64·m·ε·λ_max
    /// count as 0) and its rank as the degrees of freedom. A non-singular V (every case R's <c>solve</c> accepts) gives uᵀV⁻¹u on m df,
    /// exactly R's statistic; a singular V — groups whose every event fell at a time when all at risk had the event, such as many
    /// one-subject groups churning at the same moment, where R's <c>survdiff</c> stops with "system is exactly singular" — gives the
    /// generalized-inverse score statistic on rank(V) df (u lies in the range of V, its covariance, so the form does not depend on the
    /// choice of inverse; Rao 1973, §3b.3). V = 0 gives χ² = 0 on 0 df.
    /// </summary>
    private static (double ChiSquare, int Rank) GeneralizedQuadraticForm(Matrix<double> v, Vector<double> u)
    {
        var evd = v.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(e => e.Real).ToArray();
        double largest = values.Max();
        if (!(largest > 0))
        {
            return (0.0, 0);
        }

        double tolerance = 64 * values.Length * 2.220446049250313e-16 * largest;
        var projected = evd.EigenVectors.TransposeThisAndMultiply(u);
        double sum = 0.0;
        int rank = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] > tolerance)
            {
                sum += projected[i] * projected[i] / values[i];
                rank++;
            }
        }

        return (Math.Max(0.0, sum), rank);
    }

    private static void AddStratum(Cell[] members, int k, LogRankWeights weights, double[] expected, double[] weightedExpected, double[] score,
        double[,] covariance)
    {
        int c = members.Length;
        var position = new int[c];
        var cursors = new SurvivalTally.RiskCursor[c];
        var atRisk = new long[c];
        var eventsNow = new long[c];
        var share = new double[k];
        var groupRisk = new long[k];
        var groupEvents = new long[k];
        for (int j = 0; j < c; j++)
        {
            cursors[j] = new SurvivalTally.RiskCursor(members[j].Tally);
        }

        bool weighted = weights.Rho != 0 || weights.Gamma != 0;
        double pooledSurvival = 1.0; // Kaplan–Meier of the stratum's pooled data just before the current time
        while (true)
        {
            double time = double.PositiveInfinity;
            for (int j = 0; j < c; j++)
            {
                var times = members[j].Tally.Times;
                if (position[j] < times.Length && times[position[j]] < time)
                {
                    time = times[position[j]];
                }
            }

            if (double.IsPositiveInfinity(time))
            {
                break;
            }

            long n = 0, d = 0;
            Array.Clear(groupRisk);
            Array.Clear(groupEvents);
            for (int j = 0; j < c; j++)
            {
                var tally = members[j].Tally;
                atRisk[j] = cursors[j].AtRisk(time);
                eventsNow[j] = position[j] < tally.DistinctTimeCount && tally.Times[position[j]] == time ? tally.Events[position[j]] : 0;
                n += atRisk[j];
                d += eventsNow[j];
                groupRisk[members[j].Group] += atRisk[j];
                groupEvents[members[j].Group] += eventsNow[j];
            }

            if (d > 0)
            {
                double w = weighted ? Weight(pooledSurvival, weights) : 1.0;
                for (int g = 0; g < k; g++)
                {
                    share[g] = (double)groupRisk[g] / n;
                    double e = d * share[g];
                    expected[g] += e;
                    weightedExpected[g] += w * e;
                    score[g] += w * (groupEvents[g] - e);
                }

                if (n > 1)
                {
                    double factor = w * w * d * (double)(n - d) / (n - 1);
                    for (int g = 0; g < k; g++)
                    {
                        if (share[g] == 0)
                        {
                            continue;
                        }

                        for (int h = 0; h < k; h++)
                        {
                            covariance[g, h] += factor * share[g] * ((g == h ? 1.0 : 0.0) - share[h]);
                        }
                    }
                }

                pooledSurvival *= (double)(n - d) / n;
            }

            for (int j = 0; j < c; j++)
            {
                var tally = members[j].Tally;
                if (position[j] < tally.DistinctTimeCount && tally.Times[position[j]] == time)
                {
                    position[j]++;
                }
            }
        }
    }

    /// <summary>Fleming–Harrington weight S^ρ(1 − S)^γ with 0⁰ = 1 (so G(0, 0) is the log-rank test).</summary>
    private static double Weight(double survival, LogRankWeights weights) =>
        (weights.Rho == 0 ? 1.0 : Math.Pow(survival, weights.Rho)) * (weights.Gamma == 0 ? 1.0 : Math.Pow(1.0 - survival, weights.Gamma));
}
