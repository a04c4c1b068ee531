using TrustMetrics.Churn;
using TrustMetrics.Estimation;

namespace TrustMetrics.Orleans.Surrogates;

/// <summary>Orleans wire form of <see cref="CohortTable"/>: rows and age summaries as arrays.</summary>
[GenerateSerializer, Alias("TrustMetrics.CohortTable")]
internal struct CohortTableSurrogate
{
    [Id(0)] public int Period;
    [Id(1)] public DateOnly? AsOf;
    [Id(2)] public CohortRow[] Rows;
    [Id(3)] public CohortAgeSummary[] Summary;
}

[RegisterConverter]
internal sealed class CohortTableConverter : IConverter<CohortTable, CohortTableSurrogate>
{
    public CohortTable ConvertFromSurrogate(in CohortTableSurrogate s) => new((ChurnPeriod)s.Period, s.AsOf, s.Rows, s.Summary);

    public CohortTableSurrogate ConvertToSurrogate(in CohortTable v) =>
        new() { Period = (int)v.Period, AsOf = v.AsOf, Rows = [.. v.Rows], Summary = [.. v.Summary] };
}

/// <summary>Orleans wire form of <see cref="CohortRow"/>.</summary>
[GenerateSerializer, Alias("TrustMetrics.CohortRow")]
internal struct CohortRowSurrogate
{
    [Id(0)] public DateOnly Start;
    [Id(1)] public DateOnly LastDay;
    [Id(2)] public bool IsComplete;
    [Id(3)] public long Size;
    [Id(4)] public CohortCell[] Cells;
}

[RegisterConverter]
internal sealed class CohortRowConverter : IConverter<CohortRow, CohortRowSurrogate>
{
    public CohortRow ConvertFromSurrogate(in CohortRowSurrogate s) => new(s.Start, s.LastDay, s.IsComplete, s.Size, s.Cells);

    public CohortRowSurrogate ConvertToSurrogate(in CohortRow v) =>
        new() { Start = v.Start, LastDay = v.LastDay, IsComplete = v.IsComplete, Size = v.Size, Cells = [.. v.Cells] };
}

/// <summary>Orleans wire form of <see cref="CohortCell"/>.</summary>
[GenerateSerializer, Alias("TrustMetrics.CohortCell")]
internal struct CohortCellSurrogate
{
    [Id(0)] public int Age;
    [Id(1)] public long Active;
    [Id(2)] public long CohortSize;
    [Id(3)] public Estimate Retention;
}

[RegisterConverter]
internal sealed class CohortCellConverter : IConverter<CohortCell, CohortCellSurrogate>
{
    public CohortCell ConvertFromSurrogate(in CohortCellSurrogate s) => new(s.Age, s.Active, s.CohortSize, s.Retention);

    public CohortCellSurrogate ConvertToSurrogate(in CohortCell v) =>
        new() { Age = v.Age, Active = v.Active, CohortSize = v.CohortSize, Retention = v.Retention };
}

/// <summary>Orleans wire form of <see cref="CohortAgeSummary"/>.</summary>
[GenerateSerializer, Alias("TrustMetrics.CohortAgeSummary")]
internal struct CohortAgeSummarySurrogate
{
    [Id(0)] public int Age;
    [Id(1)] public int Cohorts;
    [Id(2)] public long Active;
    [Id(3)] public long CohortSize;
    [Id(4)] public Estimate Weighted;
    [Id(5)] public double UnweightedMean;
}

[RegisterConverter]
internal sealed class CohortAgeSummaryConverter : IConverter<CohortAgeSummary, CohortAgeSummarySurrogate>
{
    public CohortAgeSummary ConvertFromSurrogate(in CohortAgeSummarySurrogate s) =>
        new(s.Age, s.Cohorts, s.Active, s.CohortSize, s.Weighted, s.UnweightedMean);

    public CohortAgeSummarySurrogate ConvertToSurrogate(in CohortAgeSummary v) => new()
    {
        Age = v.Age, Cohorts = v.Cohorts, Active = v.Active, CohortSize = v.CohortSize, Weighted = v.Weighted, UnweightedMean = v.UnweightedMean,
    };
}
