using System.CommandLine;
using System.Text.Json;
using TrustMetrics.Cli.Output;
using TrustMetrics.Scales;

namespace TrustMetrics.Cli.Scales;

/// <summary>
/// <c>--simultaneous goodman|sison-glaz</c> of nps, csat and ces: simultaneous intervals for the answer shares
/// (JSON <c>"answerShares"</c>, one text table).
/// </summary>
internal static class AnswerShares
{
    private static readonly Dictionary<string, SimultaneousIntervalMethod> Methods = new(StringComparer.OrdinalIgnoreCase)
    {
        ["goodman"] = SimultaneousIntervalMethod.Goodman,
        ["sison-glaz"] = SimultaneousIntervalMethod.SisonGlaz,
    };

    public static Option<string?> CreateOption()
    {
        var option = new Option<string?>("--simultaneous")
        {
            Description = "Also give every answer's share with simultaneous confidence intervals: goodman (Goodman 1965) or sison-glaz (Sison–Glaz 1995).",
        };
        option.AcceptOnlyFromAmong([.. Methods.Keys]);
        return option;
    }

    public static SimultaneousShareIntervals? Compute(string? method, long[] counts, int firstAnswer, double level) =>
        method is null ? null : SimultaneousShareIntervals.Compute(counts, firstAnswer, level, Methods[method]);

    public static string Name(SimultaneousIntervalMethod method) => method == SimultaneousIntervalMethod.Goodman ? "goodman" : "sison-glaz";

    public static Table ToTable(SimultaneousShareIntervals result) => new(
        $"Answer shares ({Formatting.Level(result.Level)} simultaneous intervals)",
        ["Answer", "n", "Share %", $"{Formatting.Level(result.Level)} simultaneous CI"],
        [.. result.Answers.Select(a => (IReadOnlyList<string>)[
            a.Answer.ToString(System.Globalization.CultureInfo.InvariantCulture), Formatting.Count(a.Count),
            Formatting.Number(100 * a.Share, 1), $"[{Formatting.Number(100 * a.Lower, 1)}, {Formatting.Number(100 * a.Upper, 1)}]"])],
        [result.Method == SimultaneousIntervalMethod.Goodman
            ? "Goodman (1965): score intervals with the Bonferroni χ² quantile; all answers covered together."
            : "Sison–Glaz (1995): Edgeworth-corrected Poisson box, as statsmodels multinomial_proportions_confint; all answers covered together."]);

    public static void Write(Utf8JsonWriter json, SimultaneousShareIntervals result)
    {
        json.WriteStartObject("answerShares");
        json.WriteString("method", Name(result.Method));
        json.WriteNumber("level", result.Level);
        json.WriteStartArray("answers");
        foreach (var a in result.Answers)
        {
            json.WriteStartObject();
            json.WriteNumber("answer", a.Answer);
            json.WriteNumber("count", a.Count);
            json.WriteNumber("share", a.Share);
            json.WriteNumber("lower", a.Lower);
            json.WriteNumber("upper", a.Upper);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
