using System.Globalization;
using TrustMetrics.Clv;

namespace TrustMetrics.Tests.Clv;

/// <summary>
/// BG/BB on donations.csv (11,104 donors, n = 6) against ltv-churn.md §6: LT-test = lifetimes @ 4f2833f (Hardie paper / spreadsheet
/// BGBB_2011-01-20.xlsx values), BTYD-vig = BTYD 2.4.3 walkthrough, R-here = the notes' independent R implementation.
/// </summary>
public class BgBbTests
{
    private static readonly Lazy<CompressedHistories> Donations = new(() => CompressedHistories.FromCounts(
        File.ReadLines(ClvData.PathOf("donations.csv")).Skip(1).Select(l => l.Split(','))
            .Select(c => (new PurchaseHistory(long.Parse(c[0], CultureInfo.InvariantCulture), double.Parse(c[1], CultureInfo.InvariantCulture),
                double.Parse(c[2], CultureInfo.InvariantCulture)), long.Parse(c[3], CultureInfo.InvariantCulture)))));

    private static readonly Lazy<ClvFit<BgBbModel>> Fit = new(() => new BgBbFitter().Fit(Donations.Value));

    /// <summary>BTYD-vig's estimates (3 restarts), at which BTYD prints its predictions.</summary>
    private static readonly BgBbModel Btyd = new(new BgBbParameters(1.203528, 0.7497260, 0.6567808, 2.783796));

    [Fact]
    public void Donations_fit_matches_the_paper_btyd_and_r_here()
    {
        var fit = Fit.Value;
        var p = fit.Model.Parameters;
        Assert.Equal(11104, fit.CustomerCount);
        // LT-test (decimal=2) paper values 1.204, 0.750, 0.657, 2.783.
        Assert.Equal((1.20, 0.75, 0.66, 2.78), (Math.Round(p.Alpha, 2), Math.Round(p.Beta, 2), Math.Round(p.Gamma, 2), Math.Round(p.Delta, 2)));
        // R-here: 1.203522921, 0.74971644, 0.6567165688, 2.783432759; LL −33225.5812743 (BTYD −33225.58); SE 0.0693913, 0.0294477, 0.0510095, 0.3208164.
        Approx.Relative(1.203522921, p.Alpha, 1e-5, "alpha");
        Approx.Relative(0.74971644, p.Beta, 1e-5, "beta");
        Approx.Relative(0.6567165688, p.Gamma, 1e-5, "gamma");
        Approx.Relative(2.783432759, p.Delta, 1e-5, "delta");
        Assert.InRange(fit.LogLikelihood, -33225.5812743 - 1e-3, -33225.5812743 + 1e-3);
        Approx.Relative(0.06939129734, fit.Estimates["alpha"].StandardError, 1e-4, "se alpha");
        Approx.Relative(0.02944769414, fit.Estimates["beta"].StandardError, 1e-4, "se beta");
        Approx.Relative(0.05100947415, fit.Estimates["gamma"].StandardError, 1e-4, "se gamma");
        Approx.Relative(0.3208164135, fit.Estimates["delta"].StandardError, 1e-4, "se delta");
        Assert.True(fit.Convergence.Converged, fit.Convergence.Message);
        // R-here: LL at BTYD's parameters −33225.5812755.
        Assert.InRange(Btyd.LogLikelihood(Donations.Value), -33225.5812755 - 1e-4, -33225.5812755 + 1e-4);
    }

    [Fact]
    public void Probability_alive_in_2002_matches_hardies_table_6()
    {
        // LT-test (decimal=2) 0.11, 0.59, 0.93; R-here 0.1081332059, 0.5896574786, 0.9304336673 at the fitted parameters.
        var model = Fit.Value.Model;
        Approx.Absolute(0.1081332059, model.ProbabilityAlive(new PurchaseHistory(0, 0, 6), 1), 1e-6, "(0, 0)");
        Approx.Absolute(0.5896574786, model.ProbabilityAlive(new PurchaseHistory(2, 4, 6), 1), 1e-6, "(2, 4)");
        Approx.Absolute(0.9304336673, model.ProbabilityAlive(new PurchaseHistory(6, 6, 6), 1), 1e-6, "(6, 6)");
    }

    [Fact]
    public void Expected_future_donations_match_hardies_spreadsheet()
    {
        // LT-test: Σ_w E[X(6, 6+5)] = 12884.2 ("Sum of column F Exp Tot"); R-here 12884.16187.
        var model = Fit.Value.Model;
        var data = Donations.Value;
        double total = 0;
        for (int i = 0; i < data.RowCount; i++)
        {
            total += data.Counts[i] * model.ConditionalExpectedPurchases(5, new PurchaseHistory(data.Frequency[i], data.Recency[i], data.T[i]));
        }

        Assert.InRange(total, 12884.16187 - 0.01, 12884.16187 + 0.01);
    }

    [Fact]
    public void Expected_donors_by_count_match_the_spreadsheet()
    {
        // LT-test 3454.9 (x = 0) and 1253.1 (x = 6); R-here for x = 0..6.
        double[] expected = [3454.882538, 1888.653765, 1348.881882, 1113.378328, 1017.922433, 1027.166274, 1253.114781];
        var model = Fit.Value.Model;
        for (int x = 0; x <= 6; x++)
        {
            Approx.Relative(expected[x], 11104 * model.ProbabilityOfPurchases(6, x), 1e-6, $"x = {x}");
        }
    }

    [Fact]
    public void Btyd_walkthrough_predictions_match()
    {
        // BTYD-vig at its own estimates: E[X(10)] = 3.179805 (R-here 3.179805911); E[X(6, 16)] A (0, 0) 0.1302169, B (4, 5) 3.627858.
        Approx.Relative(3.179805911, Btyd.ExpectedPurchases(10), 1e-9, "E[X(10)]");
        Approx.Absolute(0.1302168678, Btyd.ConditionalExpectedPurchases(10, new PurchaseHistory(0, 0, 6)), 1e-9, "A");
        Approx.Relative(3.627858114, Btyd.ConditionalExpectedPurchases(10, new PurchaseHistory(4, 5, 6)), 1e-9, "B");
    }

    [Fact]
    public void Weights_and_exploded_rows_give_the_same_fit()
    {
        // LT-test: weights vs exploded rows give the same parameters (decimal=4); here 1e-6 relative.
        var data = Donations.Value;
        var exploded = Enumerable.Range(0, data.RowCount)
            .SelectMany(i => Enumerable.Repeat(new PurchaseHistory(data.Frequency[i], data.Recency[i], data.T[i]), (int)data.Counts[i])).ToArray();
        var fit = new BgBbFitter().Fit(CompressedHistories.From(exploded));
        Approx.Relative(Fit.Value.Model.Parameters.Alpha, fit.Model.Parameters.Alpha, 1e-6, "alpha");
        Approx.Relative(Fit.Value.Model.Parameters.Delta, fit.Model.Parameters.Delta, 1e-6, "delta");
    }

    [Fact]
    public void Non_discrete_histories_are_rejected_by_row()
    {
        var e = Assert.Throws<ArgumentException>(() => new BgBbFitter().Fit(CompressedHistories.From([new PurchaseHistory(1, 2.5, 6)])));
        Assert.Contains("data[0] = (x 1, t_x 2.5, n 6)", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Btyd.ProbabilityAlive(new PurchaseHistory(3, 2, 6)));
    }
}
