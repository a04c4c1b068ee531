using TrustMetrics.Survival;
using Xunit;

namespace TrustMetrics.Tests.Survival.Cox;

/// <summary>
/// The reader's route into <see cref="CoxData"/> (<c>CoxData.OrderRows</c>, then the covariates written straight into their
/// sorted rows and <c>CoxData.CreateSorted</c>, as <c>trustmetrics cox</c> reads a large file) must build exactly the layout of
/// <see cref="CoxData.Create"/>, bit for bit: the reference here is <see cref="CoxData.Create"/> itself (checked against R
/// survival 3.5-3 in CoxRegressionReferenceTests), so every array and the fit must agree to the last bit.
/// </summary>
public sealed class CoxSortedLayoutTests
{
    private static readonly string[] Names = ["plan", "tenure", "score", "spend"];

    private static (double[][] Columns, double[] Stop, bool[] Events, double[]? Start, double[]? Weights) Simulate(int n, bool withStart, bool withWeights, int seed)
    {
        var random = new Random(seed);
        var columns = Names.Select(_ => new double[n]).ToArray();
        var stop = new double[n];
        var events = new bool[n];
        double[]? start = withStart ? new double[n] : null;
        double[]? weights = withWeights ? new double[n] : null;
        for (int i = 0; i < n; i++)
        {
            columns[0][i] = random.Next(2);
            columns[1][i] = Math.Round(random.NextDouble() * 10, 1); // ties in a covariate
            columns[2][i] = (random.NextDouble() * 2) - 1;
            columns[3][i] = 1000 + (random.NextDouble() * 1e-3); // a large mean: centring matters
            stop[i] = 1 + random.Next(60); // day-valued times: many ties
            events[i] = random.NextDouble() < 0.7;
            if (start is not null) start[i] = random.NextDouble() < 0.4 ? stop[i] - 1 - random.Next((int)stop[i]) : (random.NextDouble() < 0.5 ? -0.0 : -5);
            if (weights is not null) weights[i] = random.NextDouble() < 0.5 ? 1 + random.Next(3) : 0.25 + random.NextDouble();
        }

        return (columns, stop, events, start, weights);
    }

    private static CoxData Placed(double[][] columns, double[] stop, bool[] events, double[]? start, double[]? weights)
    {
        var order = CoxData.OrderRows(stop, events, start, weights);
        int n = stop.Length, p = columns.Length;
        var x = new double[n * p];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++) x[(order.Position[i] * p) + j] = columns[j][i];
        }

        return CoxData.CreateSorted(Names, order, x);
    }

    private static void SameBits(IReadOnlyList<double>? expected, IReadOnlyList<double>? actual, string what)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is null || actual is null) return;
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]), $"{what}[{i}]: {expected[i]:R} vs {actual[i]:R}");
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Rows_placed_by_a_reader_give_the_layout_and_fit_of_Create_bit_for_bit(bool withStart, bool withWeights)
    {
        var (columns, stop, events, start, weights) = Simulate(3000, withStart, withWeights, 20261206);
        var expected = CoxData.Create(Names, columns, stop, events, start, weights);
        var actual = Placed(columns, stop, events, start, weights);

        SameBits(expected.X, actual.X, "X");
        SameBits(expected.Center, actual.Center, "Center");
        SameBits(expected.Stop, actual.Stop, "Stop");
        SameBits(expected.Start, actual.Start, "Start");
        SameBits(expected.Weight, actual.Weight, "Weight");
        SameBits(expected.Offset, actual.Offset, "Offset");
        SameBits(expected.SlotTime, actual.SlotTime, "SlotTime");
        SameBits(expected.SlotDeathWeight, actual.SlotDeathWeight, "SlotDeathWeight");
        Assert.Equal(expected.Event, actual.Event);
        Assert.Equal(expected.Original, actual.Original);
        Assert.Equal(expected.Hi, actual.Hi);
        Assert.Equal(expected.Lo, actual.Lo);
        Assert.Equal(expected.StartOrder, actual.StartOrder);
        Assert.Equal(expected.DeathSlot, actual.DeathSlot);
        Assert.Equal(expected.RowStratum, actual.RowStratum);
        Assert.Equal(expected.SlotBegin, actual.SlotBegin);
        Assert.Equal(expected.SlotDeathBegin, actual.SlotDeathBegin);
        Assert.Equal(expected.SlotDeathCount, actual.SlotDeathCount);
        Assert.Equal(expected.StratumBegin, actual.StratumBegin);
        Assert.Equal(expected.EventCount, actual.EventCount);
        Assert.Equal(expected.HasWeights, actual.HasWeights);
        Assert.Equal(expected.HasNonIntegerWeights, actual.HasNonIntegerWeights);
        Assert.Equal(expected.ToString(), actual.ToString());

        var cox = new CoxRegression();
        var a = cox.Fit(expected);
        var b = cox.Fit(actual);
        SameBits(a.Coefficients.Select(c => c.Coefficient).ToArray(), b.Coefficients.Select(c => c.Coefficient).ToArray(), "coef");
        SameBits(a.Coefficients.Select(c => c.StandardError).ToArray(), b.Coefficients.Select(c => c.StandardError).ToArray(), "se");
        SameBits([a.LogLikelihood], [b.LogLikelihood], "loglik");
    }

    [Fact]
    public void Bad_rows_are_refused_as_Create_refuses_them()
    {
        var (columns, stop, events, start, weights) = Simulate(50, true, true, 7);
        foreach (var (mutate, parameter) in new (Action, string)[]
        {
            (() => stop[3] = double.NaN, "stop"),
            (() => start![4] = stop[4], "start"),
            (() => weights![5] = -1, "weights"),
            (() => weights![6] = double.PositiveInfinity, "weights"),
        })
        {
            var saved = ((double[])stop.Clone(), (double[])start!.Clone(), (double[])weights!.Clone());
            mutate();
            var expected = Assert.ThrowsAny<ArgumentException>(() => CoxData.Create(Names, columns, stop, events, start, weights));
            var actual = Assert.ThrowsAny<ArgumentException>(() => CoxData.OrderRows(stop, events, start, weights));
            Assert.Equal(expected.GetType(), actual.GetType());
            Assert.Equal(expected.Message, actual.Message);
            Assert.Equal(parameter, actual.ParamName);
            (stop, start, weights) = saved;
        }

        // A non-finite covariate written into the placed matrix is refused too, naming the caller's row.
        var order = CoxData.OrderRows(stop, events, start, weights);
        var x = new double[stop.Length * Names.Length];
        x[(order.Position[9] * Names.Length) + 2] = double.NegativeInfinity;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CoxData.CreateSorted(Names, order, x));
        Assert.Contains("Row 9, covariate 'score'", error.Message);
        Assert.Throws<ArgumentException>(() => CoxData.CreateSorted(Names, order, new double[3]));
    }
}
