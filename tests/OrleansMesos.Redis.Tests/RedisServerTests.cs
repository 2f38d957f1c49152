using OrleansMesos.Testing;
using StackExchange.Redis;

namespace OrleansMesos.Redis.Tests;

/// <summary>
/// The test helper <see cref="RedisServer"/> on a real redis-server, reached through <see cref="RedisSettings"/>:
/// passwords, TLS with its own CA, and what survives a restart or a kill under each persistence setting.
/// </summary>
public sealed class RedisServerTests
{
    private const string Password = "helper-test-password";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void RequireRedis() =>
        Assert.SkipWhen(RedisServer.SkippedOnPurpose, $"{RedisServer.NoRedisVariable}=1: Redis tests skipped on purpose");

    private static Task<ConnectionMultiplexer> ConnectAsync(RedisSettings settings, bool abortOnConnectFail = false)
    {
        var options = settings.ToConfigurationOptions();
        options.AbortOnConnectFail = abortOnConnectFail;
        return ConnectionMultiplexer.ConnectAsync(options);
    }

    [Fact]
    public async Task APasswordedServer_AnswersWithThePassword_AndRefusesAWrongOne()
    {
        RequireRedis();
        await using var server = await RedisServer.StartAsync(new RedisServerOptions { Password = Password }, Ct);

        await using (var redis = await ConnectAsync(new RedisSettings { Configuration = server.Configuration, Password = Password }))
        {
            await redis.GetDatabase().StringSetAsync("k", "v");
            Assert.Equal("v", await redis.GetDatabase().StringGetAsync("k"));
        }

        var wrong = await Assert.ThrowsAsync<RedisConnectionException>(() => ConnectAsync(new RedisSettings { Configuration = server.Configuration, Password = "wrong" }, abortOnConnectFail: true));
        Assert.Contains("WRONGPASS", wrong.GetBaseException().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATlsServer_IsTrustedThroughItsOwnCa_AndNotWithoutIt()
    {
        RequireRedis();
        await using var server = await RedisServer.StartAsync(new RedisServerOptions { Tls = true, Password = Password }, Ct);
        Assert.EndsWith(",ssl=true", server.Configuration, StringComparison.Ordinal);

        await using (var redis = await ConnectAsync(new RedisSettings { Configuration = server.Endpoint, Tls = true, TlsCa = server.Tls!.CaFile, Password = Password }))
        {
            Assert.True(redis.IsConnected);
            Assert.True((await redis.GetDatabase().PingAsync()) < Deadline);
        }

        var untrusted = await Assert.ThrowsAsync<RedisConnectionException>(() =>
            ConnectAsync(new RedisSettings { Configuration = server.Endpoint, Tls = true, Password = Password }, abortOnConnectFail: true));
        Assert.Contains("UntrustedRoot", untrusted.GetBaseException().Message, StringComparison.Ordinal);

        // The CA vouches for 127.0.0.1 and localhost only.
        var otherName = await Assert.ThrowsAsync<RedisConnectionException>(() =>
            ConnectAsync(new RedisSettings { Configuration = server.Endpoint, Tls = true, TlsCa = server.Tls.CaFile, TlsHost = "redis.elsewhere", Password = Password }, abortOnConnectFail: true));
        Assert.Equal(ConnectionFailureType.AuthenticationFailure, otherName.FailureType);
    }

    // Given an append-only file synced on every write, When Redis is killed (what a crash does) and started again,
    // Then every write it acknowledged is there.
    [Fact]
    public async Task WithAppendFsyncAlways_EveryAcknowledgedWrite_OutlivesAKill()
    {
        RequireRedis();
        await using var server = await RedisServer.StartAsync(new RedisServerOptions { AppendOnly = true, AppendFsync = "always" }, Ct);
        await using var redis = await ConnectAsync(new RedisSettings { Configuration = server.Configuration });
        await WriteAsync(redis, 200);
        var port = server.Port;

        await server.KillAsync(Ct);
        Assert.Null(server.ProcessId);
        await server.StartAgainAsync(Ct);

        Assert.Equal(port, server.Port);
        await AssertKeptAsync(redis, 200);
    }

    // Given an append-only file, When Redis restarts (SIGTERM, then a start on the same port), Then a client that was
    // connected before reconnects by itself and reads what it wrote.
    [Fact]
    public async Task ARestart_KeepsTheData_AndConnectedClientsReconnect()
    {
        RequireRedis();
        await using var server = await RedisServer.StartAsync(new RedisServerOptions { AppendOnly = true, Password = Password }, Ct);
        await using var redis = await ConnectAsync(new RedisSettings { Configuration = server.Configuration, Password = Password });
        await WriteAsync(redis, 50);

        await server.RestartAsync(Ct);

        await AssertKeptAsync(redis, 50);
        Assert.NotNull(server.ProcessId);
    }

    // Without persistence, a restart starts empty: the helper's default is for tests that want no state left over.
    [Fact]
    public async Task WithoutPersistence_ARestartStartsEmpty()
    {
        RequireRedis();
        await using var server = await RedisServer.StartAsync(cancellationToken: Ct);
        await using var redis = await ConnectAsync(new RedisSettings { Configuration = server.Configuration });
        await WriteAsync(redis, 5);

        await server.RestartAsync(Ct);

        await Eventually(async () => (long)(await redis.GetDatabase().ExecuteAsync("DBSIZE")) == 0, "Redis answers, empty");
    }

    // RDB snapshots alone keep only what the last snapshot held: writes after it are gone after a crash.
    [Fact]
    public async Task WithSnapshotsOnly_WritesAfterTheLastSnapshot_AreLostInAKill()
    {
        RequireRedis();
        await using var server = await RedisServer.StartAsync(new RedisServerOptions { ExtraConfiguration = ["save 3600 1"] }, Ct);
        await using var redis = await ConnectAsync(new RedisSettings { Configuration = server.Configuration });
        await WriteAsync(redis, 5);

        await server.KillAsync(Ct);
        await server.StartAgainAsync(Ct);

        await Eventually(async () => (long)(await redis.GetDatabase().ExecuteAsync("DBSIZE")) == 0, "Redis answers, without the writes");
    }

    [Fact]
    public async Task Disposing_KillsTheServer_AndRemovesItsFolder()
    {
        RequireRedis();
        var server = await RedisServer.StartAsync(new RedisServerOptions { Tls = true }, Ct);
        var pid = server.ProcessId!.Value;
        Assert.True(File.Exists(Path.Combine(server.Directory, "redis.conf")));

        await server.DisposeAsync();

        Assert.False(Directory.Exists(server.Directory));
        Assert.Throws<ArgumentException>(() => System.Diagnostics.Process.GetProcessById(pid));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => server.RestartAsync(Ct));
    }

    private static async Task WriteAsync(ConnectionMultiplexer redis, int count)
    {
        var db = redis.GetDatabase();
        for (var i = 0; i < count; i++)
        {
            Assert.True(await db.StringSetAsync($"key:{i}", $"value {i}"));
        }
    }

    private static async Task AssertKeptAsync(ConnectionMultiplexer redis, int count)
    {
        await Eventually(async () => (long)(await redis.GetDatabase().ExecuteAsync("DBSIZE")) == count, $"Redis answers with all {count} keys");
        for (var i = 0; i < count; i++)
        {
            Assert.Equal($"value {i}", await redis.GetDatabase().StringGetAsync($"key:{i}"));
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds; a Redis that is still coming back counts as not yet.</summary>
    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        string last = "never asked";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }

                last = "not yet";
            }
            catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException or RedisServerException)
            {
                last = ex.Message;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail($"{what}: not within {Deadline.TotalSeconds:0} s (last: {last})");
    }
}
