using TrustMetrics.Clv;

namespace TrustMetrics.Tests.Clv.Covariates;

/// <summary>
/// Coverage of the 90 % holdout-count interval after a BG/NBD fit with one binary covariate: seeded panels simulated with
/// <see cref="CovariateSimulator.BgNbdWithHoldout"/> (FHL 2005's CDNOW estimates as the base at z = 0, γ₁ = 0.7, γ₂ = 0.5; T uniform
/// 27–39 weeks; 39-week holdout), the covariate model refitted on every panel's calibration data, intervals from
/// <see cref="PredictionIntervalCalculator.Compute(CovariateFit, ReadOnlySpan{PurchaseHistory}, CovariateMatrix, double, double, CancellationToken, int?)"/>.
/// </summary>
/// <remarks>The small run is in <c>CovariateIntervalTests</c>; benchmarks/clv/covariate_interval_coverage.cs runs the full one through this file.</remarks>
internal static class CovariateIntervalCoverage
{
    /// <summary>(r, α, a, b, γ₁ "alpha", γ₂ "ab").</summary>
    public static readonly double[] Truth = [0.243, 4.414, 0.793, 2.426, 0.7, 0.5];

    /// <summary>Covered and total holdout counts per channel (index = z), customers with a holdout purchase, and fits that converged.</summary>
    public sealed record Result(long[] Covered, long[] Total, long BuyersCovered, long Buyers, int Converged)
    {
        public double Coverage => (double)Covered.Sum() / Total.Sum();

        public override string ToString() => FormattableString.Invariant(
            $"coverage {Coverage:F4} ({Covered.Sum()}/{Total.Sum()}); channel=web 0: {(double)Covered[0] / Total[0]:F4}, 1: {(double)Covered[1] / Total[1]:F4}; customers with >= 1 holdout purchase {(double)BuyersCovered / Buyers:F4} ({BuyersCovered}/{Buyers}); converged fits {Converged}");
    }

    public static Result Run(int panels, int customers, int seed)
    {
        var covered = new long[2];
        var total = new long[2];
        long buyersCovered = 0, buyers = 0;
        int converged = 0;
        for (int panel = 0; panel < panels; panel++)
        {
            var z = CovariateSimulator.BinaryDesign(customers, seed + panel);
            var (calibration, holdout) = CovariateSimulator.BgNbdWithHoldout(Truth, z, seed + 100_000 + panel, 39, 27, 39);
            var fit = new BgNbdCovariateFitter().Fit(calibration, z);
            converged += fit.Convergence.Converged ? 1 : 0;
            var intervals = new PredictionIntervalCalculator().Compute(fit, calibration, z, 39, 0.9);
            for (int i = 0; i < customers; i++)
            {
                int g = (int)z[i, 0];
                bool inside = holdout[i] >= intervals.PurchasesLower[i] && holdout[i] <= intervals.PurchasesUpper[i];
                covered[g] += inside ? 1 : 0;
                total[g]++;
                if (holdout[i] > 0)
                {
                    buyers++;
                    buyersCovered += inside ? 1 : 0;
                }
            }
        }

        return new Result(covered, total, buyersCovered, buyers, converged);
    }
}
