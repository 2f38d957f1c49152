using System.Diagnostics;
using StackExchange.Redis;

namespace OrleansMesos.Redis;

public sealed partial class RedisSettings
{
    /// <summary>How long a silo waits at start for a Redis that does not answer yet.</summary>
    public static readonly TimeSpan DefaultStartWait = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MinConnectTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Connects once, to learn before Orleans does whether Redis can be used with these settings. While Redis does
    /// not answer (not started yet, restarting, loading its files) it tries again until <paramref name="wait"/> has
    /// passed; when Redis answers but refuses the credentials or the TLS certificate does not check out, it fails at once.
    /// </summary>
    /// <remarks>
    /// Orleans' Redis clustering and storage do not retry their first connect: a silo whose Redis is down at start
    /// stops after StackExchange.Redis's own timeouts (about five seconds with AbortOnConnectFail off), and a wrong
    /// password shows there only as a timeout whose cause varies from run to run (AuthenticationFailure, or SocketClosed
    /// after AUTH). This probe connects with AbortOnConnectFail on, which reports a refused password as such.
    /// </remarks>
    /// <param name="wait">How long to keep trying a Redis that does not answer; <see cref="Timeout.InfiniteTimeSpan"/> for ever.</param>
    /// <param name="retrying">Told, once, why the first try failed when it will try again.</param>
    /// <param name="cancellationToken">Stops the waiting.</param>
    /// <exception cref="Errors.InvalidFieldException">A setting is invalid.</exception>
    /// <exception cref="RedisConnectionException">Redis refused the connection (<see cref="ConnectionFailureType.AuthenticationFailure"/>:
    /// a password, user or certificate), or did not answer within <paramref name="wait"/>. <see cref="DescribeFailure"/> says why in a line.</exception>
    public async Task WaitUntilReachableAsync(TimeSpan wait, Action<string>? retrying = null, CancellationToken cancellationToken = default)
    {
        if (wait == Timeout.InfiniteTimeSpan)
        {
            wait = TimeSpan.MaxValue;
        }

        var options = ToConfigurationOptions();
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        var elapsed = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            options.ConnectTimeout = (int)Math.Clamp((wait - elapsed.Elapsed).TotalMilliseconds, MinConnectTimeout.TotalMilliseconds, MaxConnectTimeout.TotalMilliseconds);
            try
            {
                await using var probe = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
                return;
            }
            catch (RedisConnectionException ex) when (ex.FailureType != ConnectionFailureType.AuthenticationFailure && elapsed.Elapsed + RetryDelay < wait)
            {
                if (attempt == 1)
                {
                    retrying?.Invoke(DescribeFailure(ex));
                }
            }

            await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
        }
    }
}
