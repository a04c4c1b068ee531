using System.Globalization;

namespace TrustMetrics.Cli.Report;

/// <summary>
/// The report's labels (headings, column headers, chart titles, axis labels) per language: one dictionary per language in
/// this file. Korean labels keep the English term in parentheses ("순추천지수 (NPS)") so readers can match them to the docs.
/// Numbers, data values (group names, periods) and data column names are never translated: they pass through as given.
/// A key missing from a language falls back to English; a key missing from English is a bug and throws.
/// </summary>
internal sealed class ReportLabels
{
    private static readonly Dictionary<string, string> EnglishText = new(StringComparer.Ordinal)
    {
        // Report frame
        ["report.title"] = "TrustMetrics report",
        ["report.subtitle"] = "{0} · generated {1} · confidence level {2}",
        ["report.inputs"] = "Inputs",
        ["report.contents"] = "Contents",
        ["report.notAnalysed"] = "not analysed in this version",
        ["report.sample"] = "Embedded sample: Hanbit Home Appliances (fictional)",
        ["report.userFiles"] = "Your files",
        ["report.footer"] = "Made by trustmetrics {0}. Every number is in report.json and data/*.csv; charts are in charts/*.svg.",
        ["report.written"] = "Report written to {0} (report.md, report.json, report.html)",
        ["report.sections"] = "Report sections",
        ["col.data"] = "Data",
        ["col.source"] = "Source",
        ["col.sections"] = "Sections",
        ["col.section"] = "Section",
        ["col.headline"] = "Headline",

        // Shared columns
        ["col.metric"] = "Metric",
        ["col.value"] = "Value",
        ["col.se"] = "SE",
        ["col.ci"] = "{0} CI",
        ["col.ciMean"] = "{0} CI (mean)",
        ["col.mean"] = "Mean",
        ["col.group"] = "Group",
        ["col.from"] = "From",
        ["col.to"] = "To",
        ["col.change"] = "Change",
        ["col.verdict"] = "Verdict",
        ["col.promoters"] = "Promoters",
        ["col.passives"] = "Passives",
        ["col.detractors"] = "Detractors",
        ["label.all"] = "All",
        ["label.yes"] = "yes",
        ["label.no"] = "no",
        ["summary.source"] = "Source: {0}",
        ["summary.rows"] = "Rows: {0}; confidence level {1}",

        // Survey
        ["section.survey"] = "Survey: NPS, CSAT and CES",
        ["survey.heading"] = "TrustMetrics survey report",
        ["survey.overview"] = "Overview",
        ["survey.overviewNote"] = "NPS: score interval (Tango); percentages: Wilson; means: Student t.",
        ["survey.npsPoints"] = "NPS (points)",
        ["survey.mean"] = "{0} mean ({1})",
        ["survey.npsBy"] = "NPS by {0}",
        ["survey.scaleBy"] = "{0} by {1}",
        ["survey.changes"] = "NPS changes from one {0} to the next (p < {1} before adjustment)",
        ["survey.changesNote"] = "{0} comparisons (every group, every consecutive pair of periods; adjusted-Wald difference in points); Holm's adjustment controls the chance of any false alarm across all of them at {1}.",
        ["metric.nps"] = "NPS",
        ["metric.csat"] = "CSAT",
        ["metric.ces"] = "CES",
        ["topBox.csat"] = "% satisfied",
        ["topBox.ces"] = "% easy",
        ["verdict.drop"] = "DROP",
        ["verdict.rise"] = "RISE",
        ["verdict.none"] = "not significant after Holm",
        ["chart.npsDistribution"] = "NPS answers (0–10): detractors, passives, promoters",
        ["chart.npsTrend"] = "NPS by {0} with {1} interval",
        ["chart.npsTrendBy"] = "NPS by {0} and {1} ({2} bands)",
        ["chart.scaleBy"] = "CSAT % satisfied and CES % easy by {0}",
        ["axis.answer"] = "Answer (0–10)",
        ["axis.respondents"] = "Respondents",
        ["axis.nps"] = "NPS (points)",
        ["axis.percent"] = "% (whiskers: {0} interval)",

        // Churn
        ["section.churn"] = "Churn and cohort retention",
        ["churn.byPeriod"] = "Churn by {0}",
        ["churn.cohorts"] = "Cohort retention (% of the cohort still active k periods after acquisition)",
        ["churn.periodNote"] = "Start-based churn: lost from the customers at the start of the period / customers at start, Wilson interval. The first period has no starting base; (partial) marks a period cut by the observation date.",
        ["churn.cohortNote"] = "Empty cells have not happened yet. The weighted row is Σ active / Σ size over the cohorts that reached age k.",
        ["col.period"] = "Period",
        ["col.atStart"] = "At start",
        ["col.acquired"] = "Acquired",
        ["col.lost"] = "Lost",
        ["col.atEnd"] = "At end",
        ["col.churnPct"] = "Churn %",
        ["col.cohort"] = "Cohort",
        ["col.size"] = "Size",
        ["label.partial"] = "(partial)",
        ["label.weighted"] = "weighted",
        ["chart.churnTrend"] = "Churn rate by {0} with {1} interval",
        ["chart.cohorts"] = "Cohort retention",
        ["axis.churnPct"] = "Churn (%)",
        ["axis.cohort"] = "cohort",
        ["axis.age"] = "periods since start",

        // Survival
        ["section.survival"] = "Time to churn (Kaplan–Meier)",
        ["survival.table"] = "Survival by {0}",
        ["survival.note"] = "Durations in months (days / 30.4375) from start to end, or to the observation date {0} for active customers (censored). Pointwise intervals: log-log (Greenwood).",
        ["survival.logRank"] = "Log-rank test",
        ["survival.logRankNote"] = "χ² = {0} on {1} df, p = {2}",
        ["col.churned"] = "Churned",
        ["col.censored"] = "Censored",
        ["col.median"] = "Median (months)",
        ["col.ciMedian"] = "{0} CI (median)",
        ["col.survivalAt"] = "S({0} months)",
        ["col.observed"] = "Observed",
        ["col.expected"] = "Expected",
        ["label.notReached"] = "not reached",
        ["chart.km"] = "Kaplan–Meier survival by {0} ({1} bands)",
        ["axis.months"] = "Months since start",
        ["axis.survival"] = "Still a customer (survival)",

        // CLV
        ["section.clv"] = "Customer lifetime value (BG/NBD and Gamma–Gamma)",
        ["clv.parameters"] = "Model parameters",
        ["clv.fit"] = "Fits",
        ["clv.distribution"] = "Per-customer predictions",
        ["clv.note"] = "Transactions summarised per customer in weeks (days / 7) to the last transaction date {0}; purchases on the same day count once. CLV: Gamma–Gamma expected spend × BG/NBD expected purchases, {1} months, {2}% monthly discount, margin 1 (revenue).",
        ["clv.clipNote"] = "The last bin holds every customer above the 99th percentile ({0}).",
        ["col.model"] = "Model",
        ["col.parameter"] = "Parameter",
        ["col.estimate"] = "Estimate",
        ["col.customers"] = "Customers",
        ["col.logLikelihood"] = "Log-likelihood",
        ["col.converged"] = "Converged",
        ["col.iterations"] = "Iterations",
        ["col.quantity"] = "Quantity",
        ["col.medianPlain"] = "Median",
        ["quantity.pAlive"] = "P(alive)",
        ["quantity.expectedPurchases"] = "Expected purchases, next {0} weeks",
        ["quantity.expectedSpend"] = "Expected spend per purchase",
        ["quantity.clv"] = "CLV, {0} months",
        ["chart.clv"] = "CLV distribution ({0} months)",
        ["chart.pAlive"] = "P(alive) distribution",
        ["chart.expectedPurchases"] = "Expected purchases in the next {0} weeks",
        ["axis.clv"] = "CLV (currency of the amounts)",
        ["axis.pAlive"] = "P(alive)",
        ["axis.purchases"] = "Expected purchases",
        ["axis.customers"] = "Customers",
    };

    private static readonly Dictionary<string, string> KoreanText = new(StringComparer.Ordinal)
    {
        ["report.title"] = "TrustMetrics 보고서 (report)",
        ["report.subtitle"] = "{0} · 생성 (generated) {1} · 신뢰수준 (confidence level) {2}",
        ["report.inputs"] = "입력 데이터 (Inputs)",
        ["report.contents"] = "목차 (Contents)",
        ["report.notAnalysed"] = "이 버전에서는 분석하지 않음 (not analysed in this version)",
        ["report.sample"] = "내장 예제: 한빛가전 (Hanbit Home Appliances, 가상 회사)",
        ["report.userFiles"] = "사용자 파일 (Your files)",
        ["report.footer"] = "trustmetrics {0}로 생성. 모든 수치는 report.json과 data/*.csv에, 차트는 charts/*.svg에 있습니다.",
        ["report.written"] = "보고서 저장 위치 (Report written to): {0} (report.md, report.json, report.html)",
        ["report.sections"] = "보고서 섹션 (Report sections)",
        ["col.data"] = "데이터 (Data)",
        ["col.source"] = "출처 (Source)",
        ["col.sections"] = "섹션 (Sections)",
        ["col.section"] = "섹션 (Section)",
        ["col.headline"] = "요약 (Headline)",

        ["col.metric"] = "지표 (Metric)",
        ["col.value"] = "값 (Value)",
        ["col.se"] = "표준오차 (SE)",
        ["col.ci"] = "{0} 신뢰구간 (CI)",
        ["col.ciMean"] = "{0} 신뢰구간 (CI, mean)",
        ["col.mean"] = "평균 (Mean)",
        ["col.group"] = "그룹 (Group)",
        ["col.from"] = "이전 (From)",
        ["col.to"] = "이후 (To)",
        ["col.change"] = "변화 (Change)",
        ["col.verdict"] = "판정 (Verdict)",
        ["col.promoters"] = "추천 고객 (Promoters)",
        ["col.passives"] = "중립 고객 (Passives)",
        ["col.detractors"] = "비추천 고객 (Detractors)",
        ["label.all"] = "전체 (All)",
        ["label.yes"] = "예 (yes)",
        ["label.no"] = "아니오 (no)",
        ["summary.source"] = "출처 (Source): {0}",
        ["summary.rows"] = "행 수 (Rows): {0}; 신뢰수준 (confidence level) {1}",

        ["section.survey"] = "설문: 순추천지수 (NPS), 고객만족도 (CSAT), 고객노력점수 (CES)",
        ["survey.heading"] = "TrustMetrics 설문 보고서 (survey report)",
        ["survey.overview"] = "개요 (Overview)",
        ["survey.overviewNote"] = "NPS: 점수 구간 (score interval, Tango); 비율: Wilson; 평균: Student t.",
        ["survey.npsPoints"] = "순추천지수 (NPS, 점)",
        ["survey.mean"] = "{0} 평균 (mean, {1})",
        ["survey.npsBy"] = "{0}별 순추천지수 (NPS by {0})",
        ["survey.scaleBy"] = "{1}별 {0}",
        ["survey.changes"] = "{0} 간 순추천지수 변화 (NPS changes, 보정 전 p < {1})",
        ["survey.changesNote"] = "비교 {0}건 (모든 그룹, 연속된 모든 기간 쌍; adjusted-Wald 차이, 점). Holm 보정은 전체 비교에서 잘못된 경보가 하나라도 나올 확률을 {1} 이하로 통제합니다.",
        ["metric.nps"] = "순추천지수 (NPS)",
        ["metric.csat"] = "고객만족도 (CSAT)",
        ["metric.ces"] = "고객노력점수 (CES)",
        ["topBox.csat"] = "만족 비율 (% satisfied)",
        ["topBox.ces"] = "용이 비율 (% easy)",
        ["verdict.drop"] = "하락 (DROP)",
        ["verdict.rise"] = "상승 (RISE)",
        ["verdict.none"] = "Holm 보정 후 유의하지 않음 (not significant)",
        ["chart.npsDistribution"] = "NPS 응답 분포 (0–10): 비추천·중립·추천",
        ["chart.npsTrend"] = "{0}별 순추천지수 (NPS)와 {1} 신뢰구간",
        ["chart.npsTrendBy"] = "{0}·{1}별 순추천지수 (NPS, {2} 신뢰대)",
        ["chart.scaleBy"] = "{0}별 고객만족도 (CSAT) 만족 비율과 고객노력점수 (CES) 용이 비율",
        ["axis.answer"] = "응답 점수 (Answer, 0–10)",
        ["axis.respondents"] = "응답자 수 (Respondents)",
        ["axis.nps"] = "순추천지수 (NPS, 점)",
        ["axis.percent"] = "비율 (%, 오차막대: {0} 신뢰구간)",

        ["section.churn"] = "이탈률과 코호트 유지율 (Churn and cohort retention)",
        ["churn.byPeriod"] = "{0}별 이탈률 (Churn by {0})",
        ["churn.cohorts"] = "코호트 유지율 (Cohort retention: 가입 k기간 후에도 활성인 비율, %)",
        ["churn.periodNote"] = "기초 기준 이탈률 (start-based churn): 기초 고객 중 이탈 수 / 기초 고객 수, Wilson 구간. 첫 기간은 기초 고객이 없으며, (부분)은 관측일에 잘린 기간입니다.",
        ["churn.cohortNote"] = "빈 칸은 아직 도래하지 않은 기간입니다. 가중 평균 행은 k기간에 도달한 코호트의 Σ 활성 / Σ 규모입니다.",
        ["col.period"] = "기간 (Period)",
        ["col.atStart"] = "기초 고객 (At start)",
        ["col.acquired"] = "신규 (Acquired)",
        ["col.lost"] = "이탈 (Lost)",
        ["col.atEnd"] = "기말 고객 (At end)",
        ["col.churnPct"] = "이탈률 (Churn %)",
        ["col.cohort"] = "코호트 (Cohort)",
        ["col.size"] = "규모 (Size)",
        ["label.partial"] = "(부분, partial)",
        ["label.weighted"] = "가중 평균 (weighted)",
        ["chart.churnTrend"] = "{0}별 이탈률 (Churn)과 {1} 신뢰구간",
        ["chart.cohorts"] = "코호트 유지율 (Cohort retention)",
        ["axis.churnPct"] = "이탈률 (Churn, %)",
        ["axis.cohort"] = "코호트 (cohort)",
        ["axis.age"] = "가입 후 경과 기간 (periods since start)",

        ["section.survival"] = "이탈까지의 시간 (Kaplan–Meier 생존분석)",
        ["survival.table"] = "{0}별 생존 (Survival by {0})",
        ["survival.note"] = "기간은 개월 (일 / 30.4375): 가입일부터 종료일까지, 활성 고객은 관측일 {0}까지 (중도절단). 구간: log-log (Greenwood).",
        ["survival.logRank"] = "로그순위 검정 (Log-rank test)",
        ["survival.logRankNote"] = "χ² = {0}, 자유도 (df) {1}, p = {2}",
        ["col.churned"] = "이탈 (Churned)",
        ["col.censored"] = "중도절단 (Censored)",
        ["col.median"] = "중앙값 (Median, 개월)",
        ["col.ciMedian"] = "{0} 신뢰구간 (CI, median)",
        ["col.survivalAt"] = "{0}개월 생존율 (S)",
        ["col.observed"] = "관측 (Observed)",
        ["col.expected"] = "기대 (Expected)",
        ["label.notReached"] = "도달하지 않음 (not reached)",
        ["chart.km"] = "{0}별 Kaplan–Meier 생존곡선 ({1} 신뢰대)",
        ["axis.months"] = "가입 후 개월 수 (Months since start)",
        ["axis.survival"] = "유지 확률 (Survival)",

        ["section.clv"] = "고객생애가치 (CLV: BG/NBD, Gamma–Gamma)",
        ["clv.parameters"] = "모형 모수 (Model parameters)",
        ["clv.fit"] = "적합 결과 (Fits)",
        ["clv.distribution"] = "고객별 예측 분포 (Per-customer predictions)",
        ["clv.note"] = "거래는 고객별로 주 단위 (일 / 7)로 요약했으며 마지막 거래일은 {0}입니다; 같은 날 구매는 한 번으로 셉니다. CLV: Gamma–Gamma 기대 구매액 × BG/NBD 기대 구매 횟수, {1}개월, 월 할인율 {2}%, 마진 1 (매출 기준).",
        ["clv.clipNote"] = "마지막 구간은 99백분위수 ({0})를 넘는 고객을 모두 포함합니다.",
        ["col.model"] = "모형 (Model)",
        ["col.parameter"] = "모수 (Parameter)",
        ["col.estimate"] = "추정값 (Estimate)",
        ["col.customers"] = "고객 수 (Customers)",
        ["col.logLikelihood"] = "로그우도 (Log-likelihood)",
        ["col.converged"] = "수렴 (Converged)",
        ["col.iterations"] = "반복 (Iterations)",
        ["col.quantity"] = "항목 (Quantity)",
        ["col.medianPlain"] = "중앙값 (Median)",
        ["quantity.pAlive"] = "생존 확률 P(alive)",
        ["quantity.expectedPurchases"] = "향후 {0}주 기대 구매 횟수 (Expected purchases)",
        ["quantity.expectedSpend"] = "구매당 기대 금액 (Expected spend)",
        ["quantity.clv"] = "고객생애가치 (CLV, {0}개월)",
        ["chart.clv"] = "고객생애가치 (CLV) 분포 ({0}개월)",
        ["chart.pAlive"] = "생존 확률 P(alive) 분포",
        ["chart.expectedPurchases"] = "향후 {0}주 기대 구매 횟수 (Expected purchases)",
        ["axis.clv"] = "고객생애가치 (CLV, 거래 금액 단위)",
        ["axis.pAlive"] = "생존 확률 P(alive)",
        ["axis.purchases"] = "기대 구매 횟수 (Expected purchases)",
        ["axis.customers"] = "고객 수 (Customers)",
    };

    private readonly Dictionary<string, string> text;

    private ReportLabels(string language, Dictionary<string, string> text)
    {
        Language = language;
        this.text = text;
    }

    /// <summary>English: the labels the terminal report has always printed.</summary>
    public static ReportLabels English { get; } = new("en", EnglishText);

    /// <summary>Korean with the English term beside each label.</summary>
    public static ReportLabels Korean { get; } = new("ko", KoreanText);

    /// <summary>The languages <c>--lang</c> accepts.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "ko"];

    /// <summary>The BCP 47 code written into the HTML's lang attribute.</summary>
    public string Language { get; }

    public string this[string key] => text.TryGetValue(key, out var value) ? value
        : EnglishText.TryGetValue(key, out var english) ? english
        : throw new KeyNotFoundException($"No report label '{key}'.");

    public static ReportLabels For(string language) => language == "ko" ? Korean : English;

    /// <summary>The label <paramref name="key"/> with its {0}, {1} … filled in (invariant culture).</summary>
    public string Format(string key, params object?[] arguments) => string.Format(CultureInfo.InvariantCulture, this[key], arguments);

    /// <summary>The display name of a metric (nps, csat, ces).</summary>
    public string Metric(string metric) => this["metric." + metric];

    /// <summary>The top-box label of a scale metric (csat: % satisfied, ces: % easy).</summary>
    public string TopBox(string metric) => this[metric == "ces" ? "topBox.ces" : "topBox.csat"];

    /// <summary>Every key of a language (tests check the Korean table covers the English one).</summary>
    public IReadOnlyCollection<string> Keys => text.Keys;
}
