using TrustMetrics.Clv;

namespace TrustMetrics.Repurchase;

/// <summary>Repeat-purchase rate, inter-purchase intervals and purchase frequency from the CLV transaction input. Stateless and thread-safe.</summary>
public interface IRepurchaseCalculator
{
    /// <summary>The repurchase metrics of the transactions added to <paramref name="transactions"/> (not changed).</summary>
    /// <typeparam name="TKey">Customer key type.</typeparam>
    /// <param name="transactions">A summarizer holding at least one customer; its unit defines a purchase period (day by default).</param>
    /// <param name="frequencyUnit">Calendar period of the frequency table; not finer than the summarizer's unit. Default month.</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    RepurchaseResult Calculate<TKey>(TransactionSummarizer<TKey> transactions, ClvTimeUnit frequencyUnit = ClvTimeUnit.Month, double? confidenceLevel = null)
        where TKey : notnull;
}
