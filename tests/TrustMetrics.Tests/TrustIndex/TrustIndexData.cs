namespace TrustMetrics.Tests.TrustIndex;

/// <summary>The data sets of /work/shared/reference/trust-index.md (§2.2, §3.4), transcribed as printed there.</summary>
internal static class TrustIndexData
{
    /// <summary>§2.2 (A): pingouin's cronbach_alpha dataset, 15 subjects × Q1..Q10 (wide table printed in the note).</summary>
    public static readonly double[,] Pingouin =
    {
        { 3, 2, 4, 1, 4, 5, 1, 4, 3, 2 },
        { 5, 4, 6, 3, 5, 1, 2, 5, 5, 5 },
        { 7, 3, 5, 5, 6, 4, 3, 3, 6, 5 },
        { 2, 4, 3, 3, 2, 2, 2, 6, 6, 3 },
        { 6, 5, 6, 5, 4, 4, 4, 6, 7, 5 },
        { 1, 2, 3, 4, 2, 5, 2, 3, 5, 2 },
        { 4, 3, 5, 3, 5, 2, 1, 2, 4, 3 },
        { 2, 4, 4, 3, 7, 2, 2, 4, 6, 5 },
        { 6, 5, 5, 5, 1, 6, 5, 2, 3, 2 },
        { 5, 4, 6, 4, 3, 5, 3, 1, 7, 2 },
        { 4, 3, 5, 2, 5, 3, 2, 3, 4, 1 },
        { 4, 2, 3, 2, 5, 3, 4, 2, 3, 4 },
        { 5, 5, 6, 2, 3, 3, 2, 4, 4, 5 },
        { 6, 5, 5, 4, 2, 2, 1, 4, 6, 5 },
        { 4, 3, 5, 5, 3, 1, 3, 2, 3, 4 },
    };

    /// <summary>§2.2 (B) / trust-index-scripts/trust5.csv: 10 respondents × competence, reliability, benevolence, honesty, transparency (1–7).</summary>
    public static readonly double[,] Trust5 =
    {
        { 6, 6, 5, 6, 5 },
        { 5, 5, 4, 5, 4 },
        { 7, 6, 6, 7, 6 },
        { 3, 4, 3, 3, 2 },
        { 4, 4, 5, 4, 4 },
        { 2, 3, 2, 2, 3 },
        { 6, 7, 6, 6, 5 },
        { 5, 4, 4, 5, 5 },
        { 3, 3, 4, 2, 3 },
        { 7, 6, 5, 6, 6 },
    };

    /// <summary>§3.4 (B) / trust-index-scripts/drivers.csv: transparency, consistency, accountability, expertise, empathy, trust (1–7).</summary>
    public static readonly double[,] Drivers =
    {
        { 6, 5, 6, 7, 5, 6 },
        { 4, 4, 3, 6, 4, 4 },
        { 7, 6, 7, 6, 6, 7 },
        { 3, 4, 2, 5, 3, 3 },
        { 5, 5, 5, 6, 4, 5 },
        { 2, 3, 2, 4, 2, 2 },
        { 6, 6, 5, 7, 6, 6 },
        { 4, 5, 4, 5, 5, 5 },
        { 3, 2, 3, 4, 3, 3 },
        { 7, 7, 6, 6, 7, 7 },
        { 5, 4, 4, 6, 5, 4 },
        { 2, 3, 3, 3, 2, 2 },
    };

    /// <summary>
    /// §3.4 (A): R datasets::mtcars columns mpg, cyl, disp, hp, wt (n = 32), as written by the note's
    /// <c>write.csv(mtcars[,c("mpg","cyl","disp","hp","wt")])</c>.
    /// </summary>
    public static readonly double[,] Mtcars =
    {
        { 21, 6, 160, 110, 2.620 }, { 21, 6, 160, 110, 2.875 }, { 22.8, 4, 108, 93, 2.320 }, { 21.4, 6, 258, 110, 3.215 },
        { 18.7, 8, 360, 175, 3.440 }, { 18.1, 6, 225, 105, 3.460 }, { 14.3, 8, 360, 245, 3.570 }, { 24.4, 4, 146.7, 62, 3.190 },
        { 22.8, 4, 140.8, 95, 3.150 }, { 19.2, 6, 167.6, 123, 3.440 }, { 17.8, 6, 167.6, 123, 3.440 }, { 16.4, 8, 275.8, 180, 4.070 },
        { 17.3, 8, 275.8, 180, 3.730 }, { 15.2, 8, 275.8, 180, 3.780 }, { 10.4, 8, 472, 205, 5.250 }, { 10.4, 8, 460, 215, 5.424 },
        { 14.7, 8, 440, 230, 5.345 }, { 32.4, 4, 78.7, 66, 2.200 }, { 30.4, 4, 75.7, 52, 1.615 }, { 33.9, 4, 71.1, 65, 1.835 },
        { 21.5, 4, 120.1, 97, 2.465 }, { 15.5, 8, 318, 150, 3.520 }, { 15.2, 8, 304, 150, 3.435 }, { 13.3, 8, 350, 245, 3.840 },
        { 19.2, 8, 400, 175, 3.845 }, { 27.3, 4, 79, 66, 1.935 }, { 26, 4, 120.3, 91, 2.140 }, { 30.4, 4, 95.1, 113, 1.513 },
        { 15.8, 8, 351, 264, 3.170 }, { 19.7, 6, 145, 175, 2.770 }, { 15, 8, 301, 335, 3.570 }, { 21.4, 4, 121, 109, 2.780 },
    };

    /// <summary>Row-major copy of columns [from, to) of a matrix.</summary>
    public static double[] Columns(double[,] data, int from, int to)
    {
        int rows = data.GetLength(0), width = to - from;
        var result = new double[rows * width];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < width; c++)
            {
                result[(r * width) + c] = data[r, from + c];
            }
        }

        return result;
    }
}
