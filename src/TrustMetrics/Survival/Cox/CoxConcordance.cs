using System.Globalization;
using TrustMetrics.Statistics;

namespace TrustMetrics.Survival;

/// <summary>
/// Harrell's concordance of a Cox fit with its standard error, as R <c>concordance(fit)</c> (survival 3.5-3, timewt "n"): over
/// comparable pairs — an event row i and a row j at risk at its time (a row censored at that very time counts as at risk; rows
/// with an event at the same time are tied in time and left out) within a stratum — C = (concordant + tied/2)/(concordant +
/// discordant + tied), concordant when the event row has the higher linear predictor, pairs weighted wᵢwⱼ. The variance is R's
/// infinitesimal jackknife Σ dfbetaᵢ²/4 with dfbetaᵢ = wᵢ·((Cᵢ − Dᵢ)/N − (S/N)·(Cᵢ + Dᵢ + Tᵢ)), Cᵢ, Dᵢ, Tᵢ the weighted
/// concordant, discordant and tied pairs row i belongs to, N the pair total and S = (C − D)/N Somers' d.
/// Counted in O(n log n) with Fenwick trees over the ranks of the linear predictor.
/// </summary>
public sealed class CoxConcordance
{
    internal CoxConcordance(double? value, double? standardError, double concordant, double discordant, double tiedRisk)
    {
        Value = value;
        StandardError = standardError;
        Concordant = concordant;
        Discordant = discordant;
        TiedRisk = tiedRisk;
    }

    /// <summary>Harrell's C in [0, 1]; 0.5 is no discrimination. Null when no pair is comparable.</summary>
    public double? Value { get; }

    /// <summary>Standard error of C (R <c>sqrt(concordance(fit)$var)</c>); null when no pair is comparable.</summary>
    public double? StandardError { get; }

    /// <summary>Weighted number of concordant pairs.</summary>
    public double Concordant { get; }

    /// <summary>Weighted number of discordant pairs.</summary>
    public double Discordant { get; }

    /// <summary>Weighted number of pairs tied on the linear predictor.</summary>
    public double TiedRisk { get; }

    /// <summary>"C = 0.640 (SE 0.0271)" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"C = {Value:0.000} (SE {StandardError:G3})");

    internal static CoxConcordance Compute(CoxData data, double[] eta)
    {
        int n = data.N;
        var cI = new double[n];
        var dI = new double[n];
        var tI = new double[n];
        double concordant = 0, discordant = 0, tied = 0;
        var w = data.Weight;
        for (int s = 0; s < data.StratumCount; s++)
        {
            int b = data.StratumBegin[s], e = data.StratumBegin[s + 1];
            var unique = eta.AsSpan(b, e - b).ToArray().Distinct().Order().ToArray();
            var rank = new int[e - b];
            for (int r = b; r < e; r++) rank[r - b] = Array.BinarySearch(unique, eta[r]) + 1;

            // (a) each event row's own pairs: the rows at risk at its time t (start < t, and stop > t or censored at t).
            var atRisk = new Fenwick(unique.Length);
            int addPtr = e, remPtr = e;
            for (int m = data.SlotBegin[s + 1] - 1; m >= data.SlotBegin[s]; m--)
            {
                double t = data.SlotTime[m];
                while (addPtr > b && (data.Stop[addPtr - 1] > t || (data.Stop[addPtr - 1] == t && data.Event[addPtr - 1] == 0)))
                {
                    addPtr--;
                    atRisk.Add(rank[addPtr - b], w[addPtr]);
                }

                if (data.StartOrder is { } so)
                {
                    while (remPtr > b && data.Start![so[remPtr - 1]] >= t)
                    {
                        remPtr--;
                        atRisk.Add(rank[so[remPtr] - b], -w[so[remPtr]]);
                    }
                }

                double total = atRisk.Total;
                for (int r = data.SlotDeathBegin[m]; r < data.SlotDeathBegin[m] + data.SlotDeathCount[m]; r++)
                {
                    double below = atRisk.Prefix(rank[r - b] - 1);
                    double equal = atRisk.Prefix(rank[r - b]) - below;
                    double above = total - below - equal;
                    cI[r] += below;
                    dI[r] += above;
                    tI[r] += equal;
                    concordant += w[r] * below;
                    discordant += w[r] * above;
                    tied += w[r] * equal;
                }
            }

            // (b) each row's pairs as the at-risk member: the events at times in (start, stop) (or (start, stop] when censored).
            var queries = new List<(double Time, bool Inclusive, int Row, double Sign)>(2 * (e - b));
            for (int r = b; r < e; r++)
            {
                queries.Add((data.Stop[r], data.Event[r] == 0, r, 1));
                if (data.Start is { } st) queries.Add((st[r], true, r, -1));
            }

            queries.Sort((x, y) => x.Time != y.Time ? x.Time.CompareTo(y.Time) : x.Inclusive.CompareTo(y.Inclusive));
            var events = new Fenwick(unique.Length);
            int slot = data.SlotBegin[s], endSlot = data.SlotBegin[s + 1];
            foreach (var (time, inclusive, row, sign) in queries)
            {
                while (slot < endSlot && (data.SlotTime[slot] < time || (inclusive && data.SlotTime[slot] == time)))
                {
                    for (int r = data.SlotDeathBegin[slot]; r < data.SlotDeathBegin[slot] + data.SlotDeathCount[slot]; r++) events.Add(rank[r - b], w[r]);
                    slot++;
                }

                double below = events.Prefix(rank[row - b] - 1);
                double equal = events.Prefix(rank[row - b]) - below;
                double above = events.Total - below - equal;
                cI[row] += sign * above;
                dI[row] += sign * below;
                tI[row] += sign * equal;
            }
        }

        double npair = concordant + discordant + tied;
        if (!(npair > 0))
        {
            return new CoxConcordance(null, null, concordant, discordant, tied);
        }

        double somer = (concordant - discordant) / npair;
        double variance = 0;
        for (int r = 0; r < n; r++)
        {
            double dfbeta = w[r] * (((cI[r] - dI[r]) / npair) - (somer / npair * (cI[r] + dI[r] + tI[r])));
            variance += dfbeta * dfbeta;
        }

        return new CoxConcordance((somer + 1) / 2, Math.Sqrt(variance / 4), concordant, discordant, tied);
    }

    private sealed class Fenwick(int size)
    {
        private readonly double[] tree = new double[size + 1];

        public double Total { get; private set; }

        public void Add(int index, double value)
        {
            Total += value;
            for (int i = index; i < tree.Length; i += i & -i) tree[i] += value;
        }

        public double Prefix(int index)
        {
            double s = 0;
            for (int i = index; i > 0; i -= i & -i) s += tree[i];
            return s;
        }
    }
}
