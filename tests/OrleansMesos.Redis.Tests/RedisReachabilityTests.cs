using System.Diagnostics;
using OrleansMesos.Testing;
using StackExchange.Redis;

namespace OrleansMesos.Redis.Tests;

/// <summary>
/// <see cref="RedisSettings.WaitUntilReachableAsync"/> on a real redis-server: it waits for a Redis that is not up
/// yet, and fails at once, saying why, when Redis refuses the password.
/// </summary>
public sealed class RedisReachabilityTests
{
    private const string Password = "reachability-password";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void RequireRedis() =>
        Assert.SkipWhen(RedisServer.SkippedOnPurpose, $"{RedisServer.NoRedisVariable}=1: Redis tests skipped on purpose");

    [Fact]
    public async Task AWrongPassword_FailsAtOnce_AsAnAuthenticationFailure_WithoutShowingIt()
    {
        RequireRedis();
        await using var server = await RedisServer.StartAsync(new RedisServerOptions { Password = Password }, Ct);
        var settings = new RedisSettings { Configuration = server.Configuration, Password = "not-the-" + Password };
        var elapsed = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => settings.WaitUntilReachableAsync(TimeSpan.FromMinutes(5), cancellationToken: Ct));

        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(10), $"took {elapsed.Elapsed}");
        Assert.Equal(ConnectionFailureType.AuthenticationFailure, error.FailureType);
        Assert.Equal("AuthenticationFailure: SimpleError: WRONGPASS invalid username-password pair or user is disabled.", settings.DescribeFailure(error));
    }

    // Given a Redis that is down, When a silo starts waiting for it and it comes up a second later, Then the wait
    // ends well, having said once why the first try failed.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ARedisThatComesUp_EndsTheWait(bool forEver)
    {
        RequireRedis();
        await using var server = await RedisServer.StartAsync(new RedisServerOptions { Password = Password }, Ct);
        await server.StopAsync(Ct);
        var said = new List<string>();

        var waiting = new RedisSettings { Configuration = server.Configuration, Password = Password }.WaitUntilReachableAsync(forEver ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(60), said.Add, Ct);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        Assert.False(waiting.IsCompleted);
        await server.StartAgainAsync(Ct);

        await waiting.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.StartsWith("UnableToConnect: no connection could be made", Assert.Single(said), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARedisThatStaysDown_EndsTheWaitWithinItsBound()
    {
        RequireRedis();
        var settings = new RedisSettings { Configuration = $"127.0.0.1:{Loopback.FreePort()}" };
        var elapsed = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => settings.WaitUntilReachableAsync(TimeSpan.FromSeconds(2), cancellationToken: Ct));

        Assert.Equal(ConnectionFailureType.UnableToConnect, error.FailureType);
        Assert.InRange(elapsed.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }
}
