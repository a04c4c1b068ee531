#!/usr/bin/env dotnet
// Generates the sample data embedded in the trustmetrics CLI (src/TrustMetrics.Cli/Sample/): one fictional company,
// "Hanbit Home Appliances", seen through five files:
//   survey.csv        NPS (0-10), CSAT (1-5), CES (1-7) and 15 trust-driver items (1-5) by segment, channel and month
//   transactions.csv  online-store purchases: the CDNOW 1/10 sample (real, anonymised), dates shifted to 2025-2026
//   customers.csv     Hanbit Care subscriptions: start and end (churn) dates by segment
//   tickets.csv       support tickets: opened, first response, resolved, first-contact resolution
//   reviews.csv       product reviews: rating and sentiment by product and month
//
//   dotnet run scripts/generate-sample.cs [output-directory]
//
// The output is fully determined by the seeds below: same seeds, same bytes (invariant culture, "\n" line endings,
// UTF-8 without BOM). Every file has its own seeded Random, so changing one file's model never changes another file.
// Only the BCL is used. See src/TrustMetrics.Cli/Sample/README.md for the models.
#:property GenerateDocumentationFile=false
#:property InvariantGlobalization=true

using System.Globalization;
using System.Text;

const int Seed = 50;                       // see the README: how this seed was picked
const int TrustSeed = 51;                  // the trust-driver items: a second stream, so the original columns never change
const int CustomerSeed = 52;
const int TicketSeed = 53;
const int ReviewSeed = 54;
const int TopicSeed = 55;                  // survey topics: appended column, own stream (no other column changes)
const int WaveSeed = 56;                   // second panel wave: own file, own stream
const int ValidationSeed = 57;             // sentiment validation sample: own file, own stream
const int Respondents = 4000;
const string DefaultOutput = "src/TrustMetrics.Cli/Sample";
const string CdnowSample = "tests/TrustMetrics.Tests/Data/CDNOW_sample.txt";

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
var outputDirectory = args.Length > 0 ? args[0] : Path.Combine(repositoryRoot, DefaultOutput);
var outputName = args.Length > 0 ? args[0] : DefaultOutput;
Directory.CreateDirectory(outputDirectory);

var rows = new List<Row>(Respondents);
var surveyLines = new List<string>(Respondents);

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

    rows.Add(new Row(segment, channel, month, nps, csatAnswer, cesAnswer, z));
    surveyLines.Add(string.Create(CultureInfo.InvariantCulture,
        $"{id},{segments[segment]},{channels[channel]},{months[month]},{nps},{csatAnswer},{cesAnswer}"));
}

// The trust-driver items, appended to each row from their own stream (TrustSeed), after the original columns.
var trust = TrustDrivers.Generate(rows, new Random(TrustSeed));
// The topics column, appended last from its own stream (TopicSeed): every earlier column is unchanged.
var topics = Topics.Generate(rows, new Random(TopicSeed));
var csv = new StringBuilder();
csv.Append("respondent_id,segment,channel,month,nps,csat,ces,").AppendJoin(',', TrustDrivers.ItemNames).Append(",topics\n");
for (var i = 0; i < rows.Count; i++)
{
    csv.Append(surveyLines[i]).Append(',').AppendJoin(',', trust[i]).Append(',').Append(topics[i]).Append('\n');
}

Write(outputDirectory, "survey.csv", csv.ToString());

// Summary, computed from the rows written (the README quotes these figures).
var summary = new StringBuilder();
summary.Append(CultureInfo.InvariantCulture, $"Wrote {outputName}/survey.csv: {rows.Count} responses, seed {Seed} (trust items seed {TrustSeed})\n");
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
TrustDrivers.Summarize(summary, rows, trust, segments, months);
Topics.Summarize(summary, rows, topics);

// The other files: each from its own seed (transactions from the CDNOW sample, no randomness).
var repositoryFile = (string relative) => Path.Combine(repositoryRoot, relative);
Write(outputDirectory, "transactions.csv", Transactions.FromCdnow(repositoryFile(CdnowSample), summary));
Write(outputDirectory, "customers.csv", Customers.Generate(new Random(CustomerSeed), segments, summary));
Write(outputDirectory, "tickets.csv", Tickets.Generate(new Random(TicketSeed), segments, summary));
Write(outputDirectory, "reviews.csv", Reviews.Generate(new Random(ReviewSeed), months, summary));
Write(outputDirectory, "survey_wave2.csv", Panel.Generate(rows, new Random(WaveSeed), segments, channels, npsCuts, summary));
Write(outputDirectory, "sentiment_validation.csv", Reviews.Validation(new Random(ValidationSeed), months, summary));
Console.Out.Write(summary.ToString());

static void Write(string directory, string name, string text) =>
    File.WriteAllText(Path.Combine(directory, name), text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

static int Pick(Random random, double[] weights) => Draw.Pick(random, weights);

static double Gaussian(Random random) => Draw.Gaussian(random);

static int Cut(double x, double[] cuts) => Draw.Cut(x, cuts);

static double Nps(List<Row> rows) =>
    rows.Count == 0 ? double.NaN : 100.0 * (rows.Count(r => r.Nps >= 9) - rows.Count(r => r.Nps <= 6)) / rows.Count;

static double Percent(List<Row> rows, Func<Row, bool> predicate) =>
    rows.Count == 0 ? double.NaN : 100.0 * rows.Count(predicate) / rows.Count;

internal sealed record Row(int Segment, int Channel, int Month, int Nps, int? Csat, int? Ces, double Z);


/// <summary>The random draws every model shares.</summary>
internal static class Draw
{
    // Index drawn with the given probabilities (they sum to 1).
    public static int Pick(Random random, double[] weights)
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
    public static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble(); // in (0, 1]: Log is finite
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    // Number of cut points below x: the 0-based category on the answer scale.
    public static int Cut(double x, double[] cuts)
    {
        var category = 0;
        while (category < cuts.Length && x > cuts[category])
        {
            category++;
        }

        return category;
    }

    // Log-normal draw with the given median and log-scale spread.
    public static double LogNormal(Random random, double median, double sigma) => median * Math.Exp(sigma * Gaussian(random));
}

/// <summary>
/// Five trust drivers, three 1-5 Likert items each (no reverse-coded items). Each driver has its own latent score
/// t = loading * z + effect + sqrt(1 - loading^2) * g (z: the respondent's satisfaction behind NPS/CSAT/CES, g: standard
/// normal), and each item reads t through its own noise, item = t + ItemNoise * e, cut into 1..5. The shared t makes the
/// three items of a driver agree (Cronbach's alpha about 0.8); the loading on z ties each driver to NPS, by a different
/// amount per driver (so driver importance differs). The dip: SMB customers in 2026-05 (a surprise price rise on service
/// contracts) lose trust in transparency and accountability.
/// </summary>
internal static class TrustDrivers
{
    public static readonly string[] Drivers = ["transparency", "consistency", "accountability", "expertise", "empathy"];
    public static readonly string[] ItemNames = Drivers.SelectMany(d => new[] { d + "1", d + "2", d + "3" }).ToArray();

    private static readonly double[] Loadings = [0.60, 0.70, 0.50, 0.40, 0.55];
    private static readonly double[] DipEffect = [-0.70, 0.0, -0.50, 0.0, 0.0];
    private const int DipSegment = 1;          // SMB
    private const int DipMonth = 4;            // 2026-05
    private const double ItemNoise = 0.75;
    // 1..5 target 4, 9, 22, 40, 25 % for t ~ Normal(0, 1): normal quantiles scaled by sqrt(1 + 0.75^2) = 1.25.
    private static readonly double[] Cuts = [-2.189, -1.408, -0.482, 0.843];

    public static List<int[]> Generate(List<Row> rows, Random random)
    {
        var items = new List<int[]>(rows.Count);
        foreach (var row in rows)
        {
            var answers = new int[ItemNames.Length];
            for (var d = 0; d < Drivers.Length; d++)
            {
                var effect = row.Segment == DipSegment && row.Month == DipMonth ? DipEffect[d] : 0.0;
                var t = Loadings[d] * row.Z + effect + Math.Sqrt(1 - Loadings[d] * Loadings[d]) * Draw.Gaussian(random);
                for (var i = 0; i < 3; i++)
                {
                    answers[3 * d + i] = 1 + Draw.Cut(t + ItemNoise * Draw.Gaussian(random), Cuts);
                }
            }

            items.Add(answers);
        }

        return items;
    }

    public static void Summarize(StringBuilder summary, List<Row> rows, List<int[]> items, string[] segments, string[] months)
    {
        var nps = rows.Select(r => (double)r.Nps).ToArray();
        for (var d = 0; d < Drivers.Length; d++)
        {
            var columns = Enumerable.Range(0, 3).Select(i => items.Select(a => (double)a[3 * d + i]).ToArray()).ToArray();
            var totals = Enumerable.Range(0, rows.Count).Select(r => columns.Sum(c => c[r])).ToArray();
            var alpha = 3.0 / 2.0 * (1 - columns.Sum(Variance) / Variance(totals));
            summary.Append(CultureInfo.InvariantCulture,
                $"Trust {Drivers[d],-15} alpha {alpha:0.000}  mean {totals.Average() / 3:0.00}  r(driver mean, nps) {Correlation(totals, nps):0.000}\n");
        }

        var dip = Enumerable.Range(0, rows.Count).Where(r => rows[r].Segment == DipSegment && rows[r].Month == DipMonth).ToList();
        var rest = Enumerable.Range(0, rows.Count).Where(r => rows[r].Segment == DipSegment && rows[r].Month != DipMonth).ToList();
        summary.Append(CultureInfo.InvariantCulture,
            $"Trust dip: {segments[DipSegment]} {months[DipMonth]} transparency mean {Mean(items, dip, 0):0.00} (n={dip.Count}) vs other months {Mean(items, rest, 0):0.00}\n");
    }

    private static double Mean(List<int[]> items, List<int> rows, int driver) => rows.Average(r => (items[r][3 * driver] + items[r][3 * driver + 1] + items[r][3 * driver + 2]) / 3.0);

    private static double Variance(double[] x)
    {
        var mean = x.Average();
        return x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1);
    }

    private static double Correlation(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxy / Math.Sqrt(sxx * syy);
    }
}

/// <summary>
/// Online-store purchases: the CDNOW 1/10 sample (2,357 customers, 6,919 purchases, 1997-01-01..1998-06-30; Fader &amp; Hardie's
/// teaching data, as shipped by the lifetimes package, MIT), relabelled as Hanbit's accessories store: customer_id = the
/// sample id, the date shifted by a whole number of days so 1997-01-01 becomes 2025-01-01 (weekdays change, gaps between
/// purchases do not), amount = the dollar value as written in the source. No randomness.
/// </summary>
internal static class Transactions
{
    public static string FromCdnow(string path, StringBuilder summary)
    {
        var shift = new DateOnly(2025, 1, 1).DayNumber - new DateOnly(1997, 1, 1).DayNumber;
        var csv = new StringBuilder("customer_id,date,amount\n");
        int rows = 0;
        var customers = new HashSet<string>();
        DateOnly first = DateOnly.MaxValue, last = DateOnly.MinValue;
        foreach (var line in File.ReadLines(path))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            var id = int.Parse(fields[1], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            var date = DateOnly.ParseExact(fields[2], "yyyyMMdd", CultureInfo.InvariantCulture).AddDays(shift);
            csv.Append(CultureInfo.InvariantCulture, $"{id},{date:yyyy-MM-dd},{fields[4]}\n");
            rows++;
            customers.Add(id);
            first = date < first ? date : first;
            last = date > last ? date : last;
        }

        summary.Append(CultureInfo.InvariantCulture, $"transactions.csv: {rows} purchases by {customers.Count} customers, {first:yyyy-MM-dd}..{last:yyyy-MM-dd} (CDNOW sample shifted by {shift} days)\n");
        return csv.ToString();
    }
}

/// <summary>
/// Hanbit Care (a monthly maintenance plan) subscriptions: starts uniform over 2025-01-01..2026-06-30, segment 60/30/10 %,
/// then a daily churn hazard: monthly rate Consumer 3.5 %, SMB 4.5 %, Enterprise 1.5 %, doubled in a customer's first two
/// months (onboarding churn), and for Consumers doubled again in 2026-04 and 2026-05 (the botched app update). The end date is
/// the first day no longer subscribed (exclusive), blank while active on the observation date 2026-06-30.
/// </summary>
internal static class Customers
{
    private const int Count = 2400;
    private static readonly double[] SegmentWeights = [0.60, 0.30, 0.10];
    private static readonly double[] MonthlyChurn = [0.035, 0.045, 0.015];

    public static string Generate(Random random, string[] segments, StringBuilder summary)
    {
        var first = new DateOnly(2025, 1, 1);
        var asOf = new DateOnly(2026, 6, 30);
        var span = asOf.DayNumber - first.DayNumber + 1;
        var records = new List<(DateOnly Start, int Segment, DateOnly? End)>(Count);
        for (var i = 0; i < Count; i++)
        {
            var start = first.AddDays(random.Next(span));
            var segment = Draw.Pick(random, SegmentWeights);
            DateOnly? end = null;
            for (var day = start; day < asOf; day = day.AddDays(1))
            {
                var monthly = MonthlyChurn[segment];
                if (day.DayNumber - start.DayNumber < 61)
                {
                    monthly *= 2;
                }

                if (segment == 0 && day.Year == 2026 && day.Month is 4 or 5)
                {
                    monthly *= 2;
                }

                if (random.NextDouble() < monthly / 30.4375)
                {
                    end = day.AddDays(1);
                    break;
                }
            }

            records.Add((start, segment, end));
        }

        // Ids in order of start date, as a billing system would number them.
        var ordered = records.Select((r, i) => (r, i)).OrderBy(x => x.r.Start).ThenBy(x => x.i).Select(x => x.r).ToList();
        var csv = new StringBuilder("customer_id,segment,start,end\n");
        for (var i = 0; i < ordered.Count; i++)
        {
            var (start, segment, end) = ordered[i];
            csv.Append(CultureInfo.InvariantCulture, $"C{i + 1:00000},{segments[segment]},{start:yyyy-MM-dd},{end?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\n");
        }

        summary.Append(CultureInfo.InvariantCulture,
            $"customers.csv: {Count} subscriptions, {ordered.Count(r => r.End is not null)} ended by {asOf:yyyy-MM-dd}; active by segment: ");
        summary.AppendJoin(", ", segments.Select((name, s) => $"{name} {ordered.Count(r => r.Segment == s && r.End is null)}/{ordered.Count(r => r.Segment == s)}")).Append('\n');
        return csv.ToString();
    }
}

/// <summary>
/// Support tickets opened 2026-01-01..2026-06-30 (Korean time, +09:00) through phone, chat, email or the app, mostly in
/// business hours. First response and resolution delays are log-normal by channel (Enterprise twice as fast); in 2026-04 the
/// app channel gets three times its usual tickets, answered and resolved more slowly (the botched update). Resolved on first
/// contact with a per-channel probability. Anything that would happen after the extract time 2026-07-01T00:00 is blank.
/// </summary>
internal static class Tickets
{
    private const int Count = 3000;
    private static readonly string[] Channels = ["phone", "chat", "email", "app"];
    private static readonly double[] SegmentWeights = [0.60, 0.30, 0.10];
    private static readonly double[] ChannelWeights = [0.30, 0.30, 0.25, 0.15];
    private static readonly double[] ResponseMinutes = [2, 4, 240, 120];     // median first-response delay
    private static readonly double[] ResolveHours = [6, 8, 30, 24];          // median resolution delay after the first response
    private static readonly double[] FirstContactRate = [0.72, 0.68, 0.45, 0.55];
    private static readonly double[] HourWeights = [0.02, 0.06, 0.12, 0.12, 0.10, 0.08, 0.12, 0.12, 0.10, 0.08, 0.05, 0.03]; // 08:00..19:00

    public static string Generate(Random random, string[] segments, StringBuilder summary)
    {
        var first = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var extract = new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var days = (int)(extract - first).TotalDays;
        var tickets = new List<(DateTime Opened, int Segment, int Channel, DateTime? Response, DateTime? Resolved, bool FirstContact)>();
        while (tickets.Count < Count)
        {
            var day = first.AddDays(random.Next(days));
            var channel = Draw.Pick(random, ChannelWeights);
            var segment = Draw.Pick(random, SegmentWeights);
            // An April app ticket brings two more (below): three times the usual app volume that month.
            var surge = channel == 3 && day.Month == 4;
            var hour = 8 + Draw.Pick(random, HourWeights);
            var opened = day.AddHours(hour).AddMinutes(random.Next(60)).AddSeconds(random.Next(60));
            var speed = segment == 2 ? 0.5 : 1.0;
            var slow = surge ? 3.0 : 1.0;
            var response = opened.AddMinutes(Math.Round(Draw.LogNormal(random, ResponseMinutes[channel] * speed * slow, 0.9), 1));
            var resolved = response.AddHours(Draw.LogNormal(random, ResolveHours[channel] * speed * slow, 1.0));
            var firstContact = random.NextDouble() < FirstContactRate[channel] * (surge ? 0.6 : 1.0);
            tickets.Add((opened, segment, channel, response < extract ? response : null, resolved < extract ? TruncateSeconds(resolved) : null, firstContact));
            if (surge)
            {
                // Two extra app tickets per surge ticket: the same day's crash reports.
                for (var extra = 0; extra < 2 && tickets.Count < Count; extra++)
                {
                    var openedExtra = day.AddHours(8 + Draw.Pick(random, HourWeights)).AddMinutes(random.Next(60));
                    var responseExtra = openedExtra.AddMinutes(Math.Round(Draw.LogNormal(random, ResponseMinutes[3] * slow, 0.9), 1));
                    var resolvedExtra = responseExtra.AddHours(Draw.LogNormal(random, ResolveHours[3] * slow, 1.0));
                    tickets.Add((openedExtra, Draw.Pick(random, SegmentWeights), 3, responseExtra < extract ? responseExtra : null,
                        resolvedExtra < extract ? TruncateSeconds(resolvedExtra) : null, random.NextDouble() < FirstContactRate[3] * 0.6));
                }
            }
        }

        var ordered = tickets.Select((t, i) => (t, i)).OrderBy(x => x.t.Opened).ThenBy(x => x.i).Select(x => x.t).ToList();
        var csv = new StringBuilder("ticket_id,segment,channel,opened,first_response,resolved,first_contact\n");
        for (var i = 0; i < ordered.Count; i++)
        {
            var t = ordered[i];
            var resolvedFirst = t.Resolved is not null && t.FirstContact;
            csv.Append(CultureInfo.InvariantCulture,
                $"T{i + 1:00000},{segments[t.Segment]},{Channels[t.Channel]},{Iso(t.Opened)},{Iso(t.Response)},{Iso(t.Resolved)},{(resolvedFirst ? "true" : "false")}\n");
        }

        summary.Append(CultureInfo.InvariantCulture,
            $"tickets.csv: {ordered.Count} tickets, {ordered.Count(t => t.Resolved is null)} unresolved, first-contact resolution {100.0 * ordered.Count(t => t.Resolved is not null && t.FirstContact) / ordered.Count:0.0}%; ");
        summary.Append(CultureInfo.InvariantCulture,
            $"app tickets in 2026-04 {ordered.Count(t => t.Channel == 3 && t.Opened.Month == 4)} vs 2026-03 {ordered.Count(t => t.Channel == 3 && t.Opened.Month == 3)}\n");
        return csv.ToString();
    }

    private static DateTime TruncateSeconds(DateTime time) => new(time.Year, time.Month, time.Day, time.Hour, time.Minute, time.Second, DateTimeKind.Unspecified);

    private static string Iso(DateTime? time) => time is { } t ? TruncateSeconds(t).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+09:00" : string.Empty;
}

/// <summary>
/// Product reviews 2026-01..2026-06: five products with their own quality (a latent mean), rating = latent + noise cut into
/// 1..5; sentiment follows the rating (text classifiers disagree with stars now and then: 15 % of neutral-by-rating reviews and
/// 8 % of the others get a neighbouring sentiment). The dip: air purifiers in 2026-03 (a filter batch that smelled).
/// </summary>
internal static class Reviews
{
    private const int ValidationCount = 400;

    private const int Count = 1800;
    private static readonly string[] Products = ["refrigerator", "washing_machine", "air_purifier", "rice_cooker", "robot_vacuum"];
    private static readonly double[] ProductWeights = [0.22, 0.25, 0.18, 0.20, 0.15];
    private static readonly double[] Quality = [0.25, 0.05, 0.15, 0.40, -0.15];
    private const int DipProduct = 2;
    private const int DipMonth = 2;            // 2026-03
    // 1..5 target 6, 6, 12, 30, 46 % for a latent Normal(0, 1.2^2).
    private static readonly double[] Cuts = [-1.866, -1.416, -0.834, 0.121];

    public static string Generate(Random random, string[] months, StringBuilder summary)
    {
        var csv = new StringBuilder("review_id,product,month,rating,sentiment\n");
        var ratings = new List<(int Product, int Month, int Rating)>();
        for (var i = 1; i <= Count; i++)
        {
            var product = Draw.Pick(random, ProductWeights);
            var month = random.Next(months.Length);
            var latent = Quality[product] + (product == DipProduct && month == DipMonth ? -1.1 : 0.0) + 1.2 * Draw.Gaussian(random);
            var rating = 1 + Draw.Cut(latent, Cuts);
            var sentiment = rating >= 4 ? 2 : rating == 3 ? 1 : 0;
            var flip = random.NextDouble();
            if (sentiment == 1 && flip < 0.15)
            {
                sentiment = random.NextDouble() < 0.5 ? 0 : 2;
            }
            else if (sentiment != 1 && flip < 0.08)
            {
                sentiment = 1;
            }

            ratings.Add((product, month, rating));
            csv.Append(CultureInfo.InvariantCulture, $"R{i:00000},{Products[product]},{months[month]},{rating},{(sentiment == 2 ? "positive" : sentiment == 1 ? "neutral" : "negative")}\n");
        }

        var dip = ratings.Where(r => r.Product == DipProduct && r.Month == DipMonth).ToList();
        var rest = ratings.Where(r => r.Product == DipProduct && r.Month != DipMonth).ToList();
        summary.Append(CultureInfo.InvariantCulture,
            $"reviews.csv: {Count} reviews, mean rating {ratings.Average(r => r.Rating):0.00}; {Products[DipProduct]} {months[DipMonth]} {dip.Average(r => r.Rating):0.00} (n={dip.Count}) vs other months {rest.Average(r => r.Rating):0.00}\n");
        return csv.ToString();
    }

    // The sentiment validation sample: 400 further reviews of the same model, each with the human label (the polarity of its
    // stars: 4-5 positive, 3 neutral, 1-2 negative), the classifier label (the same error process as reviews.csv) and the
    // classifier's probabilities (the predicted class gets 0.55-0.95, the rest split at random between the other two).
    public static string Validation(Random random, string[] months, StringBuilder summary)
    {
        var csv = new StringBuilder("review_id,product,month,rating,human,classifier,p_positive,p_neutral,p_negative\n");
        string[] names = ["negative", "neutral", "positive"];
        var agree = 0;
        for (var i = 1; i <= ValidationCount; i++)
        {
            var product = Draw.Pick(random, ProductWeights);
            var month = random.Next(months.Length);
            var latent = Quality[product] + (product == DipProduct && month == DipMonth ? -1.1 : 0.0) + 1.2 * Draw.Gaussian(random);
            var rating = 1 + Draw.Cut(latent, Cuts);
            var truth = rating >= 4 ? 2 : rating == 3 ? 1 : 0;
            var predicted = truth;
            var flip = random.NextDouble();
            if (truth == 1 && flip < 0.15)
            {
                predicted = random.NextDouble() < 0.5 ? 0 : 2;
            }
            else if (truth != 1 && flip < 0.08)
            {
                predicted = 1;
            }

            var p = new double[3];
            p[predicted] = Math.Round(0.55 + 0.4 * random.NextDouble(), 3);
            var split = Math.Round((1 - p[predicted]) * random.NextDouble(), 3);
            p[(predicted + 1) % 3] = split;
            p[(predicted + 2) % 3] = Math.Round(1 - p[predicted] - split, 3);
            agree += truth == predicted ? 1 : 0;
            csv.Append(CultureInfo.InvariantCulture,
                $"V{i:0000},{Products[product]},{months[month]},{rating},{names[truth]},{names[predicted]},{p[2]:0.000},{p[1]:0.000},{p[0]:0.000}\n");
        }

        summary.Append(CultureInfo.InvariantCulture, $"sentiment_validation.csv: {ValidationCount} reviews, human and classifier agree on {agree} ({100.0 * agree / ValidationCount:0.0}%)\n");
        return csv.ToString();
    }
}

/// <summary>
/// The survey's topics column: what each respondent's open answer was about (multi-label, "price;delivery", empty when none),
/// drawn after the answers from its own stream. The planted effect: delivery is mentioned by 30 % of detractors against 14 % of
/// passives and 8 % of promoters, so removing delivery's respondents raises NPS (a positive topic impact); the app is mentioned
/// on the app channel (most in the botched April) and support on the phone line.
/// </summary>
internal static class Topics
{
    public static readonly string[] Names = ["price", "delivery", "app", "support", "quality"];

    public static List<string> Generate(List<Row> rows, Random random)
    {
        var result = new List<string>(rows.Count);
        foreach (var row in rows)
        {
            var group = row.Nps <= 6 ? 0 : row.Nps <= 8 ? 1 : 2;
            double[] chance =
            [
                row.Segment == 1 ? 0.32 : 0.22,
                group == 0 ? 0.30 : group == 1 ? 0.14 : 0.08,
                row.Channel == 1 ? (row.Month == 3 ? 0.55 : 0.35) : 0.06,
                row.Channel == 2 ? 0.30 : 0.08,
                group == 2 ? 0.25 : 0.15,
            ];
            var chosen = new List<string>();
            for (var t = 0; t < Names.Length; t++)
            {
                if (random.NextDouble() < chance[t])
                {
                    chosen.Add(Names[t]);
                }
            }

            result.Add(string.Join(';', chosen));
        }

        return result;
    }

    public static void Summarize(StringBuilder summary, List<Row> rows, List<string> topics)
    {
        var all = Nps(rows);
        foreach (var name in Names)
        {
            var with = Enumerable.Range(0, rows.Count).Where(i => topics[i].Split(';').Contains(name)).ToHashSet();
            var without = Enumerable.Range(0, rows.Count).Where(i => !with.Contains(i)).Select(i => rows[i]).ToList();
            summary.Append(CultureInfo.InvariantCulture,
                $"Topic {name,-10} respondents {with.Count,5}  NPS(all) - NPS(without) {all - Nps(without):+0.0;-0.0}\n");
        }

        static double Nps(List<Row> rows) => 100.0 * (rows.Count(r => r.Nps >= 9) - rows.Count(r => r.Nps <= 6)) / rows.Count;
    }
}

/// <summary>
/// The second panel wave: 30 % of the respondents of 2026-01 … 2026-03 answered NPS again in 2026-07, after the app fix.
/// Their new satisfaction is z2 = 0.8·z + 0.6·g + 0.10 (g standard normal: the same person, a little better after the fix),
/// read through the NPS noise and cut points of wave 1. Own file and own stream, so no survey.csv number changes.
/// </summary>
internal static class Panel
{
    public static string Generate(List<Row> rows, Random random, string[] segments, string[] channels, double[] npsCuts, StringBuilder summary)
    {
        var csv = new StringBuilder("respondent_id,segment,channel,wave,month,nps\n");
        var pairs = new List<(int Before, int After)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Month > 2 || random.NextDouble() >= 0.30)
            {
                continue;
            }

            var z2 = 0.8 * row.Z + 0.6 * Draw.Gaussian(random) + 0.10;
            var nps = Draw.Cut(z2 + 0.6 * Draw.Gaussian(random), npsCuts);
            pairs.Add((row.Nps, nps));
            csv.Append(CultureInfo.InvariantCulture, $"{i + 1},{segments[row.Segment]},{channels[row.Channel]},2,2026-07,{nps}\n");
        }

        static double Nps(IEnumerable<int> scores) => 100.0 * (scores.Count(s => s >= 9) - scores.Count(s => s <= 6)) / scores.Count();
        summary.Append(CultureInfo.InvariantCulture,
            $"survey_wave2.csv: {pairs.Count} respondents answered again in 2026-07; their NPS {Nps(pairs.Select(p => p.Before)):+0.0;-0.0} (wave 1) -> {Nps(pairs.Select(p => p.After)):+0.0;-0.0} (wave 2)\n");
        return csv.ToString();
    }
}
