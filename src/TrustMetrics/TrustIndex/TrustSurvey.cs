namespace TrustMetrics.TrustIndex;

/// <summary>
/// Survey answers as a compact respondent × item matrix (row-major <c>double[]</c>: answer of respondent r to item i at
/// <c>r·ItemNames.Count + i</c>; NaN = not answered), with an optional segment label and an optional outcome (e.g. likelihood to
/// recommend) per respondent. The arrays are copied, so later changes by the caller do not reach the survey.
/// </summary>
public sealed class TrustSurvey
{
    private readonly string[] itemNames;
    private readonly double[] responses;
    private readonly string[]? segments;
    private readonly double[]? outcome;

    /// <summary>Creates a survey. Answers are checked against the scale when the index is computed (the scale is an option).</summary>
    /// <param name="itemNames">Item (column) names, distinct, at least one.</param>
    /// <param name="responses">Answers, row-major, length = respondents × items; NaN = not answered; otherwise finite, |x| ≤ 1e100.</param>
    /// <param name="segments">Optional segment (group) label per respondent; non-null.</param>
    /// <param name="outcome">Optional outcome per respondent for key-driver analysis; NaN = missing; otherwise finite.</param>
    /// <param name="outcomeName">Name of the outcome, used in results.</param>
    /// <exception cref="ArgumentException">Names are empty or repeated, or a length does not match.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An answer or outcome is infinite or beyond ±1e100; the message names row, item and value.</exception>
    public TrustSurvey(IReadOnlyList<string> itemNames, ReadOnlySpan<double> responses, IReadOnlyList<string>? segments = null,
        ReadOnlySpan<double> outcome = default, string outcomeName = "outcome")
    {
        ArgumentNullException.ThrowIfNull(itemNames);
        ArgumentNullException.ThrowIfNull(outcomeName);
        if (itemNames.Count == 0)
        {
            throw new ArgumentException("A survey needs at least one item name.", nameof(itemNames));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < itemNames.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(itemNames[i]) || !seen.Add(itemNames[i]))
            {
                throw new ArgumentException($"itemNames[{i}] = '{itemNames[i]}' is blank or repeated; item names must be distinct.", nameof(itemNames));
            }
        }

        if (responses.Length % itemNames.Count != 0)
        {
            throw new ArgumentException(
                $"responses has {responses.Length} values, not a multiple of the {itemNames.Count} items (row-major respondent × item matrix).", nameof(responses));
        }

        this.itemNames = [.. itemNames];
        this.responses = responses.ToArray();
        RespondentCount = responses.Length / itemNames.Count;
        for (int k = 0; k < this.responses.Length; k++)
        {
            if (TrustSurvey.OutOfRange(this.responses[k]))
            {
                throw new ArgumentOutOfRangeException(nameof(responses), this.responses[k],
                    $"responses[row {k / itemNames.Count}, item '{this.itemNames[k % itemNames.Count]}'] = {Guard.Format(this.responses[k])} is not finite or beyond ±1e100 (use NaN for not answered).");
            }
        }

        if (segments is not null)
        {
            if (segments.Count != RespondentCount)
            {
                throw new ArgumentException($"segments has {segments.Count} labels for {RespondentCount} respondents.", nameof(segments));
            }

            this.segments = new string[RespondentCount];
            for (int r = 0; r < RespondentCount; r++)
            {
                this.segments[r] = segments[r] ?? throw new ArgumentException($"segments[{r}] is null.", nameof(segments));
            }
        }

        if (!outcome.IsEmpty)
        {
            if (outcome.Length != RespondentCount)
            {
                throw new ArgumentException($"outcome has {outcome.Length} values for {RespondentCount} respondents.", nameof(outcome));
            }

            for (int r = 0; r < outcome.Length; r++)
            {
                if (TrustSurvey.OutOfRange(outcome[r]))
                {
                    throw new ArgumentOutOfRangeException(nameof(outcome), outcome[r], $"outcome[{r}] = {Guard.Format(outcome[r])} is not finite or beyond ±1e100 (use NaN for missing).");
                }
            }

            this.outcome = outcome.ToArray();
        }

        OutcomeName = outcomeName;
    }

    /// <summary>Item names, in column order.</summary>
    public IReadOnlyList<string> ItemNames => itemNames;

    /// <summary>Number of respondents (rows).</summary>
    public int RespondentCount { get; }

    /// <summary>The answers, row-major: the answer of respondent r to item i is at <c>r·ItemNames.Count + i</c>; NaN = not answered.</summary>
    public ReadOnlySpan<double> Responses => responses;

    /// <summary>Segment label per respondent, or null when the survey has no segments.</summary>
    public IReadOnlyList<string>? Segments => segments;

    /// <summary>Outcome per respondent (NaN = missing); empty when the survey has none.</summary>
    public ReadOnlySpan<double> Outcome => outcome;

    /// <summary>Name of the outcome.</summary>
    public string OutcomeName { get; }

    internal double[] RawResponses => responses;

    /// <summary>
    /// True for ±∞ and for magnitudes beyond 1e100, whose squares would overflow the variances (NaN stays legal: not answered).
    /// </summary>
    internal static bool OutOfRange(double value) => Math.Abs(value) > 1e100;

    internal string[]? RawSegments => segments;

    internal double[]? RawOutcome => outcome;
}
