using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TrustMetrics.Churn;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Estimation;

namespace TrustMetrics.Cli.Churn;

/// <summary>
/// <c>trustmetrics retention</c>: fits the shifted-beta-geometric model (Fader &amp; Hardie 2007) to a survivors-per-period
/// series and projects survival, retention, lifetime and discounted lifetime.
/// </summary>
internal static class RetentionCommand
{
    public static Command Create(CliContext context)
    {
        var survivors = new Option<string>("--survivors")
        {
            Description = "Customers still active at the start of each period, cohort size first: 1000,631,468,382,… (or --input with --covariates).",
        };
        var project = new Option<int>("--project") { Description = "Periods to project (default: observed + 5).", DefaultValueFactory = _ => 0 };
        var discount = new Option<double>("--discount") { Description = "Discount rate per period for the discounted lifetimes (default 0.10).", DefaultValueFactory = _ => 0.10 };
        var common = new CommonOptions();
        var withCovariates = new RetentionCovariates();
        project.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError("--project must be ≥ 0.");
            }
        });
        discount.Validators.Add(r =>
        {
            double d = r.GetValueOrDefault<double>();
            if (!(d >= 1e-6 && d < 10))
            {
                r.AddError("--discount must be a rate per period in [0.000001, 10), for example 0.1.");
            }
        });

        var command = new Command("retention", "Fit the shifted-beta-geometric (sBG) retention model to a survivors series and project it.");
        command.Add(survivors);
        command.Add(project);
        command.Add(discount);
        command.Add(common.Confidence);
        command.Add(common.Format);
        command.Add(common.Output);
        withCovariates.AddTo(command);
        command.SetAction(parse =>
        {
            if (withCovariates.Requested(parse))
            {
                if (parse.GetValue(survivors) is not null)
                {
                    throw new CommandLineException("--survivors and --input are alternatives: the cohort series or one row per customer with --covariates.");
                }

                double covariateLevel = parse.GetValue(common.Confidence);
                return CommandOutput.Run(() => withCovariates.Execute(parse, covariateLevel), common.ParseFormat(parse), parse.GetValue(common.Output), context);
            }

            string text = parse.GetValue(survivors) ?? throw new CommandLineException("retention needs --survivors (a cohort series) or --input with --covariates (one row per customer).");
            int horizon = parse.GetValue(project);
            double rate = parse.GetValue(discount);
            double level = parse.GetValue(common.Confidence);
            return CommandOutput.Run(() => Execute(text, horizon, rate, level), common.ParseFormat(parse), parse.GetValue(common.Output), context);
        });
        return command;
    }

    private static long[] ParseSurvivors(string text)
    {
        string[] parts = text.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var counts = new long[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out counts[i]) || counts[i] < 0)
            {
                throw new InputException($"--survivors: element {i + 1} ('{parts[i]}') is not a non-negative whole number.");
            }
        }

        return counts;
    }

    private static CommandOutput.Result Execute(string text, int horizon, double discount, double level)
    {
        long[] counts = ParseSurvivors(text);
        ShiftedBetaGeometricFit fit;
        try
        {
            fit = new ShiftedBetaGeometric(new TrustMetricsOptions { ConfidenceLevel = level }).Fit(counts, level);
        }
        catch (ArgumentException e)
        {
            // The model explains why a series has no finite estimate (no churn, everyone lost, non-rising retention).
            throw new InputException($"--survivors: {e.Message}");
        }

        int periods = horizon > 0 ? horizon : fit.Periods + 5;
        var projection = fit.Parameters.Project(periods);
        double del = fit.Parameters.DiscountedExpectedLifetime(discount);
        double derl = fit.Parameters.DiscountedExpectedResidualLifetime(discount, fit.Periods + 1);

        void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("metric", "sbg");
            json.WriteString("model", "shifted-beta-geometric");
            json.WriteNumber("cohortSize", fit.CohortSize);
            json.WriteNumber("periods", fit.Periods);
            WriteParameters(json, fit.Alpha, fit.Beta);
            MetricJson.Estimate(json, "alpha", fit.Alpha);
            MetricJson.Estimate(json, "beta", fit.Beta);
            json.WriteNumber("logLikelihood", fit.LogLikelihood);
            json.WriteBoolean("converged", fit.Convergence.Converged);
            json.WriteNumber("iterations", fit.Convergence.Iterations);
            json.WriteNumber("gradientNorm", fit.Convergence.GradientNorm);
            MetricJson.Number(json, "expectedLifetime", fit.Parameters.ExpectedLifetime);
            MetricJson.Number(json, "medianLifetime", fit.Parameters.MedianLifetime);
            json.WriteNumber("discountRate", discount);
            json.WriteNumber("discountedExpectedLifetime", del);
            json.WriteNumber("discountedExpectedResidualLifetime", derl);
            json.WriteStartArray("projection");
            foreach (var p in projection)
            {
                json.WriteStartObject();
                json.WriteNumber("period", p.Period);
                json.WriteNumber("survival", p.Survival);
                json.WriteNumber("retentionRate", p.RetentionRate);
                json.WriteNumber("churnProbability", p.ChurnProbability);
                if (p.Period <= fit.Periods)
                {
                    json.WriteNumber("observedSurvival", fit.ObservedSurvival(p.Period));
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        string levelText = Formatting.Level(level);
        var document = new Document("Shifted-beta-geometric retention model",
            [
                $"Cohort of {Formatting.Count(fit.CohortSize)} observed for {fit.Periods} periods; fit {(fit.Convergence.Converged ? "converged" : "did NOT converge")} in {fit.Convergence.Iterations} iterations, log-likelihood {Formatting.Number(fit.LogLikelihood, 3)}",
                $"Expected lifetime: {(double.IsFinite(fit.Parameters.ExpectedLifetime) ? Formatting.Number(fit.Parameters.ExpectedLifetime, 2) + " periods" : "infinite (α ≤ 1: the mean does not exist; use the median or the discounted lifetime)")}; median lifetime {Formatting.Number(fit.Parameters.MedianLifetime, 2)} periods",
                $"Discounted expected lifetime of a new customer at {Formatting.Number(100 * discount, 1)}% per period: {Formatting.Number(del, 3)}; residual lifetime of a customer renewing now: {Formatting.Number(derl, 3)}",
            ],
            [
                new Table("Parameters", ["Parameter", "Estimate", "SE", $"{levelText} CI"],
                [
                    ["α", Formatting.Number(fit.Alpha.Value, 4), Formatting.Number(fit.Alpha.StandardError, 4), Formatting.Interval(fit.Alpha.Interval, 4)],
                    ["β", Formatting.Number(fit.Beta.Value, 4), Formatting.Number(fit.Beta.StandardError, 4), Formatting.Interval(fit.Beta.Interval, 4)],
                ], []),
                new Table("Projection", ["Period", "Survival %", "Observed %", "Retention rate %", "Churn probability %"],
                    projection.Select(p => (IReadOnlyList<string>)
                    [
                        p.Period.ToString(CultureInfo.InvariantCulture), Formatting.Number(100 * p.Survival, 2),
                        p.Period <= fit.Periods ? Formatting.Number(100 * fit.ObservedSurvival(p.Period), 2) : string.Empty,
                        Formatting.Number(100 * p.RetentionRate, 2), Formatting.Number(100 * p.ChurnProbability, 2),
                    ]).ToList(),
                    ["Retention rises with tenure because the customers most likely to churn leave first (heterogeneity), not because anyone's behaviour changes."]),
            ]);
        return new CommandOutput.Result(document, WriteJson);
    }

    /// <summary>The sBG's <c>parameters</c> and <c>standardErrors</c> objects (α, β), shared by the cohort fit and the fit with covariates.</summary>
    internal static void WriteParameters(Utf8JsonWriter json, Estimate alpha, Estimate beta)
    {
        json.WriteStartObject("parameters");
        json.WriteNumber("alpha", alpha.Value);
        json.WriteNumber("beta", beta.Value);
        json.WriteEndObject();
        json.WriteStartObject("standardErrors");
        MetricJson.Number(json, "alpha", alpha.StandardError);
        MetricJson.Number(json, "beta", beta.StandardError);
        json.WriteEndObject();
    }
}
