namespace TrustMetrics.Scales;

/// <summary>
/// An integer answer scale [<see cref="Min"/>, <see cref="Max"/>] with at least two points, e.g. 1–5 for CSAT or 1–7 for CES.
/// Bipolar scales such as −3..3 work the same way. Scales are limited to 1,001 points so a distribution stays a small array.
/// </summary>
public readonly record struct RatingScale
{
    /// <summary>Largest number of points a scale may have.</summary>
    internal const int MaxPoints = 1001;

    /// <summary>Creates the scale [min, max].</summary>
    /// <param name="min">Lowest answer.</param>
    /// <param name="max">Highest answer, greater than <paramref name="min"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">max ≤ min or the scale has more than 1,001 points.</exception>
    public RatingScale(int min, int max)
    {
        if (max <= min || (long)max - min + 1 > MaxPoints)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max,
                $"A rating scale needs max > min and at most {MaxPoints} points; got {min}–{max}.");
        }

        Min = min;
        Max = max;
    }

    /// <summary>The usual CSAT scale, 1–5.</summary>
    public static RatingScale FivePoint => new(1, 5);

    /// <summary>The usual CES scale, 1–7.</summary>
    public static RatingScale SevenPoint => new(1, 7);

    /// <summary>Lowest answer.</summary>
    public int Min { get; }

    /// <summary>Highest answer.</summary>
    public int Max { get; }

    /// <summary>Number of answer points, Max − Min + 1.</summary>
    public int Points => Max - Min + 1;

    /// <summary>True when <paramref name="score"/> is on the scale.</summary>
    /// <param name="score">An answer.</param>
    public bool Contains(int score) => score >= Min && score <= Max;

    /// <summary>"1–5" style text.</summary>
    public override string ToString() => $"{Min}-{Max}";

    /// <summary>Parses "1-5" (also "1..5" or "1–5").</summary>
    /// <param name="text">The text to parse.</param>
    /// <exception cref="FormatException">The text is not two integers separated by '-', '–' or '..'.</exception>
    internal static RatingScale Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Replace("..", "-", StringComparison.Ordinal).Replace('–', '-').Split('-', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !int.TryParse(parts[0], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int min)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int max))
        {
            throw new FormatException($"A scale is written MIN-MAX, for example 1-5; got '{text}'.");
        }

        return new RatingScale(min, max);
    }
}
