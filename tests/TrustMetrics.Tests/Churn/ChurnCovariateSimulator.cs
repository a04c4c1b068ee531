using MathNet.Numerics.Distributions;
using TrustMetrics.Clv;

namespace TrustMetrics.Tests.Churn;

/// <summary>
/// Seeded sBG panels with covariates (pymc-marketing's links), shared by ShiftedBetaGeometricCovariateTests and the 100-panel run
/// benchmarks/clv/sbg_covariate_recovery.cs (which includes this file). Truth: [α, β, γ_α (2), γ_β (2)].
/// </summary>
internal static class ChurnCovariateSimulator
{
    /// <summary>Seeded panel: θ_i ~ Beta(α e^{−γ_αᵀz}, β e^{−γ_βᵀz}), lifetime ~ Geometric(θ_i) on 1, 2, …, censored after c_i ~ U{1..12} periods.</summary>
    public static (int[] T, bool[] C) Simulate(double[] truth, CovariateMatrix z, int seed)
    {
        var random = new Random(seed);
        int n = z.CustomerCount;
        var t = new int[n];
        var c = new bool[n];
        for (int i = 0; i < n; i++)
        {
            double a = truth[0] * Math.Exp(-((truth[2] * z[i, 0]) + (truth[3] * z[i, 1])));
            double b = truth[1] * Math.Exp(-((truth[4] * z[i, 0]) + (truth[5] * z[i, 1])));
            double p = Beta.Sample(random, a, b);
            int horizon = 1 + random.Next(12);
            int life = 1;
            while (life <= horizon && random.NextDouble() >= p)
            {
                life++;
            }

            (t[i], c[i]) = life <= horizon ? (life, true) : (horizon, false);
        }

        return (t, c);
    }
}
