using OrleansMesos.Errors;
using StackExchange.Redis;

namespace OrleansMesos.Redis.Tests;

/// <summary>One <see cref="ConfigurationOptions"/> from the settings; bad settings named, passwords never shown.</summary>
public sealed class RedisSettingsTests
{
    private const string Secret = "s3cret-value";

    [Fact]
    public void APlainEndpoint_BecomesOptionsThatRetryTheFirstConnect()
    {
        var options = new RedisSettings { Configuration = "redis.example:6380" }.ToConfigurationOptions();

        Assert.Equal("redis.example:6380", Assert.Single(options.EndPoints).ToString()?.Replace("Unspecified/", string.Empty, StringComparison.Ordinal));
        Assert.False(options.AbortOnConnectFail);
        Assert.False(options.Ssl);
        Assert.Null(options.Password);
        Assert.Null(options.User);
    }

    [Fact]
    public void ThePasswordAndUser_GoBesideTheString_AndTlsTurnsOn()
    {
        var options = new RedisSettings { Configuration = "127.0.0.1:6379", Password = Secret, User = "omsilo", Tls = true, TlsHost = "redis.internal" }.ToConfigurationOptions();

        Assert.Equal(Secret, options.Password);
        Assert.Equal("omsilo", options.User);
        Assert.True(options.Ssl);
        Assert.Equal("redis.internal", options.SslHost);
    }

    [Fact]
    public void SslInTheString_CountsAsTls()
    {
        var options = new RedisSettings { Configuration = "127.0.0.1:6379,ssl=true", TlsHost = "redis.internal" }.ToConfigurationOptions();

        Assert.True(options.Ssl);
    }

    [Fact]
    public void EachCall_BuildsItsOwnOptions() =>
        Assert.NotSame(new RedisSettings { Configuration = "h:1" }.ToConfigurationOptions(), new RedisSettings { Configuration = "h:1" }.ToConfigurationOptions());

    [Fact]
    public void AnEmptyPassword_CountsAsNone() =>
        Assert.Null(new RedisSettings { Configuration = "h:1", Password = string.Empty }.ToConfigurationOptions().Password);

    [Theory]
    [InlineData(null, "Redis: must be given (host:port)")]
    [InlineData(" ", "Redis: must be given (host:port)")]
    [InlineData("host:notaport", "Redis: must be a StackExchange.Redis configuration: host:port, then options such as ssl=true (host:notaport: 'host:notaport' is not host:port)")]
    [InlineData("host:99999", "Redis: must be a StackExchange.Redis configuration: host:port, then options such as ssl=true (host:99999: port ('99999') must be less than or equal to '65535'. (Parameter 'port'))")]
    [InlineData("host:6379,colour=blue", "Redis: must be a StackExchange.Redis configuration: host:port, then options such as ssl=true (host:6379,colour=blue: Keyword 'colour' is not supported. (Parameter 'colour'))")]
    [InlineData("ssl=true", "Redis: must name at least one host:port (ssl=true)")]
    public void ABadString_NamesRedis(string? configuration, string message)
    {
        var error = Assert.Throws<InvalidFieldException>(() => new RedisSettings { Configuration = configuration }.Validate());

        Assert.Equal("Redis", error.Field);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ABadString_NeverShowsItsPassword()
    {
        var error = Assert.Throws<InvalidFieldException>(() => new RedisSettings { Configuration = $"host:6379,password={Secret},ssl=maybe" }.Validate());

        Assert.Equal("Redis", error.Field);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
        Assert.Contains("password=*****", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APasswordInBothPlaces_NamesRedisPassword_WithoutShowingEither()
    {
        var error = Assert.Throws<InvalidFieldException>(() => new RedisSettings { Configuration = "host:6379,password=inline-one", Password = Secret }.Validate());

        Assert.Equal("RedisPassword", error.Field);
        Assert.Equal("RedisPassword: must not be given when Redis holds a password= too: keep it in one place", error.Message);
    }

    [Fact]
    public void AUserInBothPlaces_NamesRedisUser() =>
        Assert.Equal("RedisUser", Assert.Throws<InvalidFieldException>(() => new RedisSettings { Configuration = "host:6379,user=a", User = "b" }.Validate()).Field);

    [Fact]
    public void ACaFileThatDoesNotExist_NamesRedisTlsCa()
    {
        var path = Path.Combine(Path.GetTempPath(), "om-no-such-ca-" + Guid.NewGuid().ToString("N") + ".pem");

        var error = Assert.Throws<InvalidFieldException>(() => new RedisSettings { Configuration = "host:6379", Tls = true, TlsCa = path }.Validate());

        Assert.Equal("RedisTlsCa", error.Field);
        Assert.Equal($"RedisTlsCa: must be an existing CA certificate file (PEM or DER) ({path})", error.Message);
    }

    [Fact]
    public void ACaFileThatIsNoCertificate_NamesRedisTlsCa()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a certificate");

            var error = Assert.Throws<InvalidFieldException>(() => new RedisSettings { Configuration = "host:6379", Tls = true, TlsCa = path }.Validate());

            Assert.Equal("RedisTlsCa", error.Field);
            Assert.StartsWith("RedisTlsCa: must be a readable CA certificate file (PEM or DER)", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("RedisTlsCa")]
    [InlineData("RedisTlsHost")]
    public void TlsFilesWithoutTls_AreRefused_ByName(string field)
    {
        var settings = field == "RedisTlsCa"
            ? new RedisSettings { Configuration = "host:6379", TlsCa = "/etc/hostname" }
            : new RedisSettings { Configuration = "host:6379", TlsHost = "redis.internal" };

        var error = Assert.Throws<InvalidFieldException>(settings.Validate);

        Assert.Equal(field, error.Field);
        Assert.Equal($"{field}: needs TLS: set RedisTls (or ssl=true in Redis)", error.Message);
    }

    [Fact]
    public void ToString_MasksThePassword_WhereverItWasGiven()
    {
        Assert.Equal("host:6379,password=*****", new RedisSettings { Configuration = "host:6379", Password = Secret }.ToString());
        Assert.DoesNotContain(Secret, new RedisSettings { Configuration = $"host:6379,password={Secret}" }.ToString(), StringComparison.Ordinal);
        Assert.Equal("host:notaport,password=*****", new RedisSettings { Configuration = $"host:notaport,password={Secret}" }.ToString());
    }

    [Theory]
    [InlineData("h:1,password=abc", "h:1,password=*****")]
    [InlineData("h:1, Password = abc ,ssl=true", "h:1, Password =*****,ssl=true")]
    [InlineData("h:1,ssl=true", "h:1,ssl=true")]
    public void Masked_HidesEveryPasswordValue(string configuration, string masked) =>
        Assert.Equal(masked, RedisSettings.Masked(configuration));

    [Fact]
    public void AFailure_IsDescribedByItsCause_WithThePasswordMasked()
    {
        var settings = new RedisSettings { Configuration = "h:1", Password = Secret };
        var cause = new InvalidOperationException($"WRONGPASS for {Secret}");
        var inner = new RedisConnectionException(ConnectionFailureType.AuthenticationFailure, CommandFlags.None, "inner", cause, CommandStatus.Unknown);
        var failure = new RedisConnectionException(ConnectionFailureType.UnableToResolvePhysicalConnection, CommandFlags.None, "timed out in the backlog", inner, CommandStatus.Unknown);

        Assert.Equal("AuthenticationFailure: WRONGPASS for *****", settings.DescribeFailure(failure));
    }

    [Fact]
    public void FieldNames_RenameTheSettingsInErrors_RulesIncluded()
    {
        var settings = new RedisSettings { Configuration = "host:6379", TlsCa = "/etc/hostname", FieldNames = name => "--" + name.ToLowerInvariant() };

        var error = Assert.Throws<InvalidFieldException>(settings.Validate);

        Assert.Equal("--redistlsca", error.Field);
        Assert.Equal("--redistlsca: needs TLS: set --redistls (or ssl=true in --redis)", error.Message);
    }
}
