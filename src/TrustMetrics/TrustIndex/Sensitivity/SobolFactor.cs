namespace TrustMetrics.TrustIndex.Sensitivity;

/// <summary>
/// One input factor of a Sobol analysis: either discrete with <see cref="LevelCount"/> equally likely levels 0…L−1 (a
/// methodological choice, drawn as ⌊u·L⌋ from u ~ U[0, 1)), or continuous uniform on [<see cref="Lower"/>, <see cref="Upper"/>)
/// (drawn as lower + u·(upper − lower)). The model receives the level index (as a double) or the value.
/// </summary>
public sealed class SobolFactor
{
    private SobolFactor(string name, int? levelCount, double lower, double upper)
    {
        Name = name;
        LevelCount = levelCount;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>The factor's name.</summary>
    public string Name { get; }

    /// <summary>Number of levels of a discrete factor; null for a continuous one.</summary>
    public int? LevelCount { get; }

    /// <summary>Lower bound of a continuous factor (0 for a discrete one).</summary>
    public double Lower { get; }

    /// <summary>Upper bound of a continuous factor (the level count for a discrete one).</summary>
    public double Upper { get; }

    /// <summary>A discrete factor with <paramref name="levelCount"/> equally likely levels 0…L−1.</summary>
    /// <param name="name">The factor's name, not blank.</param>
    /// <param name="levelCount">Number of levels, at least 1.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="levelCount"/> is below 1.</exception>
    public static SobolFactor Discrete(string name, int levelCount)
    {
        Guard.NotEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(levelCount, 1);
        return new SobolFactor(name, levelCount, 0, levelCount);
    }

    /// <summary>A continuous factor uniform on [<paramref name="lower"/>, <paramref name="upper"/>).</summary>
    /// <param name="name">The factor's name, not blank.</param>
    /// <param name="lower">Lower bound, finite.</param>
    /// <param name="upper">Upper bound, finite and at least <paramref name="lower"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank or a bound is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="upper"/> is below <paramref name="lower"/>.</exception>
    public static SobolFactor Uniform(string name, double lower, double upper)
    {
        Guard.NotEmpty(name);
        Guard.Finite(lower);
        Guard.Finite(upper);
        Guard.Ordered(lower, upper);
        return new SobolFactor(name, null, lower, upper);
    }

    /// <summary>The factor's value for a uniform draw u in [0, 1).</summary>
    internal double ValueAt(double u) => LevelCount is { } levels
        ? Math.Min(levels - 1, Math.Floor(u * levels))
        : Lower + (u * (Upper - Lower));

    /// <summary>"name (3 levels)" or "name ~ U[a, b)".</summary>
    public override string ToString() => LevelCount is { } levels
        ? $"{Name} ({levels.ToString(System.Globalization.CultureInfo.InvariantCulture)} levels)"
        : $"{Name} ~ U[{Guard.Format(Lower)}, {Guard.Format(Upper)})";
}
