using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Clv;

namespace TrustMetrics.Cli.Clv;

/// <summary>
/// <c>clv fit --covariates a,b [--customers FILE] [--categorical a]</c>: BG/NBD or Pareto/NBD with time-invariant covariates
/// (<see cref="BgNbdCovariateFitter"/>, <see cref="ParetoNbdCovariateFitter"/>). Covariates come from the customers file joined on
/// the id column (<c>--customer-column</c>, in both files) or, without <c>--customers</c>, from the summary's own columns;
/// <c>--categorical</c> columns become treatment contrasts "col=level" against the first level in ordinal sort order.
/// </summary>
internal sealed class ClvFitCovariates
{
    private readonly Option<FileInfo?> customers = new("--customers") { Description = "Customers CSV holding the covariates, joined on --customer-column (default: read the covariates from the summary)." };
    private readonly Option<string?> covariates = new("--covariates") { Description = "Comma-separated covariate columns (bgnbd and paretonbd; CLVTools' parameterisation, docs/clv.md)." };
    private readonly Option<string?> categorical = new("--categorical") { Description = "Comma-separated subset of --covariates to expand into treatment contrasts (reference: first sorted level)." };

    /// <summary>Adds the three options to <c>clv fit</c>.</summary>
    public void AddTo(Command command)
    {
        command.Add(customers);
        command.Add(covariates);
        command.Add(categorical);
    }

    /// <summary>True when the user asked for covariates (or gave one of their options, which is then checked).</summary>
    public bool Requested(ParseResult parse) =>
        parse.GetValue(covariates) is not null || parse.GetValue(customers) is not null || parse.GetValue(categorical) is not null;

    /// <summary>Reads, joins, fits and renders; option errors are <see cref="CommandLineException"/> (exit code 1), data errors <see cref="InputException"/> (2).</summary>
    public string Run(ParseResult parse, string model, string summaryPath, ClvInput.Columns columns, double penalizer, bool json)
    {
        _ = Terms(parse, model);
        if (penalizer != 0)
        {
            throw new CommandLineException("--penalizer cannot be combined with --covariates (fits with covariates are unpenalised).");
        }

        var rows = ReadRows(parse, summaryPath, columns, needMonetary: false);
        var (fit, _, _) = FitRows(parse, model, summaryPath, columns, rows);
        return json ? Json(fit) : Text(fit);
    }

    /// <summary>The covariate names and the categorical subset, checked (exit 1 naming the option).</summary>
    private (string[] Names, HashSet<string> Categories) Terms(ParseResult parse, string model)
    {
        string[] names = List(parse.GetValue(covariates));
        if (names.Length == 0)
        {
            throw new CommandLineException("--customers and --categorical need --covariates naming the covariate columns.");
        }

        if (model is not ("bgnbd" or "paretonbd"))
        {
            throw new CommandLineException($"--covariates works with --model bgnbd or paretonbd; got {model}.");
        }

        var categories = new HashSet<string>(List(parse.GetValue(categorical)), StringComparer.Ordinal);
        foreach (string c in categories.Where(c => !names.Contains(c, StringComparer.Ordinal)))
        {
            throw new CommandLineException($"--categorical {c}: not one of --covariates ({string.Join(",", names)}).");
        }

        return (names, categories);
    }

    /// <summary>The summary rows as <see cref="Run"/> and <c>clv predict --covariates</c> read them (customer ids required with --customers).</summary>
    public List<ClvInput.Row> ReadRows(ParseResult parse, string summaryPath, ClvInput.Columns columns, bool needMonetary) =>
        ClvInput.ReadSummary(summaryPath, columns with { RequireCustomer = parse.GetValue(customers) is not null || columns.RequireCustomer }, needMonetary);

    /// <summary>
    /// Joins the covariates to <paramref name="rows"/> and fits the model with them; returns the fit, every row's covariate
    /// vector in the fit's column order (for <see cref="CovariateFit.ModelFor"/>) and the matrix it was fitted on (for the
    /// intervals). Errors are <see cref="InputException"/>.
    /// </summary>
    public (CovariateFit Fit, double[][] Covariates, CovariateMatrix Matrix) FitRows(ParseResult parse, string model, string summaryPath, ClvInput.Columns columns, List<ClvInput.Row> rows)
    {
        var (names, categories) = Terms(parse, model);
        var cells = parse.GetValue(customers) is { } file
            ? Joined(file.ToString(), columns.Customer, names, rows)
            : FromSummary(summaryPath, names, rows);
        var matrix = Matrix(names, categories, cells, rows.Count);
        var histories = rows.Select(r => r.History).ToArray();
        CovariateFit fit;
        try
        {
            IClvCovariateFitter fitter = model == "bgnbd" ? new BgNbdCovariateFitter() : new ParetoNbdCovariateFitter();
            fit = fitter.Fit(histories, matrix);
        }
        catch (ArgumentException e)
        {
            throw new InputException(e.Message);
        }
        catch (InvalidOperationException e)
        {
            throw new InputException(e.Message);
        }

        var vectors = new double[rows.Count][];
        for (int i = 0; i < vectors.Length; i++)
        {
            vectors[i] = new double[matrix.Count];
            for (int j = 0; j < matrix.Count; j++)
            {
                vectors[i][j] = matrix[i, j];
            }
        }

        return (fit, vectors, matrix);
    }

    private static string[] List(string? text) =>
        text is null ? [] : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    /// <summary>Covariate cells (raw text, with their file and line for errors) for each summary row, from the summary itself.</summary>
    private static Cell[][] FromSummary(string path, string[] names, List<ClvInput.Row> rows)
    {
        var byLine = new Dictionary<long, Cell[]>();
        using (var table = CsvTable.Open(SurveySource.FromFile(path)))
        {
            int[] index = [.. names.Select(table.Column)];
            while (table.Read())
            {
                byLine[table.Line] = [.. index.Select((c, j) => new Cell(table.Field(c), table.Source.DisplayName, table.Line, names[j]))];
            }
        }

        return [.. rows.Select(r => byLine[r.Line])];
    }

    /// <summary>Covariate cells for each summary row from the customers file, joined on the id column; a summary customer missing there is an error naming it.</summary>
    private static Cell[][] Joined(string path, string idColumn, string[] names, List<ClvInput.Row> rows)
    {
        var byId = new Dictionary<string, Cell[]>(StringComparer.Ordinal);
        string display;
        using (var table = CsvTable.Open(SurveySource.FromFile(path)))
        {
            display = table.Source.DisplayName;
            int id = table.Column(idColumn);
            int[] index = [.. names.Select(table.Column)];
            while (table.Read())
            {
                string key = table.Field(id);
                if (!byId.TryAdd(key, [.. index.Select((c, j) => new Cell(table.Field(c), display, table.Line, names[j]))]))
                {
                    throw new InputException($"{display}, line {table.Line}: customer '{key}' appears more than once; give one row per customer.");
                }
            }
        }

        var result = new Cell[rows.Count][];
        for (int i = 0; i < rows.Count; i++)
        {
            if (!byId.TryGetValue(rows[i].Customer, out var cells))
            {
                throw new InputException($"customer '{rows[i].Customer}' (summary line {rows[i].Line}) is not in {display} (joined on column '{idColumn}').");
            }

            result[i] = cells;
        }

        return result;
    }

    /// <summary>Numeric columns as they are; categorical ones as 0/1 columns "name=level" for every level but the first in ordinal order.</summary>
    internal static CovariateMatrix Matrix(string[] names, HashSet<string> categories, Cell[][] cells, int n)
    {
        var terms = new List<string>();
        var columns = new List<double[]>();
        for (int j = 0; j < names.Length; j++)
        {
            if (categories.Contains(names[j]))
            {
                foreach (var cell in cells.Select(c => c[j]).Where(c => c.Text.Length == 0))
                {
                    throw new InputException($"{cell.File}, line {cell.Line}, column '{cell.Column}': empty category.");
                }

                var levels = cells.Select(c => c[j].Text).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                if (levels.Length < 2)
                {
                    throw new InputException($"--categorical {names[j]}: only one level ('{levels[0]}'); a covariate needs at least two.");
                }

                foreach (string level in levels.Skip(1))
                {
                    terms.Add(names[j] + "=" + level);
                    columns.Add([.. cells.Select(c => string.Equals(c[j].Text, level, StringComparison.Ordinal) ? 1.0 : 0.0)]);
                }
            }
            else
            {
                terms.Add(names[j]);
                columns.Add([.. cells.Select(c => c[j].Number())]);
            }
        }

        var values = new double[n, terms.Count];
        for (int c = 0; c < terms.Count; c++)
        {
            for (int i = 0; i < n; i++)
            {
                values[i, c] = columns[c][i];
            }
        }

        try
        {
            return new CovariateMatrix(terms, values);
        }
        catch (ArgumentException e)
        {
            throw new InputException(e.Message);
        }
    }

    private static string Json(CovariateFit fit)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("model", fit.Model);
            json.WriteNumber("n", fit.CustomerCount);
            json.WriteNumber("rows", fit.CustomerCount);
            json.WriteNumber("skipped", 0);
            json.WriteNumber("zeroSpendExcluded", 0);
            json.WriteStartObject("parameters");
            foreach (string name in fit.ParameterNames)
            {
                MetricJson.Number(json, name, fit.Estimates[name].Value);
            }

            json.WriteEndObject();
            json.WriteStartObject("standardErrors");
            foreach (string name in fit.ParameterNames)
            {
                MetricJson.Number(json, name, fit.Estimates[name].StandardError);
            }

            json.WriteEndObject();
            WriteCovariates(json, fit.Coefficients, fit.LikelihoodRatio!);
            MetricJson.Number(json, "logLikelihood", fit.LogLikelihood);
            json.WriteBoolean("converged", fit.Convergence.Converged);
            json.WriteNumber("iterations", fit.Convergence.Iterations);
            MetricJson.Number(json, "gradientNorm", fit.Convergence.GradientNorm);
            json.WriteString("message", fit.Convergence.Message);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    private static string Text(CovariateFit fit)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Model: {fit.Model} with covariates, customers: {Formatting.Count(fit.CustomerCount)}\n");
        foreach (string name in fit.ParameterNames)
        {
            var e = fit.Estimates[name];
            text.Append(CultureInfo.InvariantCulture, $"  {name,-6} {e.Value,14:G8}   SE {e.StandardError:G6}\n");
        }

        text.Append("Covariates (alpha/lambda: purchase rate, + raises it; ab: BG/NBD dropout concentration; mu: Pareto/NBD dropout rate, + raises it):\n");
        foreach (var c in fit.Coefficients)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {c.Parameter,-6} {c.Term,-24} {c.Estimate.Value,12:G6}   SE {c.Estimate.StandardError:G4}\n");
        }

        var lr = fit.LikelihoodRatio!;
        text.Append(CultureInfo.InvariantCulture, $"Likelihood ratio vs no covariates: G = {lr.Statistic:G6}, df {lr.DegreesOfFreedom}, p = {lr.PValue:G3}\n");
        text.Append(CultureInfo.InvariantCulture, $"Log-likelihood: {fit.LogLikelihood:F4}\nConverged: {(fit.Convergence.Converged ? "yes" : "no")} after {fit.Convergence.Iterations} iterations (gradient norm {fit.Convergence.GradientNorm:G3}; {fit.Convergence.Message})\n");
        return text.ToString();
    }

    /// <summary>One covariate cell as read, with where it came from.</summary>
    internal sealed record Cell(string Text, string File, long Line, string Column)
    {
        public double Number() => Numbers.TryParse(Text, out double v)
            ? v
            : throw InputException.AtCell(File, Line, Column, Text, "is not a finite number (use --categorical for a categorical covariate)." + Numbers.Hint(Text));
    }

    /// <summary>
    /// The <c>covariates</c> array (parameter, term, coef, se) and the <c>likelihoodRatio</c> object (statistic, df, p,
    /// nullLogLikelihood) of a covariate fit: the JSON contract shared by <c>clv fit</c> and <c>retention</c> with covariates.
    /// </summary>
    internal static void WriteCovariates(Utf8JsonWriter json, IReadOnlyList<CovariateCoefficient> coefficients, CovariateLikelihoodRatio lr)
    {
        json.WriteStartArray("covariates");
        foreach (var c in coefficients)
        {
            json.WriteStartObject();
            json.WriteString("parameter", c.Parameter);
            json.WriteString("term", c.Term);
            MetricJson.Number(json, "coef", c.Estimate.Value);
            MetricJson.Number(json, "se", c.Estimate.StandardError);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("likelihoodRatio");
        MetricJson.Number(json, "statistic", lr.Statistic);
        json.WriteNumber("df", lr.DegreesOfFreedom);
        MetricJson.Number(json, "p", lr.PValue);
        MetricJson.Number(json, "nullLogLikelihood", lr.NullLogLikelihood);
        json.WriteEndObject();
    }
}
