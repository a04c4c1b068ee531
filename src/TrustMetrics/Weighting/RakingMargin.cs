namespace TrustMetrics.Weighting;

/// <summary>
/// One known population margin for raking: a variable (segment, channel, region…) with the population share of each of its
/// levels. Shares are finite and &gt; 0 and sum to 1 within 10⁻⁶; they are stored divided by their sum, so they sum to 1 to
/// rounding. Levels are distinct, non-empty and compared ordinally.
/// </summary>
public sealed class RakingMargin
{
    /// <summary>How far the shares of one margin may sum from 1 before the margin is refused.</summary>
    public const double ShareSumTolerance = 1e-6;

    private readonly string[] levels;
    private readonly double[] shares;
    private readonly Dictionary<string, int> index;

    /// <summary>A margin of <paramref name="variable"/> with one share per level.</summary>
    /// <param name="variable">The variable's name (non-empty), e.g. the column holding the level of each respondent.</param>
    /// <param name="levels">The levels, distinct and non-empty.</param>
    /// <param name="shares">The population share of each level: finite, &gt; 0, summing to 1 within <see cref="ShareSumTolerance"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The variable is empty, the lists are empty or of different lengths, a level is empty or repeated, a share is not finite and positive, or the shares do not sum to 1; the message names the index and value.</exception>
    public RakingMargin(string variable, IReadOnlyList<string> levels, IReadOnlyList<double> shares)
    {
        Guard.NotEmpty(variable);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(shares);
        if (levels.Count == 0)
        {
            throw new ArgumentException($"The margin of '{variable}' has no levels.", nameof(levels));
        }

        if (levels.Count != shares.Count)
        {
            throw new ArgumentException($"The margin of '{variable}' has {levels.Count} levels but {shares.Count} shares; they must pair one to one.", nameof(shares));
        }

        this.levels = new string[levels.Count];
        this.shares = new double[shares.Count];
        index = new Dictionary<string, int>(levels.Count, StringComparer.Ordinal);
        double sum = 0;
        for (int i = 0; i < levels.Count; i++)
        {
            string level = levels[i];
            if (string.IsNullOrEmpty(level))
            {
                throw new ArgumentException($"levels[{i}] of the margin of '{variable}' is empty.", nameof(levels));
            }

            if (!index.TryAdd(level, i))
            {
                throw new ArgumentException($"levels[{i}] = '{level}' of the margin of '{variable}' is repeated.", nameof(levels));
            }

            double share = shares[i];
            if (!(double.IsFinite(share) && share > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(shares), share,
                    $"shares[{i}] (level '{level}' of '{variable}') must be a finite number greater than 0; got {Guard.Format(share)}.");
            }

            this.levels[i] = level;
            this.shares[i] = share;
            sum += share;
        }

        if (!(Math.Abs(sum - 1.0) <= ShareSumTolerance))
        {
            throw new ArgumentException($"The shares of the margin of '{variable}' sum to {Guard.Format(sum)}; they must sum to 1 within {Guard.Format(ShareSumTolerance)}.", nameof(shares));
        }

        for (int i = 0; i < this.shares.Length; i++)
        {
            this.shares[i] /= sum;
        }

        Variable = variable;
    }

    /// <summary>The variable's name.</summary>
    public string Variable { get; }

    /// <summary>The levels, in the order given.</summary>
    public IReadOnlyList<string> Levels => levels;

    /// <summary>The population shares, one per level, divided by their sum.</summary>
    public IReadOnlyList<double> Shares => shares;

    /// <summary>The position of <paramref name="level"/> in <see cref="Levels"/>, or −1 when the margin does not list it.</summary>
    /// <param name="level">A level.</param>
    public int IndexOf(string level) => level is not null && index.TryGetValue(level, out int i) ? i : -1;

    /// <summary>"segment: Consumer 55%, SMB 30%, Enterprise 15%" (invariant culture).</summary>
    public override string ToString() =>
        Variable + ": " + string.Join(", ", levels.Select((l, i) => l + " " + Presentation.InvariantText.Percent(shares[i])));
}
