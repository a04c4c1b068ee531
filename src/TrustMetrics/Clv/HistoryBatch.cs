using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>A per-customer formula f(x, t_x, T) of a purchase model, as a struct so the batch loops below specialise and inline it.</summary>
internal interface IHistoryFormula
{
    double Evaluate(long x, double tx, double T);
}

/// <summary>
/// The one batch loop of the purchase models: validate each history (naming the first bad index), evaluate the formula, and split
/// large inputs over the cores in fixed chunks. Nothing is allocated per customer; a parallel call allocates a few small objects.
/// The caller's <see cref="ParallelWork"/> decides whether the chunks may run in parallel (and on how many threads) and cancels
/// between chunks and every 65,536 customers; the default (<c>default(ParallelWork)</c>) is all cores, not cancellable.
/// </summary>
internal static class HistoryBatch
{
    /// <summary>Below this many customers the work (well under a millisecond) is not worth waking the other cores; the same threshold as the likelihood sums, not tuned separately.</summary>
    private const int ParallelThreshold = 16_384;

    /// <summary>Fixed chunking, so sums are added in the same order on every machine.</summary>
    private const int Chunks = 16;

    /// <summary>destination[i] = f(histories[i]) after checking each history; lengths must match.</summary>
    public static unsafe void Evaluate<TFormula>(TFormula formula, ReadOnlySpan<PurchaseHistory> histories, Span<double> destination, string paramName,
        ParallelWork work = default)
        where TFormula : struct, IHistoryFormula
    {
        if (histories.Length != destination.Length)
        {
            throw new ArgumentException($"destination has {destination.Length} elements but {paramName} has {histories.Length}; they must match.", nameof(destination));
        }

        int n = histories.Length;
        if (n < ParallelThreshold || !work.MayParallelize)
        {
            Run(formula, histories, destination, 0, paramName, work);
            return;
        }

        var errors = new ArgumentException?[Chunks];
        fixed (PurchaseHistory* source = histories)
        fixed (double* target = destination)
        {
            // Spans cannot cross into the workers; the pinned addresses can, and the call returns only after every chunk is done.
            nint s = (nint)source, d = (nint)target;
            work.For(Chunks, parallel: true, chunk =>
            {
                int from = (int)((long)n * chunk / Chunks), to = (int)((long)n * (chunk + 1) / Chunks);
                try
                {
                    Run(formula, new ReadOnlySpan<PurchaseHistory>((PurchaseHistory*)s + from, to - from), new Span<double>((double*)d + from, to - from), from, paramName, work);
                }
                catch (ArgumentException e)
                {
                    errors[chunk] = e;
                }
            });
        }

        // Each chunk stops at its first bad history, so the first failing chunk holds the lowest bad index, as a serial loop reports.
        foreach (var error in errors)
        {
            if (error is not null)
            {
                throw error;
            }
        }
    }

    /// <summary>Σ count·f(x, t_x, T) over compressed rows, in fixed chunks on all cores when there are many rows.</summary>
    public static double WeightedSum<TFormula>(TFormula formula, CompressedHistories data, ParallelWork work = default)
        where TFormula : struct, IHistoryFormula
    {
        int n = data.RowCount;
        if (n < ParallelThreshold || !work.MayParallelize)
        {
            work.ThrowIfCancellationRequested();
            return Sum(formula, data, 0, n);
        }

        var sums = new double[Chunks];
        work.For(Chunks, parallel: true, chunk => sums[chunk] = Sum(formula, data, (int)((long)n * chunk / Chunks), (int)((long)n * (chunk + 1) / Chunks)));
        double total = 0;
        foreach (double s in sums)
        {
            total += s;
        }

        return total;
    }

    private static void Run<TFormula>(TFormula formula, ReadOnlySpan<PurchaseHistory> histories, Span<double> destination, int offset, string paramName,
        ParallelWork work)
        where TFormula : struct, IHistoryFormula
    {
        for (int i = 0; i < histories.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                work.ThrowIfCancellationRequested();
            }

            var h = histories[i];
            CompressedHistories.Validate(h, offset + i, paramName);
            destination[i] = formula.Evaluate(h.Frequency, h.Recency, h.T);
        }
    }

    private static double Sum<TFormula>(TFormula formula, CompressedHistories data, int from, int to)
        where TFormula : struct, IHistoryFormula
    {
        var x = data.Frequency;
        var tx = data.Recency;
        var t = data.T;
        var counts = data.Counts;
        double total = 0;
        for (int i = from; i < to; i++)
        {
            total += counts[i] * formula.Evaluate(x[i], tx[i], t[i]);
        }

        return total;
    }
}
