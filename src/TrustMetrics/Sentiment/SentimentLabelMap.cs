namespace TrustMetrics.Sentiment;

/// <summary>Which label texts mean positive, neutral and negative. Matching trims the text and ignores case (ordinal).</summary>
public sealed class SentimentLabelMap
{
    private readonly Dictionary<string, SentimentLabel> labels = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SentimentLabel>.AlternateLookup<ReadOnlySpan<char>> lookup;

    /// <summary>A map from the given texts.</summary>
    /// <param name="positive">Texts meaning positive.</param>
    /// <param name="neutral">Texts meaning neutral.</param>
    /// <param name="negative">Texts meaning negative.</param>
    /// <exception cref="ArgumentException">A text is blank or appears under two polarities.</exception>
    public SentimentLabelMap(IEnumerable<string> positive, IEnumerable<string> neutral, IEnumerable<string> negative)
    {
        ArgumentNullException.ThrowIfNull(positive);
        ArgumentNullException.ThrowIfNull(neutral);
        ArgumentNullException.ThrowIfNull(negative);
        AddAll(positive, SentimentLabel.Positive, nameof(positive));
        AddAll(neutral, SentimentLabel.Neutral, nameof(neutral));
        AddAll(negative, SentimentLabel.Negative, nameof(negative));
        lookup = labels.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>positive/pos, neutral/neu, negative/neg.</summary>
    public static SentimentLabelMap Default { get; } = new(["positive", "pos"], ["neutral", "neu"], ["negative", "neg"]);

    /// <summary>The polarity of <paramref name="text"/>, if it is a known label.</summary>
    /// <param name="text">A label text.</param>
    /// <param name="label">The polarity when found.</param>
    public bool TryMap(ReadOnlySpan<char> text, out SentimentLabel label) => lookup.TryGetValue(text.Trim(), out label);

    /// <summary>"positive: …; neutral: …; negative: …" (for error messages).</summary>
    internal string Describe() => string.Join("; ",
        new[] { SentimentLabel.Positive, SentimentLabel.Neutral, SentimentLabel.Negative }.Select(l =>
            $"{l.ToString().ToLowerInvariant()}: {string.Join(", ", labels.Where(p => p.Value == l).Select(p => p.Key))}"));

    private void AddAll(IEnumerable<string> texts, SentimentLabel label, string paramName)
    {
        int index = 0;
        foreach (string text in texts)
        {
            string key = text?.Trim() ?? string.Empty;
            if (key.Length == 0)
            {
                throw new ArgumentException($"{paramName}[{index}] is blank: a sentiment label text must not be.", paramName);
            }

            if (labels.TryGetValue(key, out var existing) && existing != label)
            {
                throw new ArgumentException($"{paramName}[{index}] = '{key}' is also given as {existing}.", paramName);
            }

            labels[key] = label;
            index++;
        }
    }
}
