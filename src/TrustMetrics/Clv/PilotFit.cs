namespace TrustMetrics.Clv;

/// <summary>
/// Warm starts for fits on many distinct rows: the same model fitted on a systematic sample of every 8th row lands within a few
/// standard errors of the full optimum, and — the objective being a mean over customers — its Hessian is already close to the full
/// data's, so Newton steps from there converge in a handful of full-data evaluations without computing a Hessian first. The pilot
/// is itself warm-started the same way while it is large, so only a fit of at most 16,384 rows starts cold.
/// </summary>
internal static class PilotFit
{
    /// <summary>Below this many distinct rows a fit from the standard start is already fast (CDNOW: 1,016 rows).</summary>
    private const int MinimumRows = 16_384;

    private const int Stride = 8;

    /// <summary>A converged pilot's log-parameters and inverse objective Hessian, or null when the data are small or the pilot failed.</summary>
    public static WarmStart? Start(CompressedHistories data, Func<CompressedHistories, ClvFitReport> fit)
    {
        if (data.RowCount < MinimumRows)
        {
            return null;
        }

        ClvFitReport pilot;
        try
        {
            pilot = fit(data.Thin(Stride));
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        if (!pilot.Converged || pilot.Boundary is not null)
        {
            // A pilot on the boundary has no finite inverse Hessian to start Newton from.
            return null;
        }

        // The report's covariance is D·(N·H)⁻¹·D with D = diag θ; undo both to get H⁻¹ of the per-customer objective in log θ.
        int k = pilot.Estimates.Count;
        var inverse = new double[k * k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                inverse[(i * k) + j] = pilot.Covariance(i, j) * pilot.CustomerCount / (pilot.Estimates[i] * pilot.Estimates[j]);
            }
        }

        return new WarmStart(pilot.Estimates.Select(v => Math.Log(v)).ToArray(), inverse);
    }
}

/// <summary>Where Newton's method starts (log θ) and the inverse Hessian it starts with (row-major k × k).</summary>
internal sealed record WarmStart(double[] LogParameters, double[] InverseHessian);
