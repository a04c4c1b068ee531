using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Weighting;

namespace TrustMetrics.Cli.Scales;

/// <summary>The <c>--rake</c> settings of a run: the margins file and the optional trimming bounds.</summary>
internal sealed record RakeRequest(string MarginsPath, double? Lower, double? Upper);

/// <summary>
/// <c>--rake margins.csv [--rake-bounds LO,HI]</c> on <c>nps</c>, <c>csat</c>, <c>ces</c> and <c>report</c>: respondents are
/// raked to the population margins of the file (<see cref="Raking"/>) and the metric is estimated on the raked weights with the
/// standard error of R <c>survey::svymean</c> on a raked design (docs/weighting.md).
/// </summary>
internal static class RakedSurvey
{
    /// <summary>The two options; <see cref="AddTo"/> adds them to a command.</summary>
    public sealed class Options
    {
        public Option<FileInfo?> Margins { get; } = new("--rake")
        {
            Description = "Rake the respondents to known population margins: a CSV 'variable,level,share' (every variable a column of the survey, "
                + "every level in the data with a share, shares per variable summing to 1). Reports the raked estimate with its survey::svymean SE, Kish n_eff and the convergence.",
        };

        public Option<string?> Bounds { get; } = new("--rake-bounds")
        {
            Description = "With --rake: trim the weights to LO,HI relative to the mean weight 1 (e.g. 0.3,4), re-raking until margins and bounds both hold.",
        };

        public Options AddTo(Command command)
        {
            command.Add(Margins);
            command.Add(Bounds);
            return this;
        }

        /// <summary>The request's raking settings, or null without --rake; --rake-bounds alone is an error.</summary>
        public RakeRequest? Read(ParseResult parse)
        {
            string? bounds = parse.GetValue(Bounds);
            if (parse.GetValue(Margins) is not FileInfo file)
            {
                return bounds is null ? null : throw new CommandLineException("--rake-bounds needs --rake margins.csv.");
            }

            if (bounds is null)
            {
                return new RakeRequest(file.ToString(), null, null);
            }

            var parts = bounds.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double lo)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double hi)
                || !(double.IsFinite(lo) && lo >= 0 && lo <= 1) || !(double.IsFinite(hi) && hi >= 1))
            {
                throw new CommandLineException($"--rake-bounds: expected LO,HI with 0 ≤ LO ≤ 1 ≤ HI relative to the mean weight 1 (e.g. 0.3,4); got '{bounds}'.");
            }

            return new RakeRequest(file.ToString(), lo, hi);
        }
    }

    /// <summary>
    /// Reads a margins file <c>variable,level,share</c> (header required, columns found by name). Every error names the file,
    /// the line and the value: a share that is not a number in (0, 1], a repeated level, shares of a variable not summing to 1 within 10⁻⁶.
    /// </summary>
    public static IReadOnlyList<RakingMargin> ReadMargins(string path)
    {
        var source = SurveySource.FromFile(path);
        using var table = CsvTable.Open(source);
        int variableColumn = table.Column("variable"), levelColumn = table.Column("level"), shareColumn = table.Column("share");
        var order = new List<string>();
        var byVariable = new Dictionary<string, List<(string Level, double Share, long Line)>>(StringComparer.Ordinal);
        while (table.Read())
        {
            string variable = table.Field(variableColumn), level = table.Field(levelColumn), shareText = table.Field(shareColumn);
            if (variable.Length == 0 || level.Length == 0)
            {
                throw new InputException($"{path}, line {table.Line}: the variable and the level must not be blank (got '{variable}', '{level}').");
            }

            if (!Numbers.TryParse(shareText, out double share) || !(share > 0 && share <= 1))
            {
                throw new InputException($"{path}, line {table.Line}: share '{shareText}' of {variable} = '{level}' must be a number greater than 0 and at most 1.{Numbers.Hint(shareText)}");
            }

            if (!byVariable.TryGetValue(variable, out var levels))
            {
                levels = [];
                byVariable[variable] = levels;
                order.Add(variable);
            }

            if (levels.FirstOrDefault(l => l.Level == level) is { Level: not null } earlier)
            {
                throw new InputException($"{path}, line {table.Line}: level '{level}' of '{variable}' is repeated (first on line {earlier.Line}).");
            }

            levels.Add((level, share, table.Line));
        }

        if (order.Count == 0)
        {
            throw new InputException($"{path}: no margins (the file has a header but no rows).");
        }

        return [.. order.Select(variable =>
        {
            var levels = byVariable[variable];
            double sum = levels.Sum(l => l.Share);
            if (!(Math.Abs(sum - 1) <= RakingMargin.ShareSumTolerance))
            {
                throw new InputException($"{path}, lines {levels[0].Line}–{levels[^1].Line}: the shares of '{variable}' sum to "
                    + $"{sum.ToString("R", CultureInfo.InvariantCulture)}; they must sum to 1 within 1e-6.");
            }

            return new RakingMargin(variable, [.. levels.Select(l => l.Level)], [.. levels.Select(l => l.Share)]);
        })];
    }

    /// <summary>The answers of one raked command: where they came from, the scores, the blank cells skipped and the raked weights.</summary>
    public sealed record RakedAnswers(SurveySource Source, int[] Scores, long Missing, RakedWeights Weights);

    /// <summary>
    /// Reads the answers in <paramref name="column"/> (blank cells skipped and counted) with each respondent's margin levels, and
    /// rakes them: the one read loop of <c>nps</c>, <c>csat</c> and <c>ces --rake</c>. No answer at all is an input error that
    /// says so with <paramref name="noun"/> ("scores", "answers").
    /// </summary>
    public static RakedAnswers Read(string input, string column, int min, int max, string noun, RakeRequest rake)
    {
        var source = SurveySource.FromFile(input);
        using var table = CsvTable.Open(source);
        int scoreColumn = table.Column(column);
        var collector = new Collector(table, rake);
        long missing = 0;
        while (table.Read())
        {
            if (ScoreParser.Score(table, scoreColumn, column, min, max) is not int score)
            {
                missing++;
                continue;
            }

            collector.Add(table, score);
        }

        var scores = collector.Scores;
        if (scores.Length == 0)
        {
            throw new InputException($"{source.DisplayName}: column '{column}' has no {noun} (every cell is blank).");
        }

        return new RakedAnswers(source, scores, missing, collector.Rake());
    }

    /// <summary>Collects, for every respondent with an answer, the level index of each margin variable and the answer.</summary>
    public sealed class Collector
    {
        private readonly IReadOnlyList<RakingMargin> margins;
        private readonly int[] columns;
        private readonly List<int>[] codes;
        private readonly List<int> scores = [];
        private readonly string marginsPath;

        public Collector(CsvTable table, RakeRequest request)
        {
            marginsPath = request.MarginsPath;
            Request = request;
            margins = ReadMargins(request.MarginsPath);
            columns = [.. margins.Select(m => table.Column(m.Variable))];
            codes = [.. margins.Select(_ => new List<int>())];
        }

        public RakeRequest Request { get; }

        /// <summary>The answers, in respondent order.</summary>
        public int[] Scores => [.. scores];

        /// <summary>Adds the current row (a respondent with an answer); a level without a share names the line and value.</summary>
        public void Add(CsvTable table, int score)
        {
            for (int m = 0; m < margins.Count; m++)
            {
                string level = table.Field(columns[m]);
                int code = margins[m].IndexOf(level);
                if (code < 0)
                {
                    throw new InputException($"{table.Source.DisplayName}, line {table.Line}: {margins[m].Variable} = '{level}' has no share in {marginsPath}; "
                        + "every level in the data needs one.");
                }

                codes[m].Add(code);
            }

            scores.Add(score);
        }

        /// <summary>Rakes the collected respondents; a margin level nobody holds, or no convergence, is an input error.</summary>
        public RakedWeights Rake()
        {
            for (int m = 0; m < margins.Count; m++)
            {
                var held = new bool[margins[m].Levels.Count];
                foreach (int code in codes[m])
                {
                    held[code] = true;
                }

                int absent = Array.IndexOf(held, false);
                if (absent >= 0)
                {
                    throw new InputException($"{marginsPath}: {margins[m].Variable} = '{margins[m].Levels[absent]}' has a share but no respondent with an answer; raking cannot reach it.");
                }
            }

            var options = new RakingOptions(1e-12, 10000, Request.Lower, Request.Upper);
            var weights = Raking.Rake(margins, [.. codes.Select(c => c.ToArray())], options);
            if (!weights.Converged)
            {
                throw new InputException($"--rake: raking did not converge in {weights.Iterations} sweeps (largest margin error {weights.MaxMarginError.ToString("G3", CultureInfo.InvariantCulture)})"
                    + (Request.Lower is not null ? "; the --rake-bounds are too tight for these margins: widen them." : "."));
            }

            return weights;
        }
    }

    /// <summary>Summary lines of the raking.</summary>
    public static IEnumerable<string> Summary(RakeRequest request, RakedWeights weights) =>
    [
        $"Raked to {request.MarginsPath} ({string.Join(" × ", weights.Margins.Select(m => m.Variable))}): {weights.Iterations} sweeps over "
            + $"{Formatting.Count(weights.CellCount)} cells, largest margin error {weights.MaxMarginError.ToString("G2", CultureInfo.InvariantCulture)}",
        $"Weights {Formatting.Number(weights.MinWeight, 3)}–{Formatting.Number(weights.MaxWeight, 3)} (mean 1)"
            + (request.Lower is double lo ? $", trimmed to [{Formatting.Number(lo, 2)}, {Formatting.Number(request.Upper!.Value, 2)}]: {Formatting.Count(weights.TrimmedCount)} at a bound" : string.Empty)
            + $"; Kish n_eff {Formatting.Number(weights.EffectiveSampleSize, 1)}, design effect {Formatting.Number(weights.DesignEffect, 3)}",
    ];

    /// <summary>Target and achieved share of every margin level.</summary>
    public static Table MarginsTable(RakedWeights weights) => new("Raking margins", ["Variable", "Level", "Target", "Achieved"],
        [.. weights.Margins.SelectMany((m, i) =>
        {
            var achieved = weights.AchievedShares(i);
            return m.Levels.Select((level, l) => (IReadOnlyList<string>)[m.Variable, level, Formatting.Number(100 * m.Shares[l], 2) + "%", Formatting.Number(100 * achieved[l], 2) + "%"]);
        })],
        ["Iterative proportional fitting (as R survey::rake); weights have mean 1."]);

    /// <summary>One table row per raked estimate: statistic, estimate, raked SE, fixed-weight SE, interval.</summary>
    public static Table EstimatesTable(string title, IEnumerable<(string Label, RakedEstimate Estimate, int Decimals)> rows, RakedWeights weights, double level) => new(
        title, ["Statistic", "Estimate", "SE (raked)", "SE (fixed w)", $"{Formatting.Level(level)} CI", "n", "n eff"],
        [.. rows.Select(r => (IReadOnlyList<string>)
        [
            r.Label, Formatting.Number(r.Estimate.Score.Value, r.Decimals), Formatting.Number(r.Estimate.Score.StandardError, r.Decimals + 1),
            Formatting.Number(r.Estimate.FixedWeightStandardError, r.Decimals + 1), Formatting.Interval(r.Estimate.Score.Interval, r.Decimals),
            Formatting.Count(r.Estimate.Count), Formatting.Number(weights.EffectiveSampleSize, 1),
        ])],
        ["SE (raked): linearization with the raking's calibration adjustment, as R survey::svymean on a survey::rake design; "
            + "SE (fixed w): the same weights taken as fixed. Wald interval on the raked SE."]);

    /// <summary>Writes <c>"raking": { … }</c>: the margins file, convergence, weights and the target/achieved shares.</summary>
    public static void Write(Utf8JsonWriter json, RakeRequest request, RakedWeights weights)
    {
        json.WriteStartObject("raking");
        json.WriteString("margins", request.MarginsPath);
        json.WriteBoolean("converged", weights.Converged);
        json.WriteNumber("iterations", weights.Iterations);
        json.WriteNumber("maxMarginError", weights.MaxMarginError);
        json.WriteNumber("cells", weights.CellCount);
        json.WriteNumber("effectiveSampleSize", weights.EffectiveSampleSize);
        json.WriteNumber("designEffect", weights.DesignEffect);
        json.WriteNumber("minWeight", weights.MinWeight);
        json.WriteNumber("maxWeight", weights.MaxWeight);
        if (request.Lower is double lo)
        {
            json.WriteStartObject("bounds");
            json.WriteNumber("lower", lo);
            json.WriteNumber("upper", request.Upper!.Value);
            json.WriteEndObject();
            json.WriteNumber("trimmed", weights.TrimmedCount);
        }
        else
        {
            json.WriteNull("bounds");
        }

        json.WriteStartArray("variables");
        for (int m = 0; m < weights.Margins.Count; m++)
        {
            var margin = weights.Margins[m];
            var achieved = weights.AchievedShares(m);
            json.WriteStartObject();
            json.WriteString("variable", margin.Variable);
            json.WriteStartArray("levels");
            for (int l = 0; l < margin.Levels.Count; l++)
            {
                json.WriteStartObject();
                json.WriteString("level", margin.Levels[l]);
                json.WriteNumber("target", margin.Shares[l]);
                json.WriteNumber("achieved", achieved[l]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes a raked estimate as <c>{ "value", "standardError", "fixedWeightStandardError", "confidenceInterval" }</c>.</summary>
    public static void WriteEstimate(Utf8JsonWriter json, string name, RakedEstimate estimate)
    {
        json.WriteStartObject(name);
        MetricJson.Number(json, "value", estimate.Score.Value);
        MetricJson.Number(json, "standardError", estimate.Score.StandardError);
        MetricJson.Number(json, "fixedWeightStandardError", estimate.FixedWeightStandardError);
        MetricJson.Interval(json, "confidenceInterval", estimate.Score.Interval);
        json.WriteEndObject();
    }
}
