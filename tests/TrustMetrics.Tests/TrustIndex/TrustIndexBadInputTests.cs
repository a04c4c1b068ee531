using TrustMetrics.Scales;
using TrustMetrics.TrustIndex;

namespace TrustMetrics.Tests.TrustIndex;

/// <summary>Bad input throws naming the argument, the row/item and the value; undefined choices say why.</summary>
public class TrustIndexBadInputTests
{
    private static readonly TrustIndexCalculator Calculator = new();
    private static readonly TrustDimension[] One = [new("t", ["a", "b"])];

    [Fact]
    public void An_answer_off_the_scale_names_row_item_and_value()
    {
        var survey = new TrustSurvey(["a", "b"], [1, 2, 3, 6]);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Calculator.Calculate(survey, new TrustIndexOptions { Dimensions = One }));
        Assert.Equal("survey", e.ParamName);
        Assert.Equal(6.0, e.ActualValue);
        Assert.Contains("row 1", e.Message);
        Assert.Contains("'b'", e.Message);
        Assert.Contains("1–5", e.Message);
        // The same answer is fine on 1–7.
        Calculator.Calculate(survey, new TrustIndexOptions { Dimensions = One, Scale = new RatingScale(1, 7), BootstrapReplicates = 0 });
    }

    [Fact]
    public void Unknown_items_are_named()
    {
        var survey = new TrustSurvey(["a", "b"], [1, 2, 3, 4]);
        var e = Assert.Throws<ArgumentException>(() => Calculator.Calculate(survey, new TrustIndexOptions { Dimensions = [new("t", ["a", "zz"])] }));
        Assert.Contains("'zz'", e.Message);
        Assert.Contains("'t'", e.Message);
        var r = Assert.Throws<ArgumentException>(() => Calculator.Calculate(survey, new TrustIndexOptions { Dimensions = One, ReverseCodedItems = ["q"] }));
        Assert.Contains("'q'", r.Message);
    }

    [Fact]
    public void Survey_shape_errors_are_named()
    {
        Assert.Throws<ArgumentException>(() => new TrustSurvey([], [1.0]));
        Assert.Contains("repeated", Assert.Throws<ArgumentException>(() => new TrustSurvey(["a", "a"], [1.0, 2])).Message);
        Assert.Contains("multiple", Assert.Throws<ArgumentException>(() => new TrustSurvey(["a", "b"], [1.0, 2, 3])).Message);
        Assert.Contains("segments", Assert.Throws<ArgumentException>(() => new TrustSurvey(["a"], [1.0, 2], ["x"])).Message);
        Assert.Contains("outcome", Assert.Throws<ArgumentException>(() => new TrustSurvey(["a"], [1.0, 2], null, [1.0])).Message);
        var inf = Assert.Throws<ArgumentOutOfRangeException>(() => new TrustSurvey(["a", "b"], [1.0, double.PositiveInfinity]));
        Assert.Contains("row 0, item 'b'", inf.Message);
    }

    [Fact]
    public void Empty_and_unscorable_surveys_throw()
    {
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => Calculator.Calculate(new TrustSurvey(["a", "b"], []), new TrustIndexOptions { Dimensions = One })).Message);
        var blank = new TrustSurvey(["a", "b"], [double.NaN, double.NaN]);
        Assert.Contains("none of the 1 respondents", Assert.Throws<ArgumentException>(() => Calculator.Calculate(blank, new TrustIndexOptions { Dimensions = One })).Message);
    }

    [Fact]
    public void Undefined_choices_say_why()
    {
        var survey = new TrustSurvey(["a", "b"], [1, 2, 3, 4, 5, 1]);
        Assert.Contains("at least two", Assert.Throws<ArgumentException>(() =>
            Calculator.Calculate(survey, new TrustIndexOptions { Dimensions = One, Weighting = TrustWeighting.BenefitOfTheDoubt })).Message);
        Assert.Contains("'d2'", Assert.Throws<ArgumentException>(() =>
            Calculator.Calculate(survey, new TrustIndexOptions { Dimensions = [new("d1", ["a"]), new("d2", ["b"])], Weighting = TrustWeighting.User, Weights = new Dictionary<string, double> { ["d1"] = 1 } })).Message);
        var constant = new TrustSurvey(["a", "b"], [1, 2, 1, 4, 1, 1]);
        Assert.Contains("'d1'", Assert.Throws<ArgumentException>(() =>
            Calculator.Calculate(constant, new TrustIndexOptions { Dimensions = [new("d1", ["a"]), new("d2", ["b"])], Weighting = TrustWeighting.Pca })).Message);
    }

    [Fact]
    public void Options_are_validated_by_name()
    {
        var survey = new TrustSurvey(["a", "b"], [1, 2, 3, 4]);
        Assert.Equal("TrustIndexOptions.MinimumAnsweredShare", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Calculator.Calculate(survey, new TrustIndexOptions { Dimensions = One, MinimumAnsweredShare = 0 })).ParamName);
        Assert.Equal("TrustIndexOptions.BootstrapReplicates", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Calculator.Calculate(survey, new TrustIndexOptions { Dimensions = One, BootstrapReplicates = 1 })).ParamName);
        Assert.Equal("TrustIndexOptions.Target", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Calculator.Calculate(survey, new TrustIndexOptions { Dimensions = One, Target = 9 })).ParamName);
        Assert.Equal("TrustIndexOptions.ConfidenceLevel", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Calculator.Calculate(survey, new TrustIndexOptions { Dimensions = One, ConfidenceLevel = 1 })).ParamName);
        Assert.Throws<ArgumentException>(() => Calculator.Calculate(survey, new TrustIndexOptions { Dimensions = [new("t", ["a"]), new("t", ["b"])] }));
        Assert.Throws<ArgumentException>(() => Calculator.Calculate(survey, new TrustIndexOptions { Dimensions = [new("t", [])] }));
    }

    [Fact]
    public void Key_driver_errors_name_the_problem()
    {
        double[] outcome = [1, 2, 3, 4, 5, 6];
        Assert.Contains("'x'", Assert.Throws<ArgumentException>(() =>
            Calculator.KeyDrivers([1, 1, 1, 2, 1, 3, 1, 4, 1, 5, 1, 6], ["x", "y"], outcome, bootstrapReplicates: 0)).Message);
        Assert.Contains("collinear", Assert.Throws<ArgumentException>(() =>
            Calculator.KeyDrivers([1, 2, 2, 4, 3, 6, 4, 8, 5, 10, 6, 12], ["x", "y"], [1, 3, 2, 5, 4, 6], bootstrapReplicates: 0)).Message);
        Assert.Contains("16", Assert.Throws<ArgumentException>(() =>
            Calculator.KeyDrivers(new double[16 * 20], Enumerable.Range(0, 16).Select(i => "x" + i).ToArray(), new double[20], bootstrapReplicates: 0)).Message);
        Assert.Throws<ArgumentException>(() => Calculator.KeyDrivers([1, 2, 3], ["x", "y"], [1, 2], bootstrapReplicates: 0));
        Assert.Contains("outcome[1]", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Calculator.KeyDrivers([1, 2, 3], ["x"], [1, double.NegativeInfinity, 2], bootstrapReplicates: 0)).Message);
    }

    [Fact]
    public void Behavioural_signals_reject_values_off_their_range()
    {
        Assert.Equal("nps", Assert.Throws<ArgumentOutOfRangeException>(() => BehaviouralSignal.Nps(101)).ParamName);
        Assert.Equal("satisfiedShare", Assert.Throws<ArgumentOutOfRangeException>(() => BehaviouralSignal.Csat(73)).ParamName);
        Assert.Equal("meanRating", Assert.Throws<ArgumentOutOfRangeException>(() => BehaviouralSignal.ReviewRating(0)).ParamName);
        Assert.Throws<ArgumentException>(() => BehaviouralSignal.NetSentiment(0, 0));
        Assert.Throws<ArgumentException>(() => BehaviouralSignal.Pillar([]));
    }
}
