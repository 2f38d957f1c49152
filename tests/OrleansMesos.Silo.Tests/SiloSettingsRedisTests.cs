using Microsoft.Extensions.Configuration;
using OrleansMesos.Errors;

namespace OrleansMesos.Silo.Tests;

/// <summary>The silo's Redis settings: read from configuration, checked by name, built into one Redis configuration.</summary>
public sealed class SiloSettingsRedisTests
{
    private const string Secret = "silo-s3cret";

    private static string NoSuchFile() => Path.Combine(Path.GetTempPath(), "om-no-such-ca-" + Guid.NewGuid().ToString("N") + ".pem");

    private static SiloSettings OnRedis(string redis = "127.0.0.1:6379") => new() { Clustering = "redis", Storage = "redis", Redis = redis };

    [Fact]
    public void TheRedisFields_ComeFromConfiguration_AsEnvironmentVariablesGiveThem()
    {
        // OrleansMesos__RedisPassword in the environment arrives as the key OrleansMesos:RedisPassword.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OrleansMesos:Clustering"] = "redis",
            ["OrleansMesos:Redis"] = "127.0.0.1:6380",
            ["OrleansMesos:RedisPassword"] = Secret,
            ["OrleansMesos:RedisUser"] = "omsilo",
            ["OrleansMesos:RedisTls"] = "true",
            ["OrleansMesos:RedisTlsHost"] = "redis.internal",
        }).Build();

        var settings = configuration.GetSection("OrleansMesos").Get<SiloSettings>()!;
        settings.Validate();
        var options = settings.RedisConnection().ToConfigurationOptions();

        Assert.Equal(Secret, options.Password);
        Assert.Equal("omsilo", options.User);
        Assert.True(options.Ssl);
        Assert.Equal("redis.internal", options.SslHost);
        Assert.False(options.AbortOnConnectFail);
    }

    [Fact]
    public void AnUnparsableRedis_NamesRedis() =>
        Assert.Equal("Redis", Assert.Throws<InvalidFieldException>(OnRedis("127.0.0.1:port").Validate).Field);

    [Fact]
    public void APasswordInTheStringAndInRedisPassword_NamesRedisPassword_WithoutShowingEither()
    {
        var settings = OnRedis($"127.0.0.1:6379,password={Secret}");
        settings.RedisPassword = "other-" + Secret;

        var error = Assert.Throws<InvalidFieldException>(settings.Validate);

        Assert.Equal("RedisPassword", error.Field);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACaThatDoesNotExist_NamesRedisTlsCa()
    {
        var settings = OnRedis();
        (settings.RedisTls, settings.RedisTlsCa) = (true, NoSuchFile());

        Assert.Equal("RedisTlsCa", Assert.Throws<InvalidFieldException>(settings.Validate).Field);
    }

    [Fact]
    public void RedisSettings_WithoutRedisUse_AreHarmless()
    {
        var settings = new SiloSettings { Redis = "not a redis", RedisPassword = Secret, RedisTls = false, RedisTlsCa = NoSuchFile(), RedisTlsHost = "x" };

        settings.Validate();

        Assert.False(settings.UsesRedis);
    }

    [Fact]
    public void StorageAloneOnRedis_StillChecksTheRedisSettings()
    {
        var settings = new SiloSettings { Storage = "redis", Redis = "127.0.0.1:6379", RedisTlsCa = NoSuchFile() };

        Assert.Equal("RedisTlsCa", Assert.Throws<InvalidFieldException>(settings.Validate).Field);
    }

    [Fact]
    public async Task TheCommandLine_TakesTheRedisOptions_AndItsHelpPointsThePasswordToTheEnvironment()
    {
        Dictionary<string, string>? given = null;
        var command = SiloCommand.Create((settings, _) => { given = settings; return Task.FromResult(0); });

        var exit = await command.Parse(["--redis", "h:1", "--redis-user", "u", "--redis-tls", "--redis-tls-ca", "/ca.pem", "--redis-tls-host", "n"]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Equal(
            new Dictionary<string, string> { ["Redis"] = "h:1", ["RedisUser"] = "u", ["RedisTls"] = "true", ["RedisTlsCa"] = "/ca.pem", ["RedisTlsHost"] = "n" },
            given);
        var password = Assert.Single(command.Options, o => o.Name == "--redis-password");
        Assert.Contains("OrleansMesos__RedisPassword", password.Description, StringComparison.Ordinal);
        Assert.Contains("visible to other users", password.Description, StringComparison.Ordinal);
    }
}
