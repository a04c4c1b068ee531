using TrustMetrics.Nps;

namespace TrustMetrics.Monitoring;

/// <summary>Checks shared by the monitors' batch entry points for one-byte 0–10 NPS scores.</summary>
internal static class NpsBatch
{
    /// <summary>The −1/0/+1 value of each score 0–10.</summary>
    public static ReadOnlySpan<double> Values => [-1, -1, -1, -1, -1, -1, -1, 0, 0, 1, 1];

    /// <summary>
    /// Throws before anything is added when a score lies outside 0–10 (the message names the first such index), or when a
    /// score's −1/0/+1 value lies outside [<paramref name="lowerBound"/>, <paramref name="upperBound"/>] (a monitor of another range).
    /// Vectorised scans: a small fraction of the batch's time.
    /// </summary>
    public static void Check(ReadOnlySpan<byte> scores, double lowerBound, double upperBound, string paramName)
    {
        int bad = scores.IndexOfAnyInRange((byte)(NpsScale.MaxScore + 1), byte.MaxValue);
        if (bad >= 0)
        {
            throw NpsScale.OutOfRange(paramName, bad, scores[bad]);
        }

        CheckRange(scores, lowerBound, upperBound, paramName);
    }

    /// <summary>The range half of <see cref="Check"/>: nothing to scan for a monitor whose range holds −1, 0 and +1.</summary>
    public static void CheckRange(ReadOnlySpan<byte> scores, double lowerBound, double upperBound, string paramName)
    {
        if (lowerBound <= -1 && upperBound >= 1)
        {
            return;
        }

        for (int s = 0; s <= NpsScale.MaxScore; s++)
        {
            if (!InRange(s, lowerBound, upperBound))
            {
                int at = scores.IndexOf((byte)s);
                if (at >= 0)
                {
                    throw Invalid(scores, at, lowerBound, upperBound, paramName);
                }
            }
        }
    }

    /// <summary>True when byte <paramref name="score"/> is a 0–10 score whose value lies in [<paramref name="lowerBound"/>, <paramref name="upperBound"/>].</summary>
    public static bool InRange(int score, double lowerBound, double upperBound) =>
        score <= NpsScale.MaxScore && Values[score] >= lowerBound && Values[score] <= upperBound;

    /// <summary>The exception for the invalid score at <paramref name="at"/> (outside 0–10, or its value outside the range).</summary>
    public static ArgumentOutOfRangeException Invalid(ReadOnlySpan<byte> scores, int at, double lowerBound, double upperBound, string paramName) =>
        scores[at] > NpsScale.MaxScore
            ? NpsScale.OutOfRange(paramName, at, scores[at])
            : new ArgumentOutOfRangeException(paramName, scores[at],
                $"{paramName}[{at}] = {scores[at]} is worth {Guard.Format(Values[scores[at]])}, outside the monitor's range [{Guard.Format(lowerBound)}, {Guard.Format(upperBound)}].");
}
