using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TrustMetrics.Churn;
using TrustMetrics.Cli.Clv;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Clv;

namespace TrustMetrics.Cli.Churn;

/// <summary>
/// <c>retention --input customers.csv --covariates a,b [--categorical a] [--period period] [--churned churned]</c>: the sBG with
/// time-invariant covariates (<see cref="ShiftedBetaGeometricCovariateFitter"/>) on one row per customer: the period in which they
/// churned (≥ 1) or, still active, the periods renewed so far (≥ 0), a churned flag (1/0, true/false) and the covariate columns;
/// <c>--categorical</c> columns become treatment contrasts "col=level" against the first level in ordinal order, as in
/// <c>clv fit --covariates</c> (the same matrix builder, <see cref="ClvFitCovariates.Matrix"/>).
/// </summary>
internal sealed class RetentionCovariates
{
    private readonly Option<FileInfo?> input = new("--input", "-i") { Description = "Customers CSV, one row per customer, for the sBG with --covariates (instead of --survivors)." };
    private readonly Option<string> period = new("--period") { Description = "With --input: column with the period the customer churned in (≥ 1) or, still active, the periods renewed so far.", DefaultValueFactory = _ => "period" };
    private readonly Option<string> churned = new("--churned") { Description = "With --input: column with 1 (churned in that period) or 0 (still active); true/false also accepted.", DefaultValueFactory = _ => "churned" };
    private readonly Option<string?> covariates = new("--covariates") { Description = "With --input: comma-separated covariate columns (α_i = α·e^{−γ_αᵀz}, β_i = β·e^{−γ_βᵀz}; docs/retention-sbg.md)." };
    private readonly Option<string?> categorical = new("--categorical") { Description = "Comma-separated subset of --covariates to expand into treatment contrasts (reference: first sorted level)." };

    /// <summary>Adds the options to <c>retention</c>.</summary>
    public void AddTo(Command command)
    {
        command.Add(input);
        command.Add(period);
        command.Add(churned);
        command.Add(covariates);
        command.Add(categorical);
    }

    /// <summary>True when the user asked for the covariate fit (or gave one of its options, which is then checked).</summary>
    public bool Requested(ParseResult parse) =>
        parse.GetValue(input) is not null || parse.GetValue(covariates) is not null || parse.GetValue(categorical) is not null;

    /// <summary>Reads, fits and renders; option errors are <see cref="CommandLineException"/> (exit code 1), data errors <see cref="InputException"/> (2).</summary>
    public CommandOutput.Result Execute(ParseResult parse, double level)
    {
        var file = parse.GetValue(input) ?? throw new CommandLineException("--covariates and --categorical need --input, a customers CSV with one row per customer.");
        string[] names = List(parse.GetValue(covariates));
        if (names.Length == 0)
        {
            throw new CommandLineException("--input needs --covariates naming the covariate columns (for the sBG without covariates give --survivors).");
        }

        var categories = new HashSet<string>(List(parse.GetValue(categorical)), StringComparer.Ordinal);
        foreach (string c in categories.Where(c => !names.Contains(c, StringComparer.Ordinal)))
        {
            throw new CommandLineException($"--categorical {c}: not one of --covariates ({string.Join(",", names)}).");
        }

        var periods = new List<int>();
        var flags = new List<bool>();
        var cells = new List<ClvFitCovariates.Cell[]>();
        string periodColumn = parse.GetValue(period)!, churnedColumn = parse.GetValue(churned)!;
        using (var table = CsvTable.Open(SurveySource.FromFile(file.ToString())))
        {
            int pc = table.Column(periodColumn), cc = table.Column(churnedColumn);
            int[] index = [.. names.Select(table.Column)];
            string display = table.Source.DisplayName;
            while (table.Read())
            {
                string p = table.Field(pc);
                if (!int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out int t) || t < 0)
                {
                    throw InputException.AtCell(display, table.Line, periodColumn, p, "is not a whole number of periods ≥ 0.");
                }

                string f = table.Field(cc).Trim();
                bool flag = f switch
                {
                    "1" or "true" or "True" or "TRUE" => true,
                    "0" or "false" or "False" or "FALSE" => false,
                    _ => throw InputException.AtCell(display, table.Line, churnedColumn, f, "is not 1/0 or true/false."),
                };
                if (flag && t == 0)
                {
                    throw InputException.AtCell(display, table.Line, periodColumn, p, "is 0 for a churned customer: a customer churns in period 1 or later.");
                }

                periods.Add(t);
                flags.Add(flag);
                cells.Add([.. index.Select((c, j) => new ClvFitCovariates.Cell(table.Field(c), display, table.Line, names[j]))]);
            }
        }

        if (periods.Count == 0)
        {
            throw new InputException($"{file}: no customer rows.");
        }

        var matrix = ClvFitCovariates.Matrix(names, categories, [.. cells], periods.Count);
        ShiftedBetaGeometricCovariateFit fit;
        try
        {
            fit = new ShiftedBetaGeometricCovariateFitter().Fit(periods, flags, matrix, new ClvFitOptions(confidenceLevel: level));
        }
        catch (ArgumentException e)
        {
            throw new InputException(e.Message);
        }
        catch (InvalidOperationException e)
        {
            throw new InputException(e.Message);
        }

        return Render(fit, level);
    }

    private static CommandOutput.Result Render(ShiftedBetaGeometricCovariateFit fit, double level)
    {
        var lr = fit.LikelihoodRatio!;

        void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("metric", "sbg");
            json.WriteString("model", "shifted-beta-geometric");
            json.WriteNumber("customers", fit.CustomerCount);
            RetentionCommand.WriteParameters(json, fit.Alpha, fit.Beta);
            ClvFitCovariates.WriteCovariates(json, fit.Coefficients, lr);
            MetricJson.Number(json, "logLikelihood", fit.LogLikelihood);
            MetricJson.Number(json, "aic", fit.Aic);
            MetricJson.Number(json, "bic", fit.Bic);
            json.WriteBoolean("converged", fit.Convergence.Converged);
            json.WriteNumber("iterations", fit.Convergence.Iterations);
            MetricJson.Number(json, "gradientNorm", fit.Convergence.GradientNorm);
            json.WriteEndObject();
        }

        string levelText = Formatting.Level(level);
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "α", "(base)", Formatting.Number(fit.Alpha.Value, 4), Formatting.Number(fit.Alpha.StandardError, 4), Formatting.Interval(fit.Alpha.Interval, 4) },
            new[] { "β", "(base)", Formatting.Number(fit.Beta.Value, 4), Formatting.Number(fit.Beta.StandardError, 4), Formatting.Interval(fit.Beta.Interval, 4) },
        };
        rows.AddRange(fit.Coefficients.Select(c => (IReadOnlyList<string>)
            [c.Parameter, c.Term, Formatting.Number(c.Estimate.Value, 4), Formatting.Number(c.Estimate.StandardError, 4), Formatting.Interval(c.Estimate.Interval, 4)]));
        var document = new Document("Shifted-beta-geometric retention model with covariates",
            [
                $"{Formatting.Count(fit.CustomerCount)} customers; fit {(fit.Convergence.Converged ? "converged" : "did NOT converge")} in {fit.Convergence.Iterations} Newton steps, log-likelihood {Formatting.Number(fit.LogLikelihood, 3)}",
                $"Likelihood-ratio test against the sBG without covariates: G = {Formatting.Number(lr.Statistic, 3)}, df {lr.DegreesOfFreedom}, p = {lr.PValue.ToString("G3", CultureInfo.InvariantCulture)}",
            ],
            [
                new Table("Parameters", ["Parameter", "Term", "Estimate", "SE", $"{levelText} CI"], rows,
                    ["α_i = α·e^{−γ_αᵀz}, β_i = β·e^{−γ_βᵀz} (pymc-marketing's ShiftedBetaGeoModel links): a positive alpha coefficient lowers the churn probability, a positive beta coefficient raises it."]),
            ]);
        return new CommandOutput.Result(document, WriteJson);
    }

    private static string[] List(string? text) =>
        text is null ? [] : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];
}
