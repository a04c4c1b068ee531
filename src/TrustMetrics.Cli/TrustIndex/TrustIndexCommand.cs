using System.CommandLine;
using System.Globalization;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Scales;
using TrustMetrics.TrustIndex;

namespace TrustMetrics.Cli.TrustIndex;

/// <summary>
/// <c>trustmetrics trust-index</c>: the composite trust index of Likert items grouped into dimensions (default: the five drivers
/// with columns transparency1..3, …), with Cronbach's alpha, seeded bootstrap intervals, per-group results, key drivers of an
/// outcome, the sensitivity analysis and, with --period, the trust breakdown alert between two periods.
/// </summary>
internal static class TrustIndexCommand
{
    private static readonly Dictionary<string, TrustWeighting> Weightings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["equal"] = TrustWeighting.Equal,
        ["pca"] = TrustWeighting.Pca,
        ["bod"] = TrustWeighting.BenefitOfTheDoubt,
        ["user"] = TrustWeighting.User,
    };

    private static readonly Dictionary<string, TrustAggregation> Aggregations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["arithmetic"] = TrustAggregation.Arithmetic,
        ["geometric"] = TrustAggregation.Geometric,
    };

    private static readonly Dictionary<string, TrustNormalization> Normalizations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["theoretical"] = TrustNormalization.TheoreticalBounds,
        ["empirical"] = TrustNormalization.EmpiricalMinMax,
        ["zscore"] = TrustNormalization.ZScore,
        ["target"] = TrustNormalization.DistanceToTarget,
    };

    private static readonly Dictionary<string, MissingAnswerPolicy> Policies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["available"] = MissingAnswerPolicy.AvailableItemMean,
        ["listwise"] = MissingAnswerPolicy.Listwise,
    };

    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var dimension = new Option<string[]>("--dimension", "-d")
        {
            Description = "A dimension and its item columns, NAME=ITEM1,ITEM2,… (repeat for each). Default: the five drivers with columns transparency1..3, consistency1..3, accountability1..3, expertise1..3, empathy1..3 found in the file.",
        };
        dimension.Validators.Add(result =>
        {
            foreach (string text in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (TrustIndexInput.ParseDimension(text) is null)
                {
                    result.AddError($"--dimension '{text}' is not NAME=ITEM1,ITEM2,….");
                }
            }
        });
        var reverse = new Option<string[]>("--reverse") { Description = "Reverse-coded item column(s) (x' = min + max − x); repeat or separate with commas." };
        var outcome = new Option<string?>("--outcome") { Description = "Outcome column for key-driver analysis (e.g. nps, overall trust): Johnson's relative weights and Shapley R²." };
        var weights = new Option<string>("--weights") { Description = "Weighting: equal (default), pca, bod (benefit of the doubt; needs --group with ≥ 2 groups) or user (with --weight).", DefaultValueFactory = _ => "equal" };
        weights.AcceptOnlyFromAmong([.. Weightings.Keys]);
        var weight = new Option<string[]>("--weight") { Description = "User weight of a dimension, NAME=VALUE (repeat); implies --weights user." };
        var aggregation = new Option<string>("--aggregation") { Description = "Aggregation: arithmetic (default, compensatory) or geometric (rewards balanced profiles).", DefaultValueFactory = _ => "arithmetic" };
        aggregation.AcceptOnlyFromAmong([.. Aggregations.Keys]);
        var normalization = new Option<string>("--normalization") { Description = "Normalisation: theoretical (default: scale bounds), empirical (min–max), zscore or target (with --target).", DefaultValueFactory = _ => "theoretical" };
        normalization.AcceptOnlyFromAmong([.. Normalizations.Keys]);
        var target = new Option<double?>("--target") { Description = "Target answer for --normalization target (scale units; default the scale maximum)." };
        var missing = new Option<string>("--missing") { Description = "Missing answers: available (default: mean of answered items if at least --min-answered of them) or listwise.", DefaultValueFactory = _ => "available" };
        missing.AcceptOnlyFromAmong([.. Policies.Keys]);
        var minAnswered = new Option<double>("--min-answered") { Description = "Smallest share of a dimension's items a respondent must answer (available-item mean), in (0, 1].", DefaultValueFactory = _ => 0.5 };
        var scaleMin = new Option<int>("--scale-min") { Description = "Lowest answer of the items' scale.", DefaultValueFactory = _ => 1 };
        var scaleMax = new Option<int>("--scale-max") { Description = "Highest answer of the items' scale.", DefaultValueFactory = _ => 5 };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap replicates of every interval (0 = none).", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the bootstrap and the sensitivity analysis (results are reproducible).", DefaultValueFactory = _ => 20260501 };
        var sensitivity = new Option<int>("--sensitivity") { Description = "Monte Carlo draws of the sensitivity analysis over normalisation × weighting × aggregation and weight perturbation (0 = skip).", DefaultValueFactory = _ => 0 };
        var sobol = new Option<int>("--sobol") { Description = "Sampling vs method: N base rows of a Sobol (Saltelli) design over normalisation, weighting, aggregation, missing answers and 200 respondent resamples (0 = skip; try 1024).", DefaultValueFactory = _ => 0 };
        var period = new Option<string?>("--period") { Description = "Period column: compare the last two periods (or --previous/--current) per group and flag significant drops (trust breakdown alert)." };
        var previous = new Option<string?>("--previous") { Description = "Label of the earlier period for --period (default: the second-to-last label in sorted order)." };
        var current = new Option<string?>("--current") { Description = "Label of the later period for --period (default: the last label in sorted order)." };

        var command = new Command("trust-index", "Composite trust index (0–100) of driver items with Cronbach's alpha, bootstrap intervals, groups, key drivers, sensitivity and breakdown alerts.");
        command.Add(common.Input);
        command.Add(dimension);
        command.Add(reverse);
        command.Add(common.Group);
        command.Add(outcome);
        command.Add(weights);
        command.Add(weight);
        command.Add(aggregation);
        command.Add(normalization);
        command.Add(target);
        command.Add(missing);
        command.Add(minAnswered);
        command.Add(scaleMin);
        command.Add(scaleMax);
        command.Add(bootstrap);
        command.Add(seed);
        command.Add(sensitivity);
        command.Add(sobol);
        command.Add(period);
        command.Add(previous);
        command.Add(current);
        var importancePerformance = new ImportancePerformanceCli();
        importancePerformance.AddTo(command);
        command.Add(common.Confidence);
        command.Add(common.Format);
        command.Add(common.Output);
        command.SetAction(parse =>
        {
            var request = new Request(
                parse.GetRequiredValue(common.Input).ToString(),
                (parse.GetValue(dimension) ?? []).Select(t => TrustIndexInput.ParseDimension(t)!).ToArray(),
                (parse.GetValue(reverse) ?? []).SelectMany(r => r.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray(),
                parse.GetValue(common.Group),
                parse.GetValue(outcome),
                parse.GetValue(weight) is { Length: > 0 } ? "user" : parse.GetValue(weights)!,
                parse.GetValue(weight) ?? [],
                Aggregations[parse.GetValue(aggregation)!],
                Normalizations[parse.GetValue(normalization)!],
                parse.GetValue(target),
                Policies[parse.GetValue(missing)!],
                parse.GetValue(minAnswered),
                parse.GetValue(scaleMin),
                parse.GetValue(scaleMax),
                parse.GetValue(bootstrap),
                parse.GetValue(seed),
                parse.GetValue(sensitivity),
                parse.GetValue(period),
                parse.GetValue(previous),
                parse.GetValue(current),
                parse.GetValue(common.Confidence),
                parse.GetValue(sobol));
            return CommandOutput.Run(() => Execute(request, importancePerformance.Read(parse)), common.ParseFormat(parse), parse.GetValue(common.Output), context);
        });
        return command;
    }

    internal sealed record Request(
        string Input,
        TrustDimension[] Dimensions,
        string[] Reverse,
        string? Group,
        string? Outcome,
        string Weighting,
        string[] Weights,
        TrustAggregation Aggregation,
        TrustNormalization Normalization,
        double? Target,
        MissingAnswerPolicy Missing,
        double MinimumAnswered,
        int ScaleMin,
        int ScaleMax,
        int Bootstrap,
        int Seed,
        int Sensitivity,
        string? Period,
        string? Previous,
        string? Current,
        double Confidence,
        int Sobol = 0);

    private static CommandOutput.Result Execute(Request request, ImportancePerformanceCli.Settings? importancePerformance = null)
    {
        if (request.ScaleMax <= request.ScaleMin)
        {
            throw new CommandLineException($"--scale-max ({request.ScaleMax}) must be greater than --scale-min ({request.ScaleMin}).");
        }

        var source = SurveySource.FromFile(request.Input);
        var data = TrustIndexInput.Read(source, request.Dimensions, request.ScaleMin, request.ScaleMax, request.Group, request.Outcome, request.Period);
        var options = new TrustIndexOptions
        {
            Scale = new RatingScale(request.ScaleMin, request.ScaleMax),
            Dimensions = data.Dimensions,
            ReverseCodedItems = ResolveReverse(request.Reverse, data),
            MissingAnswers = request.Missing,
            MinimumAnsweredShare = request.MinimumAnswered,
            Normalization = request.Normalization,
            Target = request.Target,
            Weighting = Weightings[request.Weighting],
            Weights = request.Weighting == "user" ? ParseWeights(request.Weights) : null,
            Aggregation = request.Aggregation,
            BootstrapReplicates = request.Bootstrap,
            Seed = request.Seed,
            ConfidenceLevel = request.Confidence,
            SensitivityReplicates = request.Sensitivity,
        };

        var calculator = new TrustIndexCalculator();
        try
        {
            var result = calculator.Calculate(data.Survey, options);
            TrustBreakdownResult? breakdown = null;
            (string Previous, string Current)? periods = null;
            if (data.Periods is { } labels)
            {
                periods = PickPeriods(labels, request);
                breakdown = calculator.CompareTrustPeriods(Subset(data.Survey, labels, periods.Value.Previous), Subset(data.Survey, labels, periods.Value.Current), options);
            }

            var grid = ImportancePerformanceCli.Run(importancePerformance, calculator, data.Survey, options);
            var sobol = request.Sobol > 0 ? TrustIndexSobolOutput.Compute(data.Survey, options, request.Sobol, request.Bootstrap > 0) : null;
            return TrustIndexOutput.Render(source, request, result, breakdown, periods, grid, sobol);
        }
        catch (ArgumentException e)
        {
            // Choices that are undefined for this data (BoD without groups, constant outcome, an off-scale option) are data errors here.
            throw new InputException($"{source.DisplayName}: {FirstLine(e.Message)}");
        }
    }

    private static string[] ResolveReverse(string[] reverse, TrustIndexInput.Data data)
    {
        var items = data.Survey.ItemNames;
        return reverse.Select(r => items.FirstOrDefault(i => string.Equals(i, r, StringComparison.Ordinal))
            ?? items.FirstOrDefault(i => string.Equals(i.Trim(), r.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new InputException($"--reverse '{r}' is not an item of any dimension. Items: {string.Join(", ", items)}.")).ToArray();
    }

    private static Dictionary<string, double> ParseWeights(string[] weights)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string text in weights)
        {
            int eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !double.TryParse(text[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                throw new CommandLineException($"--weight '{text}' is not NAME=VALUE.");
            }

            result[text[..eq].Trim()] = value;
        }

        if (result.Count == 0)
        {
            throw new CommandLineException("--weights user needs --weight NAME=VALUE for every dimension.");
        }

        return result;
    }

    private static (string Previous, string Current) PickPeriods(string[] labels, Request request)
    {
        var distinct = labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        string currentLabel = request.Current ?? (distinct.Count >= 1 ? distinct[^1] : "");
        string previousLabel = request.Previous ?? distinct.Where(l => string.CompareOrdinal(l, currentLabel) < 0).LastOrDefault() ?? "";
        foreach (var (label, option) in new[] { (previousLabel, "--previous"), (currentLabel, "--current") })
        {
            if (!distinct.Contains(label))
            {
                throw new InputException($"{option}: the period column '{request.Period}' has no rows labelled '{label}'. Periods: {string.Join(", ", distinct)}.");
            }
        }

        if (previousLabel == currentLabel)
        {
            throw new InputException($"--period: two different periods are needed; '{request.Period}' has only '{currentLabel}'.");
        }

        return (previousLabel, currentLabel);
    }

    /// <summary>The respondents of one period (segments and outcome kept), for the breakdown alert.</summary>
    internal static TrustSurvey Subset(TrustSurvey survey, string[] labels, string label)
    {
        int k = survey.ItemNames.Count;
        var rows = Enumerable.Range(0, survey.RespondentCount).Where(r => labels[r] == label).ToArray();
        var values = new double[rows.Length * k];
        for (int i = 0; i < rows.Length; i++)
        {
            survey.Responses.Slice(rows[i] * k, k).CopyTo(values.AsSpan(i * k, k));
        }

        var segments = survey.Segments is { } s ? rows.Select(r => s[r]).ToArray() : null;
        var outcome = survey.Outcome.IsEmpty ? null : rows.Select(r => survey.Outcome[r]).ToArray();
        return new TrustSurvey(survey.ItemNames, values, segments, outcome, survey.OutcomeName);
    }

    private static string FirstLine(string message)
    {
        int cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
