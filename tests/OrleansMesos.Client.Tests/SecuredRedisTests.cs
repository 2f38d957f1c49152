using System.Diagnostics;
using OrleansMesos.Errors;
using OrleansMesos.Testing;
using StackExchange.Redis;

namespace OrleansMesos.Client.Tests;

/// <summary>omsilo processes on a private redis-server, one at a time: they are heavy on a small machine.</summary>
[CollectionDefinition(nameof(OmsiloOnRedisTests), DisableParallelization = true)]
public sealed class OmsiloOnRedisTests;

/// <summary>
/// A Redis that asks for a password, and one that serves TLS only with a certificate of a private CA: omsilo takes
/// the password from its environment alone, a framework joins through Redis, and a wrong password stops omsilo at
/// once, saying why and not what the password was.
/// </summary>
[Collection(nameof(OmsiloOnRedisTests))]
public sealed class SecuredRedisTests
{
    private const string Password = "e2e-redis-password";
    private const string PasswordVariable = "OrleansMesos__RedisPassword";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void RequireRedis() =>
        Assert.SkipWhen(RedisServer.SkippedOnPurpose, $"{RedisServer.NoRedisVariable}=1: Redis tests skipped on purpose");

    // Given a Redis with requirepass, When omsilo gets the password only from OrleansMesos__RedisPassword and a
    // framework connects through Redis with it, Then the framework registers and gets a lease on omsilo's node.
    [Fact]
    public async Task APasswordFromTheEnvironment_LetsOmsiloAndAFrameworkUseRedis()
    {
        RequireRedis();
        await using var redis = await RedisServer.StartAsync(new RedisServerOptions { Password = Password }, Ct);

        await RunClusterAsync(redis, [], tlsCa: null);
    }

    // The same over TLS, the server's certificate signed by a CA made for the test and trusted through RedisTlsCa.
    [Fact]
    public async Task TlsWithAPrivateCa_LetsOmsiloAndAFrameworkUseRedis()
    {
        RequireRedis();
        await using var redis = await RedisServer.StartAsync(new RedisServerOptions { Password = Password, Tls = true }, Ct);
        var ca = redis.Tls!.CaFile;

        await RunClusterAsync(redis, ["--redis-tls", "--redis-tls-ca", ca], tlsCa: ca);
    }

    [Theory]
    [InlineData("not-the-password", "WRONGPASS")]
    [InlineData(null, "NOAUTH")]
    public async Task AWrongOrMissingPassword_StopsOmsiloAtOnce_SayingWhy_WithoutShowingIt(string? password, string cause)
    {
        RequireRedis();
        await using var redis = await RedisServer.StartAsync(new RedisServerOptions { Password = Password }, Ct);
        var errors = new List<string>();
        var elapsed = Stopwatch.StartNew();

        using var silo = StartSilo(redis, "om-wrongpw", password, errors);

        Assert.True(silo.WaitForExit(Deadline), "omsilo stops by itself");
        silo.WaitForExit();
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(20), $"it took {elapsed.Elapsed}");
        Assert.Equal(1, silo.ExitCode);
        var said = Lines(errors);
        var masked = password is null ? redis.Endpoint : $"{redis.Endpoint},password=*****";
        Assert.StartsWith($"omsilo: cannot start on Redis at {masked}: AuthenticationFailure: ", errors[^1], StringComparison.Ordinal);
        Assert.Contains(cause, errors[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(Password, said, StringComparison.Ordinal);
        if (password is not null)
        {
            Assert.DoesNotContain(password, said, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("RedisPassword", "--redis", "127.0.0.1:6379,password=inline-secret")]
    [InlineData("RedisTlsCa", "--redis", "127.0.0.1:6379", "--redis-tls", "--redis-tls-ca", "/no/such/ca.pem")]
    [InlineData("Redis", "--redis", "127.0.0.1:port")]
    public void ABadRedisSetting_StopsOmsiloWithCode2_NamingIt(string field, params string[] args)
    {
        var errors = new List<string>();
        using var silo = Omsilo.Start(
            new Dictionary<string, string?> { [PasswordVariable] = "env-secret" },
            line => Collect(errors, line),
            ["--clustering", "redis", .. args]);

        Assert.True(silo.WaitForExit(Deadline));
        silo.WaitForExit();
        Assert.Equal(2, silo.ExitCode);
        Assert.StartsWith($"omsilo: invalid setting: {field}: ", Assert.Single(errors), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFrameworkWithAWrongPassword_FailsAtOnce_WithAnAuthenticationFailure()
    {
        RequireRedis();
        await using var redis = await RedisServer.StartAsync(new RedisServerOptions { Password = Password }, Ct);
        var connection = new ClusterConnection { Redis = redis.Configuration, RedisPassword = "not-the-password", ConnectTimeout = TimeSpan.FromMinutes(1) };
        var elapsed = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() =>
            FrameworkClient.ConnectAsync(connection, new FrameworkClientOptions { Id = new FrameworkId("refused") }, Ct));

        Assert.Equal(ConnectionFailureType.AuthenticationFailure, error.FailureType);
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(10), $"it took {elapsed.Elapsed}");
        Assert.DoesNotContain("not-the-password", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFrameworkWhoseRedisIsDown_TimesOut_NamingRedis()
    {
        var port = Loopback.FreePort();
        var connection = new ClusterConnection { Redis = $"127.0.0.1:{port}", RedisPassword = Password, ConnectTimeout = TimeSpan.FromSeconds(2) };

        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            FrameworkClient.ConnectAsync(connection, new FrameworkClientOptions { Id = new FrameworkId("nowhere") }, Ct));

        Assert.Contains($"Redis at 127.0.0.1:{port},password=*****", error.Message, StringComparison.Ordinal);
        Assert.Contains("UnableToConnect", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFrameworkWithACaThatDoesNotExist_IsRefusedByName()
    {
        var connection = new ClusterConnection { Redis = "127.0.0.1:6379", RedisTls = true, RedisTlsCa = "/no/such/ca.pem" };

        var error = await Assert.ThrowsAsync<InvalidFieldException>(() =>
            FrameworkClient.ConnectAsync(connection, new FrameworkClientOptions { Id = new FrameworkId("no-ca") }, Ct));

        Assert.Equal("RedisTlsCa", error.Field);
    }

    /// <summary>Runs omsilo on <paramref name="redis"/> with the password in its environment, and a framework (over TLS trusting <paramref name="tlsCa"/> when given) that takes a lease on its node.</summary>
    private static async Task RunClusterAsync(RedisServer redis, string[] siloArgs, string? tlsCa)
    {
        var ids = "om-sec-" + Guid.NewGuid().ToString("N")[..8];
        var errors = new List<string>();
        using var silo = StartSilo(redis, ids, Password, errors, siloArgs);
        using var data = new TemporaryDirectory(DataDirectory(ids));
        try
        {
            Assert.DoesNotContain(Password, await File.ReadAllTextAsync($"/proc/{silo.Id}/cmdline", Ct), StringComparison.Ordinal);
            var connection = new ClusterConnection
            {
                Redis = redis.Endpoint,
                RedisPassword = Password,
                RedisTls = tlsCa is not null,
                RedisTlsCa = tlsCa,
                ClusterId = ids,
                ServiceId = ids,
                ConnectTimeout = TimeSpan.FromSeconds(10),
            };
            await using var client = await ConnectWhenUpAsync(connection, new FrameworkClientOptions { Id = new FrameworkId("secured"), Name = "through redis" }, silo, errors);
            Assert.Equal("through redis", client.LastSnapshot!.Registration!.Name);

            await client.SetDemandAsync([new TaskDemand(Resources.Parse("cpus=0.5,mem=64MiB"), 1)], Ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(Deadline);
            await using var leases = client.ReadLeasesAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
            Assert.True(await leases.MoveNextAsync());
            Assert.Equal(new NodeId(ids), leases.Current.Node);
        }
        finally
        {
            Omsilo.Signal(silo, "TERM");
            Assert.True(silo.WaitForExit(Deadline), "omsilo stops on SIGTERM");
            silo.WaitForExit();
        }

        Assert.Equal(0, silo.ExitCode);
        Assert.DoesNotContain(Password, Lines(errors), StringComparison.Ordinal);
    }

    private static Process StartSilo(RedisServer redis, string ids, string? password, List<string> errors, params string[] extra) =>
        Omsilo.Start(
            new Dictionary<string, string?> { [PasswordVariable] = password },
            line => Collect(errors, line),
            ["--clustering", "redis", "--storage", "redis", "--redis", redis.Endpoint, "--cluster-id", ids, "--service-id", ids, "--node-id", ids,
                "--silo-port", $"{Loopback.FreePort()}", "--gateway-port", $"{Loopback.FreePort()}", "--runtime", "process", "--resources", "cpus=1,mem=1GiB",
                "--data-dir", DataDirectory(ids), .. extra]);

    private static string DataDirectory(string ids) => Path.Combine(Path.GetTempPath(), "om-sec-data-" + ids);

    /// <summary>Removes a silo's data folder when the test is done with it.</summary>
    private sealed class TemporaryDirectory(string path) : IDisposable
    {
        public void Dispose()
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    /// <summary>Connects once omsilo is in Redis's membership table; a silo that exited fails the test with what it said.</summary>
    private static async Task<FrameworkClient> ConnectWhenUpAsync(ClusterConnection connection, FrameworkClientOptions options, Process silo, List<string> errors)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            Assert.False(silo.HasExited, $"omsilo exited ({(silo.HasExited ? silo.ExitCode : 0)}): {Lines(errors)}");
            try
            {
                return await FrameworkClient.ConnectAsync(connection, options, Ct);
            }
            catch (Exception ex) when (DateTime.UtcNow < deadline && ex is OrleansException or TimeoutException)
            {
                await Task.Delay(250, Ct);
            }
        }
    }

    private static void Collect(List<string> errors, string? line)
    {
        if (line is not null)
        {
            lock (errors)
            {
                errors.Add(line);
            }
        }
    }

    private static string Lines(List<string> errors)
    {
        lock (errors)
        {
            return string.Join('\n', errors);
        }
    }
}
