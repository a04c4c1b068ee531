using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Weighting;
using Xunit;

namespace TrustMetrics.Tests.Weighting;

/// <summary>
/// Raking (docs/weighting.md): weights and standard errors against R 4.2.2 survey 4.1.1 — <c>rake(…, control = list(epsilon =
/// 1e-15, maxit = 1000))</c> then <c>svymean</c> on the raked design and on <c>svydesign(ids = ~1, weights = ~w)</c> for the fixed-weight
/// SE. Script and printed output: Weighting/Data/raking-reference.R and raking-reference.out.
/// </summary>
public class RakingTests
{
    private const double Tolerance = 1e-9;

    internal sealed record Survey(string[][] Levels, int[] Nps, int?[] Csat, int?[] Ces);

    internal static (List<RakingMargin> Margins, Survey Data) Load(string data, string margins, params string[] variables)
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "Weighting", "Data");
        var rows = File.ReadAllLines(Path.Combine(folder, data));
        var header = rows[0].Split(',');
        var body = rows.Skip(1).Select(r => r.Split(',')).ToArray();
        int Col(string name) => Array.IndexOf(header, name);
        int? Score(string cell) => cell.Length == 0 || cell == "NA" ? null : int.Parse(cell, CultureInfo.InvariantCulture);
        var survey = new Survey(
            [.. variables.Select(v => body.Select(r => r[Col(v)]).ToArray())],
            [.. body.Select(r => Score(r[Col("nps")])!.Value)],
            [.. body.Select(r => Score(r[Col("csat")]))],
            [.. body.Select(r => Score(r[Col("ces")]))]);
        var marginRows = File.ReadAllLines(Path.Combine(folder, margins)).Skip(1).Select(r => r.Split(',')).ToArray();
        var list = variables.Select(v => new RakingMargin(v,
            [.. marginRows.Where(r => r[0] == v).Select(r => r[1])],
            [.. marginRows.Where(r => r[0] == v).Select(r => double.Parse(r[2], CultureInfo.InvariantCulture))])).ToList();
        return (list, survey);
    }

    private static (RakedWeights Weights, int[] Scores) RakeAnswered(List<RakingMargin> margins, Survey survey, int?[] scores)
    {
        var keep = Enumerable.Range(0, scores.Length).Where(i => scores[i] is not null).ToArray();
        var levels = survey.Levels.Select(col => (IReadOnlyList<string>)keep.Select(i => col[i]).ToArray()).ToList();
        return (Raking.Rake(margins, levels), [.. keep.Select(i => scores[i]!.Value)]);
    }

    private static void Check(RakedEstimate e, double mean, double rakedSe, double fixedSe)
    {
        Approx.Relative(mean, e.Score.Value, Tolerance, "mean");
        Approx.Relative(rakedSe, e.Score.StandardError, Tolerance, "raked SE");
        Approx.Relative(fixedSe, e.FixedWeightStandardError, Tolerance, "fixed-weight SE");
    }

    [Fact]
    public void Synthetic_three_margins_match_R_survey()
    {
        var (margins, survey) = Load("synthetic-3-margins.csv", "synthetic-margins.csv", "region", "age", "channel");
        var (w, nps) = RakeAnswered(margins, survey, [.. survey.Nps.Select(s => (int?)s)]);
        Assert.True(w.Converged);
        Assert.True(w.MaxMarginError < 1e-12);
        // R survey 4.1.1 (raking-reference.out, "## synthetic nps"): Σw, Σw², Kish n_eff, deff, w[1:5].
        Approx.Relative(3000, w.TotalWeight, 1e-12, "sum w");
        Approx.Relative(1688.7246485815467, w.EffectiveSampleSize, Tolerance, "n_eff");
        Approx.Relative(1.7764885486333524, w.DesignEffect, Tolerance, "deff");
        double[] first = [0.56799164699366478, 1.34394531310486243, 0.61752660754583544, 0.45825998835229192, 1.23614060112088064];
        for (int i = 0; i < first.Length; i++)
        {
            Approx.Relative(first[i], w.Weights[i], Tolerance, $"w[{i}]");
        }

        Check(w.Nps(nps), 7.0947535866719802, 1.8196178629293001, 1.9104578122172406);
        var (wc, csat) = RakeAnswered(margins, survey, survey.Csat);
        Check(wc.TopBox(csat, 4), 65.92349619741816, 1.1378368441763358, 1.1634365833021889);
        Check(wc.Mean([.. csat.Select(s => (double)s)]), 3.852907102701145, 0.024169849481058287, 0.0247793092978216);
        var (we, ces) = RakeAnswered(margins, survey, survey.Ces);
        Check(we.TopBox(ces, 5), 60.700959237875281, 1.1693848517217464, 1.2094995814574396);
        Check(we.Mean([.. ces.Select(s => (double)s)]), 4.8886413239130677, 0.03256160445901083, 0.033696554180395348);
    }

    [Fact]
    public void Sample_company_segment_by_channel_matches_R_survey()
    {
        var (margins, survey) = Load("sample-survey.csv", "sample-margins.csv", "segment", "channel");
        var (w, nps) = RakeAnswered(margins, survey, [.. survey.Nps.Select(s => (int?)s)]);
        Assert.True(w.Converged);
        // R survey 4.1.1 (raking-reference.out, "## sample nps").
        Approx.Relative(3708.4014582753293, w.EffectiveSampleSize, Tolerance, "n_eff");
        Approx.Relative(1.36083793791539120, w.Weights[0], Tolerance, "w[0]");
        Approx.Relative(0.96287506134970313, w.Weights[1], Tolerance, "w[1]");
        Check(w.Nps(nps), 14.060618633841395, 1.2942402280005789, 1.3046952513634427);
        var (wc, csat) = RakeAnswered(margins, survey, survey.Csat);
        Approx.Relative(3639.8381038672392, wc.EffectiveSampleSize, Tolerance, "n_eff csat");
        Check(wc.TopBox(csat, 4), 73.834252987254715, 0.72096335709105608, 0.72327355348519629);
        Check(wc.Mean([.. csat.Select(s => (double)s)]), 3.9210469718194703, 0.01841585626481345, 0.018541010206837932);
        var (we, ces) = RakeAnswered(margins, survey, survey.Ces);
        Check(we.TopBox(ces, 5), 63.79288244579724, 0.77780235258176489, 0.79350656541713382);
        Check(we.Mean([.. ces.Select(s => (double)s)]), 4.8345802692211208, 0.026912117452101071, 0.027695415802936049);
    }
}
