namespace TrustMetrics.Orleans;

/// <summary>State name and storage provider of a grain's persistent state, chosen at run time from the options (the attribute form needs a constant).</summary>
internal sealed record GrainStateConfiguration(string StateName, string StorageName) : IPersistentStateConfiguration;
