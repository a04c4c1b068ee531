using System.CommandLine;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Nps;

namespace TrustMetrics.Cli.Nps;

/// <summary><c>trustmetrics nps</c>: Net Promoter Score of a 0–10 column, optionally weighted and broken down by a group column.</summary>
internal static class NpsCommand
{
    private static readonly Dictionary<string, NpsIntervalMethod> Methods = CoreNames.Map<NpsIntervalMethod>(NpsIntervals.Name);

    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var weight = new Option<string?>("--weight", "-w") { Description = "Name of a survey-weight column (finite, ≥ 0): weighted NPS with the linearization SE and Kish's effective sample size." };
        var method = new Option<string>("--method", "-m")
        {
            Description = "Interval method: score (default; Tango score interval), adjusted-wald, wald or bayesian. With --weight only wald applies.",
            DefaultValueFactory = _ => "score",
        };
        method.AcceptOnlyFromAmong([.. Methods.Keys]);
        var simultaneous = Scales.AnswerShares.CreateOption();

        var command = new Command("nps", "Net Promoter Score of a 0–10 likelihood-to-recommend column with its standard error and confidence interval.");
        common.AddTo(command);
        command.Add(weight);
        command.Add(method);
        command.Add(simultaneous);
        var topicOptions = new NpsTopics.Options().AddTo(command); // topic impact (issue 15 item 2): logic in NpsTopics.cs
        var rakeOptions = new Scales.RakedSurvey.Options().AddTo(command); // raking (issue 15 item 1): logic in RakedNps.cs
        var pairedOptions = new PairedNps.Options().AddTo(command); // paired waves (issue 15 item 3): logic in PairedNps.cs
        command.SetAction(parse =>
        {
            var request = new Request(
                parse.GetRequiredValue(common.Input).ToString(),
                parse.GetRequiredValue(common.Column),
                parse.GetValue(weight),
                parse.GetValue(common.Group),
                parse.GetValue(common.Confidence),
                parse.GetValue(method) ?? "score",
                parse.GetResult(method) is { Implicit: false },
                parse.GetValue(simultaneous),
                topicOptions.Read(parse),
                rakeOptions.Read(parse),
                pairedOptions.Read(parse));
            return CommandOutput.Run(() => Execute(request), common.ParseFormat(parse), parse.GetValue(common.Output), context);
        });
        return command;
    }

    private sealed record Request(string Input, string Column, string? Weight, string? Group, double Confidence, string Method, bool MethodGiven, string? Simultaneous,
        (string Column, char Separator)? Topics, Scales.RakeRequest? Rake = null, (string Wave2, string Id)? Paired = null);

    private static CommandOutput.Result Execute(Request request)
    {
        if (request.Paired is { } paired)
        {
            return request.Weight is not null || request.Group is not null || request.Topics is not null || request.Simultaneous is not null || request.Rake is not null
                ? throw new CommandLineException("--paired: the paired difference is one overall, unweighted comparison; drop --weight, --group, --topics, --simultaneous and --rake.")
                : PairedNps.Execute(request.Input, request.Column, request.Confidence, paired, request.MethodGiven ? request.Method : null);
        }

        if (request.Rake is { } rake)
        {
            return request.Weight is not null || request.Group is not null || request.Topics is not null || request.Simultaneous is not null || request.MethodGiven
                ? throw new CommandLineException("--rake: the raked NPS is one overall estimate (Wald interval on the raked-design SE); drop --weight, --group, --topics, --simultaneous and --method.")
                : RakedNps.Execute(request.Input, request.Column, request.Confidence, rake);
        }

        if (request.Weight is not null && request.MethodGiven && Methods[request.Method] != NpsIntervalMethod.Wald)
        {
            throw new CommandLineException("--method: weighted NPS uses the Wald interval on the linearization standard error; drop --method or use --method wald.");
        }

        if (request.Weight is not null && request.Simultaneous is not null)
        {
            throw new CommandLineException("--simultaneous: the simultaneous intervals are for unweighted answer counts; drop --weight or --simultaneous.");
        }

        var source = SurveySource.FromFile(request.Input);
        using var table = CsvTable.Open(source);
        int scoreColumn = table.Column(request.Column);
        int? weightColumn = request.Weight is null ? null : table.Column(request.Weight);
        int? groupColumn = request.Group is null ? null : table.Column(request.Group);
        var topics = NpsTopics.Open(table, request.Topics, request.Weight is not null);

        var overall = WeightedNpsTally.Empty;
        var groups = new GroupedTallies<WeightedNpsTally>(() => WeightedNpsTally.Empty, request.Group is null ? null : new GroupLimit(table, request.Group));
        long missing = 0;
        var answers = new long[NpsScale.MaxScore - NpsScale.MinScore + 1];
        while (table.Read())
        {
            if (ScoreParser.Score(table, scoreColumn, request.Column, NpsScale.MinScore, NpsScale.MaxScore) is not int score)
            {
                missing++;
                continue;
            }

            // Unweighted runs use weight 1, so one tally type serves both; its Counts are the plain NPS tally.
            answers[score - NpsScale.MinScore]++;
            double w = weightColumn is int wc ? ScoreParser.Weight(table, wc, request.Weight!) : 1.0;
            overall = overall.Add(score, w);
            topics?.Add(table, score);
            if (groupColumn is int gc)
            {
                ref var tally = ref groups[table.Field(gc)];
                tally = tally.Add(score, w);
            }
        }

        if (overall.Counts.Count == 0)
        {
            throw new InputException($"{source.DisplayName}: column '{request.Column}' has no scores (every cell is blank).");
        }

        if (request.Weight is not null && overall.TotalWeight <= 0)
        {
            throw new InputException($"{source.DisplayName}: the weights in column '{request.Weight}' sum to 0; weighted NPS is undefined.");
        }

        var calculator = new NpsCalculator(new TrustMetricsOptions { ConfidenceLevel = request.Confidence, NpsIntervalMethod = Methods[request.Method] });
        var view = new NpsView(calculator, request.Weight is not null, request.Method.ToLowerInvariant());
        var overallRow = view.Compute(overall);
        var zeroWeight = groups.Ordered().FirstOrDefault(pair => request.Weight is not null && pair.Value.TotalWeight <= 0);
        if (zeroWeight.Key is not null)
        {
            throw new InputException($"{source.DisplayName}: group '{zeroWeight.Key}' of column '{request.Group}' has only weight 0 in column '{request.Weight}' "
                + $"({Formatting.Count(zeroWeight.Value.Counts.Count)} responses); its weighted NPS is undefined. Drop those rows or fix their weights.");
        }

        var shares = Scales.AnswerShares.Compute(request.Simultaneous, answers, NpsScale.MinScore, request.Confidence);
        var topicImpact = topics?.Rank(request.Confidence);
        var groupRows = groups.Ordered().Select(pair => (pair.Key, Row: view.Compute(pair.Value))).ToList();

        var summary = new List<string>
        {
            $"Source: {source.DisplayName}, column '{request.Column}'" + (request.Weight is null ? string.Empty : $", weighted by '{request.Weight}'"),
            $"Responses: {Formatting.Count(overall.Counts.Count)}" + (missing > 0 ? $" ({Formatting.Count(missing)} blank cells skipped)" : string.Empty),
        };
        var rows = new List<IReadOnlyList<string>> { view.Cells("All", overallRow) };
        rows.AddRange(groupRows.Select(g => view.Cells(g.Key, g.Row)));
        var document = new Document("Net Promoter Score", summary,
            [new Table(request.Group is null ? "NPS" : $"NPS by {request.Group}", view.Headers(request.Group, request.Confidence), rows, view.Notes()),
            .. shares is null ? Array.Empty<Table>() : [Scales.AnswerShares.ToTable(shares)],
             .. topicImpact is null ? Array.Empty<Table>() : [NpsTopics.Table(topicImpact, request.Confidence)]]);

        void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("metric", "nps");
            json.WriteString("source", source.DisplayName);
            json.WriteString("column", request.Column);
            json.WriteNumber("missing", missing);
            view.Write(json, overallRow);
            if (shares is not null)
            {
                Scales.AnswerShares.Write(json, shares);
            }
            if (request.Group is not null)
            {
                MetricJson.Groups(json, request.Group, groupRows, view.Write);
            }

            if (topicImpact is not null)
            {
                NpsTopics.Write(json, topicImpact);
            }

            json.WriteEndObject();
        }

        return new CommandOutput.Result(document, WriteJson);
    }

    /// <summary>Computes and presents one tally, weighted or not, so overall and group rows share one code path.</summary>
    private sealed class NpsView(NpsCalculator calculator, bool weighted, string method)
    {
        public object Compute(WeightedNpsTally tally) => weighted ? calculator.CalculateWeighted(tally) : calculator.Calculate(tally.Counts);

        public IReadOnlyList<string> Headers(string? group, double level) =>
            [group ?? "Sample", "n", "Promoters", "Passives", "Detractors", "NPS", "SE", $"{Formatting.Level(level)} CI", .. weighted ? new[] { "n eff" } : []];

        public IReadOnlyList<string> Cells(string label, object row) => row switch
        {
            WeightedNpsResult w =>
            [
                label, Formatting.Count(w.Count), Formatting.Count(w.Tally.Counts.Promoters), Formatting.Count(w.Tally.Counts.Passives),
                Formatting.Count(w.Tally.Counts.Detractors), Formatting.Number(w.Score.Value, 1), Formatting.Number(w.Score.StandardError, 1),
                Formatting.Interval(w.Score.Interval, 1), Formatting.Number(w.EffectiveSampleSize, 1),
            ],
            NpsResult r =>
            [
                label, Formatting.Count(r.Count), Formatting.Count(r.Tally.Promoters), Formatting.Count(r.Tally.Passives),
                Formatting.Count(r.Tally.Detractors), Formatting.Number(r.Score.Value, 1), Formatting.Number(r.StandardError, 1),
                Formatting.Interval(r.Interval, 1),
            ],
            _ => throw new InvalidOperationException(),
        };

        public IReadOnlyList<string> Notes() => weighted
            ? ["NPS in points (−100..100); weighted shares, linearization SE (as R survey::svymean), Wald interval."]
            : [$"NPS in points (−100..100); SE from the trinomial variance; interval method: {method}."];

        public void Write(Utf8JsonWriter json, object row)
        {
            if (row is WeightedNpsResult w)
            {
                MetricJson.WeightedNps(json, w);
            }
            else
            {
                MetricJson.Nps(json, (NpsResult)row);
            }
        }
    }
}
