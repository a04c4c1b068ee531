#!/usr/bin/env dotnet
// Generates the sample survey embedded in the trustmetrics CLI (src/TrustMetrics.Cli/Sample/survey.csv).
//
//   dotnet run scripts/generate-sample.cs [output-path]
//
// The data is fictional: customers of "Hanbit Home Appliances" answering NPS (0-10), CSAT (1-5) and CES (1-7).
// The output is fully determined by Seed: same seed, same bytes (invariant culture, "\n" line endings,
// UTF-8 without BOM). Only the BCL is used. See src/TrustMetrics.Cli/Sample/README.md for the model.
#:property GenerateDocumentationFile=false
#:property InvariantGlobalization=true

using System.Globalization;
using System.Text;

const int Seed = 50;                       // see the README: how this seed was picked
const int Respondents = 4000;
const string DefaultOutput = "src/TrustMetrics.Cli/Sample/survey.csv";

string[] segments = ["Consumer", "SMB", "Enterprise"];
string[] channels = ["web", "app", "phone", "store"];
string[] months = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"];

// Segment sizes (Consumer 60%, SMB 30%, Enterprise 10%) and, per segment, how its customers reach the survey.
double[] segmentWeights = [0.60, 0.30, 0.10];
double[][] channelWeightsBySegment =
[
    [0.30, 0.35, 0.10, 0.25], // Consumer: app-heavy, buys in stores
    [0.45, 0.15, 0.30, 0.10], // SMB: web portal and phone
    [0.40, 0.05, 0.50, 0.05], // Enterprise: account managers on the phone
];
// Responses per month: slowly growing survey volume.
double[] monthWeights = [0.15, 0.16, 0.16, 0.17, 0.18, 0.18];

// Mean of the latent satisfaction z, additive on the standard-normal scale (one unit ~ 50-60 NPS points).
double[] segmentEffect = [-0.06, -0.20, 0.32];
double[] channelEffect = [0.00, 0.05, -0.10, 0.10];
const double MonthlyTrend = 0.02;          // a slight improvement month over month
const int DipChannel = 1;                  // app
const int DipMonth = 3;                    // 2026-04: the botched app update
const double DipEffect = -0.36;            // ~ -21 NPS points (expected) for app in that month

// Each answer reads the latent z through its own noise, then cut points map it to the scale.
const double NpsNoise = 0.6;
const double CsatNoise = 0.6;
const double CesLoading = 0.8;             // effort is only partly satisfaction...
const double CesNoise = 0.8;
double[] channelEffort = [0.00, 0.10, -0.60, 0.20]; // ...and partly the channel: phone is harder

// Cut points: standard-normal quantiles (scaled by each answer's spread) of a target distribution
// for a reference customer whose z has mean 0 (the effects above then shift it).
// NPS 0..10: 2.5, 1, 1.5, 2, 2.5, 6.5, 9, 15, 20, 17, 23 %  (NPS +15)
double[] npsCuts = [-2.286, -2.113, -1.918, -1.721, -1.528, -1.160, -0.787, -0.295, 0.295, 0.862];
// CSAT 1..5: 5, 7, 14, 38, 36 %  (top-2-box 74%)
double[] csatCuts = [-1.918, -1.370, -0.750, 0.418];
// CES 1..7: 4, 6, 9, 16, 25, 24, 16 %  (5-7: 65%)
double[] cesCuts = [-1.981, -1.450, -0.993, -0.436, 0.287, 1.125];

const double CsatBlankRate = 0.02;         // CSAT question skipped
const double CesBlankRate = 0.03;          // CES question not asked or skipped

// new Random(seed) uses the legacy seeded algorithm, whose sequence .NET keeps stable across versions.
var random = new Random(Seed);
// The default output is relative to the repository root (the script's parent folder), whatever the current folder;
// an explicit path is relative to the current folder.
var repositoryRoot = AppContext.GetData("EntryPointFileDirectoryPath") is string scriptDirectory
    ? Path.GetFullPath(Path.Combine(scriptDirectory, ".."))
    : Directory.GetCurrentDirectory();
var output = args.Length > 0 ? args[0] : Path.Combine(repositoryRoot, DefaultOutput);
var outputName = args.Length > 0 ? args[0] : DefaultOutput;

var csv = new StringBuilder();
csv.Append("respondent_id,segment,channel,month,nps,csat,ces\n");
var rows = new List<Row>(Respondents);

for (var id = 1; id <= Respondents; id++)
{
    // Draw order is part of the format: changing it changes every row after.
    var segment = Pick(random, segmentWeights);
    var channel = Pick(random, channelWeightsBySegment[segment]);
    var month = Pick(random, monthWeights);

    var mu = segmentEffect[segment] + channelEffect[channel] + MonthlyTrend * month
        + (channel == DipChannel && month == DipMonth ? DipEffect : 0.0);
    var z = mu + Gaussian(random);

    var nps = Cut(z + NpsNoise * Gaussian(random), npsCuts);
    var csat = 1 + Cut(z + CsatNoise * Gaussian(random), csatCuts);
    var ces = 1 + Cut(CesLoading * z + channelEffort[channel] + CesNoise * Gaussian(random), cesCuts);
    int? csatAnswer = random.NextDouble() < CsatBlankRate ? null : csat;
    int? cesAnswer = random.NextDouble() < CesBlankRate ? null : ces;

    rows.Add(new Row(segment, channel, month, nps, csatAnswer, cesAnswer));
    csv.Append(CultureInfo.InvariantCulture,
        $"{id},{segments[segment]},{channels[channel]},{months[month]},{nps},{csatAnswer},{cesAnswer}\n");
}

var directory = Path.GetDirectoryName(Path.GetFullPath(output));
if (!string.IsNullOrEmpty(directory))
{
    Directory.CreateDirectory(directory);
}

File.WriteAllText(output, csv.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

// Summary, computed from the rows written (the README quotes these figures).
var summary = new StringBuilder();
summary.Append(CultureInfo.InvariantCulture, $"Wrote {outputName}: {rows.Count} responses, seed {Seed}\n");
summary.Append(CultureInfo.InvariantCulture, $"NPS overall            {Nps(rows),6:+0.0;-0.0}\n");
for (var s = 0; s < segments.Length; s++)
{
    var slice = rows.Where(r => r.Segment == s).ToList();
    summary.Append(CultureInfo.InvariantCulture,
        $"NPS {segments[s],-18} {Nps(slice),6:+0.0;-0.0}  (n={slice.Count}, {100.0 * slice.Count / rows.Count:0.0}%)\n");
}

var csatAnswers = rows.Where(r => r.Csat is not null).ToList();
var cesAnswers = rows.Where(r => r.Ces is not null).ToList();
summary.Append(CultureInfo.InvariantCulture,
    $"CSAT top-2-box (4-5)   {Percent(csatAnswers, r => r.Csat >= 4),5:0.0}%  (n={csatAnswers.Count}, {rows.Count - csatAnswers.Count} blank)\n");
summary.Append(CultureInfo.InvariantCulture,
    $"CES easy (5-7)         {Percent(cesAnswers, r => r.Ces >= 5),5:0.0}%  (n={cesAnswers.Count}, {rows.Count - cesAnswers.Count} blank)\n");
for (var c = 0; c < channels.Length; c++)
{
    var slice = cesAnswers.Where(r => r.Channel == c).ToList();
    summary.Append(CultureInfo.InvariantCulture,
        $"CES easy, {channels[c],-12} {Percent(slice, r => r.Ces >= 5),5:0.0}%  (n={slice.Count})\n");
}

summary.Append("NPS by month x channel (n):\n");
summary.Append(CultureInfo.InvariantCulture, $"  {"month",-8}");
foreach (var channel in channels)
{
    summary.Append(CultureInfo.InvariantCulture, $" {channel,13}");
}

summary.Append('\n');
for (var m = 0; m < months.Length; m++)
{
    summary.Append(CultureInfo.InvariantCulture, $"  {months[m],-8}");
    for (var c = 0; c < channels.Length; c++)
    {
        var slice = rows.Where(r => r.Month == m && r.Channel == c).ToList();
        summary.Append(CultureInfo.InvariantCulture, $" {Nps(slice),6:+0.0;-0.0} ({slice.Count,4})");
    }

    summary.Append('\n');
}

var dip = rows.Where(r => r.Channel == DipChannel && r.Month == DipMonth).ToList();
var dipRest = rows.Where(r => r.Channel == DipChannel && r.Month != DipMonth).ToList();
summary.Append(CultureInfo.InvariantCulture,
    $"Dip: app {months[DipMonth]} NPS {Nps(dip):+0.0;-0.0} (n={dip.Count}) vs app other months {Nps(dipRest):+0.0;-0.0} (n={dipRest.Count}): {Nps(dip) - Nps(dipRest):+0.0;-0.0} points\n");
Console.Out.Write(summary.ToString());

// Index drawn with the given probabilities (they sum to 1).
static int Pick(Random random, double[] weights)
{
    var u = random.NextDouble();
    var cumulative = 0.0;
    for (var i = 0; i < weights.Length - 1; i++)
    {
        cumulative += weights[i];
        if (u < cumulative)
        {
            return i;
        }
    }

    return weights.Length - 1;
}

// Standard normal draw, Box-Muller (one of the pair is used: simpler to keep the draw order obvious).
static double Gaussian(Random random)
{
    var u1 = 1.0 - random.NextDouble(); // in (0, 1]: Log is finite
    var u2 = random.NextDouble();
    return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
}

// Number of cut points below x: the 0-based category on the answer scale.
static int Cut(double x, double[] cuts)
{
    var category = 0;
    while (category < cuts.Length && x > cuts[category])
    {
        category++;
    }

    return category;
}

static double Nps(List<Row> rows) =>
    rows.Count == 0 ? double.NaN : 100.0 * (rows.Count(r => r.Nps >= 9) - rows.Count(r => r.Nps <= 6)) / rows.Count;

static double Percent(List<Row> rows, Func<Row, bool> predicate) =>
    rows.Count == 0 ? double.NaN : 100.0 * rows.Count(predicate) / rows.Count;

internal sealed record Row(int Segment, int Channel, int Month, int Nps, int? Csat, int? Ces);
