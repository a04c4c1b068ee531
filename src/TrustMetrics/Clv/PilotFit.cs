namespace TrustMetrics.Clv;

/// <summary>
/// Warm starts for fits on many distinct rows: the same model fitted on a systematic sample of about 16,000 rows lands within a few
/// standard errors of the full optimum, from where Newton steps converge in a handful of full-data evaluations.
/// </summary>
internal static class PilotFit
{
    /// <summary>Below this many distinct rows a fit from the standard start is already fast (CDNOW: 1,016 rows).</summary>
    private const int MinimumRows = 65_536;

    private const int SampleRows = 16_384;

    /// <summary>Log-parameters of a converged pilot fit, or null when the data are small or the pilot did not converge.</summary>
    public static double[]? Start(CompressedHistories data, Func<CompressedHistories, ClvFitReport> fit)
    {
        if (data.RowCount < MinimumRows)
        {
            return null;
        }

        ClvFitReport pilot;
        try
        {
            pilot = fit(data.Thin(data.RowCount / SampleRows));
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        return pilot.Converged ? pilot.Estimates.Select(v => Math.Log(v)).ToArray() : null;
    }
}
