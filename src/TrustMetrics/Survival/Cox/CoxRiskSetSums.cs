using System.Runtime.CompilerServices;
using System.Globalization;
using TrustMetrics.Serialization;

namespace TrustMetrics.Survival;

/// <summary>
/// A shard's contribution to the Cox partial likelihood at one β: per stratum and per distinct time t of its rows the net
/// risk-set increments ν(t) = Σ_{stop = t} − Σ_{start = t} of r = w·exp(η − shift), r·x and r·xxᵀ, and the tied events' own
/// sums at t. Risk sets of the pooled data are suffix sums of the merged increments, S(t) = Σ_{u ≥ t} ν(u), so merging the shards'
/// sums and sweeping once gives exactly the pooled log-likelihood, score and information — Efron's tie correction included,
/// because it is applied to the pooled S and D at each event time by the driver, never per shard. Merge adds entries of equal
/// (stratum, time) after rescaling both sides to the larger shift; sums at a different β, centre or terms are refused.
/// The state travels as versioned JSON. Immutable.
/// </summary>
public sealed class CoxRiskSetSums : IAccumulator<CoxRiskSetSums>
{
    private readonly CoxRiskSetSumsState state;

    private CoxRiskSetSums(CoxRiskSetSumsState state) => this.state = state;

    internal CoxRiskSetSumsState State => state;

    /// <summary>Rows summed.</summary>
    public long RowCount => state.Rows;

    /// <summary>Events summed.</summary>
    public long EventCount => state.Events;

    /// <summary>The β the sums were computed at.</summary>
    public IReadOnlyList<double> Beta => Array.AsReadOnly(state.Beta);

    /// <summary>The sums of both shards (same terms, β and centre).</summary>
    /// <param name="other">Sums of another shard at the same β.</param>
    /// <exception cref="ArgumentException">The terms, β or centre differ; the message names the setting.</exception>
    public CoxRiskSetSums Merge(CoxRiskSetSums other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var a = state;
        var b = other.state;
        if (!a.Terms.SequenceEqual(b.Terms, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Cannot merge risk-set sums of terms ({string.Join(", ", a.Terms)}) and ({string.Join(", ", b.Terms)}).", nameof(other));
        }

        if (!a.Beta.SequenceEqual(b.Beta) || !a.Center.SequenceEqual(b.Center))
        {
            throw new ArgumentException("Cannot merge risk-set sums computed at different β or centres; every shard must be asked at the same β.", nameof(other));
        }

        int p = a.Terms.Length, tri = p * (p + 1) / 2;
        double shift = Math.Max(a.Shift, b.Shift);
        double fa = Math.Exp(a.Shift - shift), fb = Math.Exp(b.Shift - shift);
        var strata = new List<int>();
        var times = new List<double>();
        var s0 = new List<double>();
        var s1 = new List<double>();
        var s2 = new List<double>();
        var deaths = new List<long>();
        var dw = new List<double>();
        var d0 = new List<double>();
        var d1 = new List<double>();
        var d2 = new List<double>();
        int i = 0, j = 0;
        while (i < a.Times.Length || j < b.Times.Length)
        {
            int cmp = i >= a.Times.Length ? 1 : j >= b.Times.Length ? -1
                : a.Strata[i] != b.Strata[j] ? a.Strata[i].CompareTo(b.Strata[j]) : a.Times[i].CompareTo(b.Times[j]);
            strata.Add(cmp <= 0 ? a.Strata[i] : b.Strata[j]);
            times.Add(cmp <= 0 ? a.Times[i] : b.Times[j]);
            double e0 = 0, ed0 = 0, ew = 0;
            long ed = 0;
            var e1 = new double[p];
            var ee1 = new double[p];
            var e2 = new double[tri];
            var ee2 = new double[tri];
            void Take(CoxRiskSetSumsState s, int k, double f)
            {
                e0 += f * s.NetS0[k];
                ed0 += f * s.D0[k];
                ew += s.DeathWeight[k];
                ed += s.Deaths[k];
                for (int q = 0; q < p; q++)
                {
                    e1[q] += f * s.NetS1[(k * p) + q];
                    ee1[q] += f * s.D1[(k * p) + q];
                }

                for (int q = 0; q < tri; q++)
                {
                    e2[q] += f * s.NetS2[(k * tri) + q];
                    ee2[q] += f * s.D2[(k * tri) + q];
                }
            }

            if (cmp <= 0) Take(a, i++, fa);
            if (cmp >= 0) Take(b, j++, fb);
            s0.Add(e0);
            s1.AddRange(e1);
            s2.AddRange(e2);
            deaths.Add(ed);
            dw.Add(ew);
            d0.Add(ed0);
            d1.AddRange(ee1);
            d2.AddRange(ee2);
        }

        var wx = new double[p];
        var ex = new double[p];
        for (int q = 0; q < p; q++)
        {
            wx[q] = a.WeightedCovariateSum[q] + b.WeightedCovariateSum[q];
            ex[q] = a.EventWeightedCovariates[q] + b.EventWeightedCovariates[q];
        }

        return new CoxRiskSetSums(new CoxRiskSetSumsState(CoxRiskSetSumsState.CurrentVersion, a.Terms, a.Beta, a.Center, shift, a.Rows + b.Rows,
            a.Events + b.Events, a.WeightSum + b.WeightSum, wx, a.EventWeightedEta + b.EventWeightedEta, ex, [.. strata], [.. times], [.. s0], [.. s1], [.. s2],
            [.. deaths], [.. dw], [.. d0], [.. d1], [.. d2]));
    }

    /// <summary>The versioned state as compact JSON.</summary>
    public string ToJson() => AccumulatorJson.Serialize(state);

    /// <summary>Reads and validates sums written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON document.</param>
    /// <exception cref="ArgumentException">The JSON is malformed, of an unknown version, or an array has the wrong length or an invalid value; the message names the field.</exception>
    public static CoxRiskSetSums FromJson(string json) => FromState(AccumulatorJson.Deserialize<CoxRiskSetSumsState>(json));

    internal static CoxRiskSetSums FromState(CoxRiskSetSumsState s)
    {
        ArgumentNullException.ThrowIfNull(s);
        const string type = nameof(CoxRiskSetSumsState);
        StateGuard.Version(s.Version, CoxRiskSetSumsState.CurrentVersion, type);
        var terms = StateGuard.Required(s.Terms, type, nameof(s.Terms));
        int p = terms.Length, tri = p * (p + 1) / 2;
        if (p == 0) throw StateGuard.Invalid(type, nameof(s.Terms), "there must be at least one term.");
        var beta = StateGuard.Required(s.Beta, type, nameof(s.Beta));
        var center = StateGuard.Required(s.Center, type, nameof(s.Center));
        StateGuard.SameLength(p, beta.Length, type, nameof(s.Terms), nameof(s.Beta));
        StateGuard.SameLength(p, center.Length, type, nameof(s.Terms), nameof(s.Center));
        int m = StateGuard.Required(s.Times, type, nameof(s.Times)).Length;
        StateGuard.SameLength(m, StateGuard.Required(s.Strata, type, nameof(s.Strata)).Length, type, nameof(s.Times), nameof(s.Strata));
        StateGuard.SameLength(m, StateGuard.Required(s.NetS0, type, nameof(s.NetS0)).Length, type, nameof(s.Times), nameof(s.NetS0));
        StateGuard.SameLength(m * p, StateGuard.Required(s.NetS1, type, nameof(s.NetS1)).Length, type, nameof(s.Times), nameof(s.NetS1));
        StateGuard.SameLength(m * tri, StateGuard.Required(s.NetS2, type, nameof(s.NetS2)).Length, type, nameof(s.Times), nameof(s.NetS2));
        StateGuard.SameLength(m, StateGuard.Required(s.Deaths, type, nameof(s.Deaths)).Length, type, nameof(s.Times), nameof(s.Deaths));
        StateGuard.SameLength(m, StateGuard.Required(s.DeathWeight, type, nameof(s.DeathWeight)).Length, type, nameof(s.Times), nameof(s.DeathWeight));
        StateGuard.SameLength(m, StateGuard.Required(s.D0, type, nameof(s.D0)).Length, type, nameof(s.Times), nameof(s.D0));
        StateGuard.SameLength(m * p, StateGuard.Required(s.D1, type, nameof(s.D1)).Length, type, nameof(s.Times), nameof(s.D1));
        StateGuard.SameLength(m * tri, StateGuard.Required(s.D2, type, nameof(s.D2)).Length, type, nameof(s.Times), nameof(s.D2));
        StateGuard.SameLength(p, StateGuard.Required(s.WeightedCovariateSum, type, nameof(s.WeightedCovariateSum)).Length, type, nameof(s.Terms), nameof(s.WeightedCovariateSum));
        StateGuard.SameLength(p, StateGuard.Required(s.EventWeightedCovariates, type, nameof(s.EventWeightedCovariates)).Length, type, nameof(s.Terms), nameof(s.EventWeightedCovariates));
        Finite(s.Shift, nameof(s.Shift));
        Finite(s.WeightSum, nameof(s.WeightSum));
        Finite(s.EventWeightedEta, nameof(s.EventWeightedEta));
        foreach (var (name, values) in new[] { (nameof(s.Beta), beta), (nameof(s.Center), center), (nameof(s.NetS0), s.NetS0), (nameof(s.NetS1), s.NetS1),
            (nameof(s.NetS2), s.NetS2), (nameof(s.DeathWeight), s.DeathWeight), (nameof(s.D0), s.D0), (nameof(s.D1), s.D1), (nameof(s.D2), s.D2),
            (nameof(s.WeightedCovariateSum), s.WeightedCovariateSum), (nameof(s.EventWeightedCovariates), s.EventWeightedCovariates), (nameof(s.Times), s.Times) })
        {
            for (int i = 0; i < values.Length; i++) Finite(values[i], $"{name}[{i}]");
        }

        if (s.Rows < 0) throw StateGuard.Invalid(type, nameof(s.Rows), $"{s.Rows} is negative.");
        if (s.Events < 0) throw StateGuard.Invalid(type, nameof(s.Events), $"{s.Events} is negative.");
        for (int i = 0; i < m; i++)
        {
            if (s.Deaths[i] < 0) throw StateGuard.Invalid(type, $"{nameof(s.Deaths)}[{i}]", $"{s.Deaths[i]} is negative.");
            if (i > 0 && (s.Strata[i] < s.Strata[i - 1] || (s.Strata[i] == s.Strata[i - 1] && !(s.Times[i] > s.Times[i - 1]))))
            {
                throw StateGuard.Invalid(type, $"{nameof(s.Times)}[{i}]", "entries must be strictly increasing by (stratum, time).");
            }
        }

        return new CoxRiskSetSums(s with { });

        static void Finite(double v, string field)
        {
            if (!double.IsFinite(v)) throw StateGuard.Invalid(type, field, $"{Guard.Format(v)} is not a finite number.");
        }
    }

    /// <summary>The sums of one shard's rows at β (centred by <paramref name="center"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static CoxRiskSetSums Compute(CoxData data, double[] beta, double[] center)
    {
        int n = data.N, p = data.P, tri = p * (p + 1) / 2;
        var delta = new double[p];
        for (int j = 0; j < p; j++) delta[j] = data.Center[j] - center[j];
        var eta = new double[n];
        double shift = double.NegativeInfinity;
        for (int r = 0; r < n; r++)
        {
            double e = data.Offset[r];
            for (int j = 0; j < p; j++) e += (data.X[(r * p) + j] + delta[j]) * beta[j];
            eta[r] = e;
            shift = Math.Max(shift, e);
        }

        var entries = new SortedDictionary<(int Stratum, double Time), int>();
        int Entry(int stratum, double time)
        {
            if (!entries.TryGetValue((stratum, time), out int k))
            {
                k = entries.Count;
                entries.Add((stratum, time), k);
            }

            return k;
        }

        var rowStop = new int[n];
        var rowStart = new int[n];
        for (int r = 0; r < n; r++)
        {
            int code = data.StratumCodes[data.RowStratum[r]];
            rowStop[r] = Entry(code, data.Stop[r] + 0.0);
            rowStart[r] = data.Start is null ? -1 : Entry(code, data.Start[r] + 0.0);
        }

        int m = entries.Count;
        var rank = new int[m];
        int next = 0;
        foreach (var k in entries.Values) rank[k] = next++;
        var keys = entries.Keys.ToArray();
        var s0 = new double[m];
        var s1 = new double[m * p];
        var s2 = new double[m * tri];
        var deaths = new long[m];
        var dw = new double[m];
        var d0 = new double[m];
        var d1 = new double[m * p];
        var d2 = new double[m * tri];
        var x = new double[p];
        var wx = new double[p];
        var ex = new double[p];
        double wsum = 0, eventEta = 0;
        for (int r = 0; r < n; r++)
        {
            double w = data.Weight[r];
            double rr = w * Math.Exp(eta[r] - shift);
            for (int j = 0; j < p; j++)
            {
                x[j] = data.X[(r * p) + j] + delta[j];
                wx[j] += w * x[j];
            }

            wsum += w;
            Add(rank[rowStop[r]], rr, +1, s0, s1, s2);
            if (rowStart[r] >= 0) Add(rank[rowStart[r]], rr, -1, s0, s1, s2);
            if (data.Event[r] != 0)
            {
                int k = rank[rowStop[r]];
                deaths[k]++;
                dw[k] += w;
                Add(k, rr, +1, d0, d1, d2);
                eventEta += w * eta[r];
                for (int j = 0; j < p; j++) ex[j] += w * x[j];
            }
        }

        void Add(int k, double rr, double sign, double[] a0, double[] a1, double[] a2)
        {
            a0[k] += sign * rr;
            for (int j = 0, q = 0; j < p; j++)
            {
                a1[(k * p) + j] += sign * rr * x[j];
                for (int l = j; l < p; l++, q++) a2[(k * tri) + q] += sign * rr * x[j] * x[l];
            }
        }

        return new CoxRiskSetSums(new CoxRiskSetSumsState(CoxRiskSetSumsState.CurrentVersion, [.. data.CovariateNames], (double[])beta.Clone(), (double[])center.Clone(),
            double.IsFinite(shift) ? shift : 0, n, data.EventCount, wsum, wx, eventEta, ex, keys.Select(k => k.Stratum).ToArray(), keys.Select(k => k.Time).ToArray(),
            s0, s1, s2, deaths, dw, d0, d1, d2));
    }

    /// <summary>The pooled log partial likelihood, score and information from merged sums (R agfit4's accumulation on the pooled S, D).</summary>
    internal CoxEvaluation Evaluate(bool efron)
    {
        var s = state;
        int p = s.Terms.Length, tri = p * (p + 1) / 2, m = s.Times.Length;
        var result = new CoxEvaluation(p);
        double ll = s.EventWeightedEta;
        double eventWeight = 0;
        for (int k = 0; k < m; k++) eventWeight += s.DeathWeight[k];
        ll -= s.Shift * eventWeight;
        Array.Copy(s.EventWeightedCovariates, result.U, p);
        var info = new double[tri];
        var c0 = 0.0;
        var c1 = new double[p];
        var c2 = new double[tri];
        var mean = new double[p];
        for (int k = m - 1; k >= 0; k--)
        {
            if (k == m - 1 || s.Strata[k] != s.Strata[k + 1])
            {
                c0 = 0;
                Array.Clear(c1);
                Array.Clear(c2);
            }

            c0 += s.NetS0[k];
            for (int j = 0; j < p; j++) c1[j] += s.NetS1[(k * p) + j];
            for (int q = 0; q < tri; q++) c2[q] += s.NetS2[(k * tri) + q];
            long d = s.Deaths[k];
            if (d == 0) continue;
            int steps = efron ? (int)d : 1;
            double meanwt = s.DeathWeight[k] / steps;
            for (int step = 0; step < steps; step++)
            {
                double a = efron ? (double)step / d : 0;
                double den = c0 - (a * s.D0[k]);
                ll -= meanwt * Math.Log(den);
                for (int j = 0; j < p; j++)
                {
                    mean[j] = (c1[j] - (a * s.D1[(k * p) + j])) / den;
                    result.U[j] -= meanwt * mean[j];
                }

                for (int j = 0, q = 0; j < p; j++)
                {
                    for (int l = j; l < p; l++, q++)
                    {
                        info[q] += meanwt * (((c2[q] - (a * s.D2[(k * tri) + q])) / den) - (mean[j] * mean[l]));
                    }
                }
            }
        }

        result.LogLikelihood = ll;
        for (int j = 0, q = 0; j < p; j++)
        {
            for (int l = j; l < p; l++, q++)
            {
                result.I[(j * p) + l] = info[q];
                result.I[(l * p) + j] = info[q];
            }
        }

        return result;
    }

    /// <summary>"CoxRiskSetSums(432 rows, 114 events, 49 times)" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"CoxRiskSetSums({state.Rows} rows, {state.Events} events, {state.Times.Length} times)");
}
