using System.Runtime.ExceptionServices;

namespace TrustMetrics.Statistics;

/// <summary>
/// How long work runs: under the caller's <see cref="CancellationToken"/> and with at most
/// <see cref="MaxDegreeOfParallelism"/> threads (<c>null</c>: all cores; 1: serial on the calling thread). Passed from a public
/// entry (a fit, a bootstrap, a batch prediction) down to the loops that do the work.
/// </summary>
internal readonly record struct ParallelWork(CancellationToken CancellationToken, int? MaxDegreeOfParallelism)
{
    /// <summary>Serial, not cancellable: the default of internal callers that never run long.</summary>
    public static ParallelWork Serial => new(CancellationToken.None, 1);

    /// <summary>Validates a public <c>maxDegreeOfParallelism</c> argument (null or ≥ 1) and builds the work settings.</summary>
    public static ParallelWork From(CancellationToken cancellationToken, int? maxDegreeOfParallelism,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(maxDegreeOfParallelism))] string? paramName = null)
    {
        if (maxDegreeOfParallelism is < 1)
        {
            throw new ArgumentOutOfRangeException(paramName, maxDegreeOfParallelism,
                $"{paramName} must be null (all cores) or at least 1; got {maxDegreeOfParallelism}.");
        }

        return new ParallelWork(cancellationToken, maxDegreeOfParallelism);
    }

    /// <summary>True when the loop may use more than one thread.</summary>
    public bool MayParallelize => MaxDegreeOfParallelism is not 1 && Environment.ProcessorCount > 1;

    /// <summary>Throws <see cref="OperationCanceledException"/> when cancellation was requested.</summary>
    public void ThrowIfCancellationRequested() => CancellationToken.ThrowIfCancellationRequested();

    /// <summary>
    /// Runs <paramref name="body"/> for every index in [0, <paramref name="count"/>), in parallel when allowed and
    /// <paramref name="parallel"/> says the input is large enough. An exception inside the loop reaches the caller as itself
    /// (the first one thrown), exactly as the serial loop would throw it, never wrapped in an <see cref="AggregateException"/>.
    /// </summary>
    public void For(int count, bool parallel, Action<int> body)
    {
        ThrowIfCancellationRequested();
        if (!parallel || !MayParallelize || count < 2)
        {
            for (int i = 0; i < count; i++)
            {
                body(i);
            }

            return;
        }

        var options = new ParallelOptions
        {
            CancellationToken = CancellationToken,
            MaxDegreeOfParallelism = MaxDegreeOfParallelism ?? -1,
        };
        try
        {
            Parallel.For(0, count, options, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }
}
