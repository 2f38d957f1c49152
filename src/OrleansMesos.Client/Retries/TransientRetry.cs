using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Storage;
using OrleansMesos.Errors;

namespace OrleansMesos.Client.Retries;

/// <summary>
/// Tries a grain call again when it failed for a reason that may pass: a timeout, a silo or gateway that is
/// unavailable, a stale activation that stepped down. A bounded number of tries with doubling waits; typed
/// OrleansMesos errors (a refusal, which would be refused again) and cancellation are never retried.
/// </summary>
internal sealed class TransientRetry(int maxAttempts, TimeSpan firstDelay, TimeProvider time, Action<Exception, int, TimeSpan>? onRetry = null)
{
    /// <summary>The longest wait between two tries.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    /// <summary>True when <paramref name="error"/> may pass if the same call is made again.</summary>
    public static bool IsTransient(Exception error) => error switch
    {
        // Refused for good, or not (the state store did not take a write: nothing was confirmed, the grain reloads).
        OrleansMesosException refusal => refusal.MayPass,
        TimeoutException => true,

        // SiloUnavailableException is one of these: the message never reached a live activation.
        OrleansMessageRejectionException => true,
        GatewayTooBusyException => true,
        ConnectionFailedException => true,

        // The grain's state was written by another activation: this one stepped down, a retry meets the current one.
        InconsistentStateException => true,
        _ => false,
    };

    /// <summary>The wait before retry number <paramref name="retry"/> (1 for the first): doubling from <paramref name="first"/>, at most <see cref="MaxDelay"/>.</summary>
    public static TimeSpan DelayBefore(int retry, TimeSpan first)
    {
        var factor = Math.Pow(2, Math.Min(retry - 1, 30));
        var ticks = Math.Min(first.Ticks * factor, MaxDelay.Ticks);
        return first <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Max(ticks, 0));
    }

    /// <summary>Makes <paramref name="call"/>, trying again on transient failures.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                // Grain calls here take no token: giving up waits for the answer, the call itself goes on.
                return await call().WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (attempt < maxAttempts && IsTransient(error) && !cancellationToken.IsCancellationRequested)
            {
                var delay = DelayBefore(attempt, firstDelay);
                onRetry?.Invoke(error, attempt, delay);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Makes <paramref name="call"/>, trying again on transient failures. When a retry fails with an error that
    /// <paramref name="doneBefore"/> recognises as "already done", an earlier try did take effect (only its
    /// answer was lost): that counts as success.
    /// </summary>
    public Task RunAsync(Func<Task> call, CancellationToken cancellationToken, Func<Exception, bool>? doneBefore = null)
    {
        var retried = false;
        return RunAsync(async () =>
        {
            try
            {
                await call().ConfigureAwait(false);
            }
            catch (Exception error) when (retried && doneBefore?.Invoke(error) == true)
            {
                // Done by an earlier try whose answer was lost.
            }
            catch (Exception error) when (IsTransient(error))
            {
                retried = true;
                throw;
            }

            return true;
        }, cancellationToken);
    }
}
