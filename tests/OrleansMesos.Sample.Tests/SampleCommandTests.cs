namespace OrleansMesos.Sample.Tests;

/// <summary>The command line: defaults, and bad options refused by name with exit code 2.</summary>
public sealed class SampleCommandTests
{
    [Fact]
    public async Task WithNoOptions_TheDefaultsApply()
    {
        var (exitCode, settings, _) = await Invoke();

        Assert.Equal(0, exitCode);
        Assert.NotNull(settings);
        Assert.Equal((20, "cpus=0.5,mem=128MiB", 2, 0.0, false), (settings.Tasks, settings.TaskResources.ToString(), settings.MaxRetries, settings.FailRate, settings.Local));
        Assert.Equal(["127.0.0.1:30000"], settings.Gateways);
        Assert.Equal(("orleansmesos", "orleansmesos", "default"), (settings.ClusterId, settings.ServiceId, settings.Role.Value));
        Assert.StartsWith("batch-", settings.FrameworkId.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryOption_IsRead()
    {
        var (exitCode, settings, _) = await Invoke(
            "--local", "--tasks", "6", "--task", "cpus=0.25,mem=64MiB", "--max-retries", "1", "--fail-rate", "0.5", "--seed", "9",
            "--command", "/bin/echo", "--args", "-n", "hello", "--role", "batch", "--framework-id", "fw-1", "--gateway", "10.0.0.1:3000",
            "--gateway", "[::1]:3001", "--cluster-id", "c1", "--service-id", "s1", "--timeout", "30", "--max-sleep", "0.2");

        Assert.Equal(0, exitCode);
        Assert.NotNull(settings);
        Assert.True(settings.Local);
        Assert.Equal((6, "cpus=0.25,mem=64MiB", 1, 0.5, 9), (settings.Tasks, settings.TaskResources.ToString(), settings.MaxRetries, settings.FailRate, settings.Seed));
        Assert.Equal(("/bin/echo", "batch", "fw-1"), (settings.Command, settings.Role.Value, settings.FrameworkId.Value));
        Assert.Equal(["-n", "hello"], settings.Args);
        Assert.Equal(["10.0.0.1:3000", "[::1]:3001"], settings.Gateways);
        Assert.Equal(("c1", "s1", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(0.2)), (settings.ClusterId, settings.ServiceId, settings.Timeout, settings.MaxSleep));
    }

    [Theory]
    [InlineData("--task", "cpus=lots", "--task: must be a non-negative number of cores such as 2 or 0.5 (cpus: lots)")]
    [InlineData("--task", "none", "--task: must ask for some resource, e.g. cpus=0.5,mem=128MiB")]
    [InlineData("--tasks", "0", "--tasks: must be between 1 and 9999 (0)")]
    [InlineData("--fail-rate", "1.5", "--fail-rate: must be a number from 0 to 1 (1.5)")]
    [InlineData("--max-retries", "-1", "--max-retries: must be between 0 and 100 (-1)")]
    [InlineData("--gateway", "localhost", "--gateway: must be host:port with a port from 1 to 65535 (localhost)")]
    [InlineData("--args", "x", "--args: needs --command: the default command takes none")]
    [InlineData("--framework-id", "no spaces", "--framework-id: must be 1-128 characters of letters, digits, '.', '_', '-' or ':', starting with a letter or digit (framework: 'no spaces')")]
    public async Task ABadOption_IsRefusedByName_WithExitCode2(string option, string value, string message)
    {
        var (exitCode, settings, error) = await Invoke(option, value);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Null(settings);
        Assert.Equal($"client-sample: invalid option: {message}", error.Trim());
    }

    [Fact]
    public async Task AnUnknownOptionOrAMalformedNumber_IsABadCommandLine()
    {
        Assert.Equal(ExitCodes.InvalidInput, (await Invoke("--banana")).ExitCode);
        Assert.Equal(ExitCodes.InvalidInput, (await Invoke("--tasks", "many")).ExitCode);
    }

    [Fact]
    public async Task TheRedisOptions_AreRead_WithThePasswordFromTheEnvironmentOnly()
    {
        var (exitCode, settings, _) = await InvokeWith(
            new() { ["OrleansMesos__RedisPassword"] = "sample-secret" },
            "--redis", "redis.internal:6380", "--redis-user", "batch", "--redis-tls", "--redis-tls-host", "redis.example", "--cluster-id", "c1");

        Assert.Equal(0, exitCode);
        Assert.NotNull(settings?.Redis);
        var redis = settings.Redis;
        Assert.Equal(("redis.internal:6380", "sample-secret", "batch", true, "redis.example"), (redis.Configuration, redis.Password, redis.User, redis.Tls, redis.TlsHost));
        Assert.DoesNotContain("sample-secret", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutRedis_ThePasswordVariableIsNotRead()
    {
        var (_, settings, _) = await InvokeWith(new() { ["OrleansMesos__RedisPassword"] = "sample-secret" });

        Assert.Null(settings!.Redis);
    }

    [Theory]
    [InlineData("--redis: cannot go with --local: the local cluster runs without Redis", "--redis", "h:6379", "--local")]
    [InlineData("--gateway: cannot go with --redis: the gateways are found in Redis", "--redis", "h:6379", "--gateway", "10.0.0.1:3000")]
    [InlineData("--redis: must name at least one host:port (ssl=true)", "--redis", "ssl=true")]
    [InlineData("--redis-tls-ca: needs TLS: set --redis-tls (or ssl=true in --redis)", "--redis", "h:6379", "--redis-tls-ca", "/no/such/ca.pem")]
    [InlineData("--redis-tls-ca: must be an existing CA certificate file (PEM or DER) (/no/such/ca.pem)", "--redis", "h:6379,ssl=true", "--redis-tls-ca", "/no/such/ca.pem")]
    [InlineData("OrleansMesos__RedisPassword: must not be given when --redis holds a password= too: keep it in one place", "--redis", "h:6379,password=inline")]
    public async Task ABadRedisOption_IsRefusedByName_WithExitCode2(string message, params string[] args)
    {
        var (exitCode, settings, error) = await InvokeWith(new() { ["OrleansMesos__RedisPassword"] = "sample-secret" }, args);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Null(settings);
        Assert.Equal($"client-sample: invalid option: {message}", error.Trim());
    }

    private static Task<(int ExitCode, SampleSettings? Settings, string Error)> Invoke(params string[] args) => InvokeWith([], args);

    private static async Task<(int ExitCode, SampleSettings? Settings, string Error)> InvokeWith(Dictionary<string, string> environment, params string[] args)
    {
        SampleSettings? seen = null;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await SampleCommand.InvokeAsync(
            args,
            name => environment.GetValueOrDefault(name),
            (settings, _) =>
            {
                seen = settings;
                return Task.FromResult(0);
            },
            output,
            error,
            TestContext.Current.CancellationToken);
        return (exitCode, seen, error.ToString());
    }
}
