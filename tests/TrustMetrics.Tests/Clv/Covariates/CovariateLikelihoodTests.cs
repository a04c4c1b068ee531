using TrustMetrics.Clv;
using TrustMetrics.Statistics;

namespace TrustMetrics.Tests.Clv.Covariates;

/// <summary>
/// The covariate log-likelihood against an independent mpmath implementation from the papers (Data/covariate_likelihood_reference.py
/// and .txt: BG/NBD by Fader, Hardie &amp; Lee 2005 eq. 6, Pareto/NBD by note 009's integral form with mpmath.quad, CLVTools'
/// covariate links), its exact derivatives against finite differences, and the all-zero-z reduction to the plain model.
/// </summary>
public class CovariateLikelihoodTests
{
    // Rows (x, t_x, T, z1, z2) printed by covariate_likelihood_reference.py.
    private static readonly (long X, double Tx, double T, double Z1, double Z2)[] Rows =
    [
        (0, 0.0, 20.0, 1.0, -1.0),
        (5, 10.08, 27.25, 0.0, 0.625),
        (10, 25.53, 34.5, 0.0, 0.125),
        (4, 2.5, 22.75, 1.0, -0.375),
        (9, 13.92, 29.0, 0.0, -0.875),
        (3, 30.81, 36.25, 0.0, 0.75),
        (0, 0.0, 24.5, 1.0, 0.25),
        (2, 18.73, 31.75, 0.0, -0.25),
        (7, 36.48, 38.0, 0.0, -0.75),
        (1, 26.25, 26.25, 1.0, 0.875),
        (6, 23.45, 33.5, 0.0, 0.375),
        (0, 0.0, 21.75, 0.0, -0.125),
        (0, 0.0, 28.0, 1.0, -0.625),
        (10, 28.55, 35.25, 0.0, 1.0),
        (4, 4.23, 23.5, 0.0, 0.5),
        (9, 16.91, 30.75, 1.0, 0.0),
        (3, 34.04, 37.0, 0.0, -0.5),
        (8, 7.32, 25.25, 0.0, -1.0),
        (0, 0.0, 32.5, 1.0, 0.625),
        (7, 0.62, 20.75, 0.0, 0.125),
        (1, 10.8, 27.0, 0.0, -0.375),
        (6, 26.37, 34.25, 1.0, -0.875),
        (0, 0.0, 22.5, 0.0, 0.75),
        (5, 15.17, 29.75, 0.0, 0.25),
        (0, 0.0, 36.0, 1.0, -0.25),
        (4, 6.06, 24.25, 0.0, -0.75),
        (9, 19.53, 31.5, 0.0, 0.875),
        (3, 38.75, 38.75, 1.0, 0.375),
        (8, 9.36, 26.0, 0.0, -0.125),
        (2, 24.27, 33.25, 0.0, -0.625),
        (0, 0.0, 21.5, 1.0, 1.0),
        (1, 13.51, 28.75, 0.0, 0.5),
        (6, 29.4, 35.0, 0.0, 0.0),
        (0, 0.0, 23.25, 1.0, -0.5),
        (5, 17.69, 30.5, 0.0, -1.0),
        (10, 35.86, 37.75, 0.0, 0.625),
        (0, 0.0, 25.0, 1.0, 0.125),
        (9, 22.25, 32.25, 0.0, -0.375),
        (3, 1.23, 20.5, 0.0, -0.875),
        (8, 11.93, 27.75, 1.0, 0.75),
    ];

    internal static (PurchaseHistory[] Histories, CovariateMatrix Z) Data()
    {
        var z = new double[Rows.Length, 2];
        var h = new PurchaseHistory[Rows.Length];
        for (int i = 0; i < Rows.Length; i++)
        {
            h[i] = new PurchaseHistory(Rows[i].X, Rows[i].Tx, Rows[i].T);
            z[i, 0] = Rows[i].Z1;
            z[i, 1] = Rows[i].Z2;
        }

        return (h, new CovariateMatrix(["z1", "z2"], z));
    }

    private static double[] Theta(double[] natural, double g10, double g11, double g20, double g21) =>
        [Math.Log(natural[0]), Math.Log(natural[1]), Math.Log(natural[2]), Math.Log(natural[3]), g10, g11, g20, g21];

    [Theory]
    // Expected totals: mpmath 1.2.1 at 50 digits (covariate_likelihood_reference.txt).
    [InlineData(0, 0.8, 3.5, 0.6, 2.4, 0.4, -0.3, -0.5, 0.2, -444.1120692269522443235199)]
    [InlineData(0, 0.25, 4.4, 0.79, 2.43, 0.0, 0.0, 0.0, 0.0, -468.858205111173140276573)]
    [InlineData(1, 0.55, 10.5, 0.6, 12.0, 0.3, -0.2, 0.5, 0.25, -475.9885896448478286493375)]
    [InlineData(1, 0.55, 2.0, 0.6, 400.0, 0.3, -0.2, 0.5, 0.25, -462.7684207873650621184995)]
    public void LogLikelihoodEqualsTheIndependentMpmathImplementation(int kind, double r, double alpha, double third, double fourth,
        double g10, double g11, double g20, double g21, double expected)
    {
        var (h, z) = Data();
        var likelihood = new CovariateLikelihood((CovariateModelKind)kind, h, z);
        var theta = Theta([r, alpha, third, fourth], g10, g11, g20, g21);
        Approx.Relative(expected, likelihood.LogLikelihood(theta, ParallelWork.Serial), 1e-12, "LL vs mpmath");
        // The Dual2 path (gradient and Hessian) carries the same value.
        var g = new double[8];
        var hessian = new double[64];
        Approx.Relative(expected, likelihood.Derivatives(theta, g, hessian, ParallelWork.Serial), 1e-12, "Dual2 LL vs mpmath");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void GradientAndHessianAgreeWithCentralDifferences(int kind)
    {
        var (h, z) = Data();
        var likelihood = new CovariateLikelihood((CovariateModelKind)kind, h, z);
        double[] theta = kind == 0 ? Theta([0.8, 3.5, 0.6, 2.4], 0.4, -0.3, -0.5, 0.2) : Theta([0.55, 10.5, 0.6, 12.0], 0.3, -0.2, 0.5, 0.25);
        int k = theta.Length;
        var g = new double[k];
        var hessian = new double[k * k];
        likelihood.Derivatives(theta, g, hessian, ParallelWork.Serial);
        const double step = 1e-4;
        for (int j = 0; j < k; j++)
        {
            var up = (double[])theta.Clone();
            var down = (double[])theta.Clone();
            up[j] += step;
            down[j] -= step;
            // Closed form: central difference of the value, O(step²) ≈ 1e-8 relative.
            double numeric = (likelihood.LogLikelihood(up, ParallelWork.Serial) - likelihood.LogLikelihood(down, ParallelWork.Serial)) / (2 * step);
            Approx.Absolute(numeric, g[j], 1e-6 * Math.Max(1, Math.Abs(numeric)), $"gradient {j}");
            var gUp = new double[k];
            var gDown = new double[k];
            likelihood.Derivatives(up, gUp, new double[k * k], ParallelWork.Serial);
            likelihood.Derivatives(down, gDown, new double[k * k], ParallelWork.Serial);
            for (int i = 0; i < k; i++)
            {
                double column = (gUp[i] - gDown[i]) / (2 * step);
                Approx.Absolute(column, hessian[(i * k) + j], 1e-6 * Math.Max(1, Math.Abs(column)), $"Hessian {i},{j}");
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void AllZeroCovariatesGiveThePlainModelsLikelihoodAtAnyCoefficients(int kind)
    {
        var (h, _) = Data();
        var zero = CovariateMatrix.WithConstantColumns(["z"], new double[h.Length, 1]);
        var likelihood = new CovariateLikelihood((CovariateModelKind)kind, h, zero);
        double[] natural = kind == 0 ? [0.8, 3.5, 0.6, 2.4] : [0.55, 10.5, 0.6, 12.0];
        double plain = 0;
        foreach (var history in h)
        {
            plain += kind == 0
                ? new BgNbdModel(new BgNbdParameters(natural[0], natural[1], natural[2], natural[3])).LogLikelihood(history)
                : new ParetoNbdModel(new ParetoNbdParameters(natural[0], natural[1], natural[2], natural[3])).LogLikelihood(history);
        }

        double[] theta = [Math.Log(natural[0]), Math.Log(natural[1]), Math.Log(natural[2]), Math.Log(natural[3]), 1.7, -2.3];
        // Closed form: e^{γ·0} = 1, so every customer's parameters are the base ones.
        Approx.Relative(plain, likelihood.LogLikelihood(theta, ParallelWork.Serial), 1e-14, "LL at z = 0");
    }
}
