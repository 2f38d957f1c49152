using System.Security.Cryptography;
using OrleansMesos.Errors;
using StackExchange.Redis;

namespace OrleansMesos.Redis;

/// <summary>
/// How to reach Redis: a StackExchange.Redis configuration string (<c>host:6379</c>, <c>host:6379,ssl=true</c>) and,
/// beside it, the secrets and TLS files that do not belong in a string someone may print or commit. Silos and
/// clients build their <see cref="ConfigurationOptions"/> here, so both read the same settings the same way.
/// </summary>
/// <remarks>
/// Errors name the settings as <c>omsilo</c> and <c>ClusterConnection</c> call them (<see cref="ConfigurationField"/>,
/// <see cref="PasswordField"/>, …) unless <see cref="FieldNames"/> says otherwise. No message, and not
/// <see cref="ToString"/>, shows a password.
/// </remarks>
public sealed partial class RedisSettings
{
    /// <summary>The name of the configuration string in errors.</summary>
    public const string ConfigurationField = "Redis";

    /// <summary>The name of <see cref="Password"/> in errors.</summary>
    public const string PasswordField = "RedisPassword";

    /// <summary>The name of <see cref="User"/> in errors.</summary>
    public const string UserField = "RedisUser";

    /// <summary>The name of <see cref="Tls"/> in errors.</summary>
    public const string TlsField = "RedisTls";

    /// <summary>The name of <see cref="TlsCa"/> in errors.</summary>
    public const string TlsCaField = "RedisTlsCa";

    /// <summary>The name of <see cref="TlsHost"/> in errors.</summary>
    public const string TlsHostField = "RedisTlsHost";

    /// <summary>What stands for a password wherever a configuration is shown.</summary>
    public const string Mask = "*****";

    /// <summary>A StackExchange.Redis configuration string: <c>host:port</c> (several, comma separated), then options such as <c>ssl=true</c>.</summary>
    public string? Configuration { get; init; }

    /// <summary>The password (Redis <c>requirepass</c>, or the ACL user's). Best given in the environment: a command line is visible to other users.</summary>
    public string? Password { get; init; }

    /// <summary>The Redis ACL user; the <c>default</c> user when not given.</summary>
    public string? User { get; init; }

    /// <summary>Connect with TLS (the same as <c>ssl=true</c> in the configuration string).</summary>
    public bool Tls { get; init; }

    /// <summary>A CA certificate file (PEM or DER) to trust for the server's certificate, for a Redis whose certificate no system CA signed.</summary>
    public string? TlsCa { get; init; }

    /// <summary>The name the server's certificate must carry, when it is not the host connected to.</summary>
    public string? TlsHost { get; init; }

    /// <summary>
    /// How errors name a setting, given its usual name (<see cref="ConfigurationField"/>, …): for a program whose
    /// options are called otherwise, such as <c>--redis-tls-ca</c>. The usual names when not given.
    /// </summary>
    public Func<string, string>? FieldNames { get; init; }

    /// <summary>
    /// A new <see cref="ConfigurationOptions"/> of these settings, for one consumer (each takes its own: they are
    /// mutable). <see cref="ConfigurationOptions.AbortOnConnectFail"/> is off, so a Redis that does not answer at the
    /// first try is tried again rather than failing the connect at once.
    /// </summary>
    /// <exception cref="InvalidFieldException">A setting is invalid; the message names it and never shows a password.</exception>
    public ConfigurationOptions ToConfigurationOptions()
    {
        var options = Build();
        options.AbortOnConnectFail = false;
        return options;
    }

    /// <summary>Checks the settings without connecting.</summary>
    /// <exception cref="InvalidFieldException">A setting is invalid.</exception>
    public void Validate() => _ = Build();

    /// <summary>The configuration as StackExchange.Redis writes it, with any password masked: fit for logs and messages.</summary>
    public override string ToString()
    {
        try
        {
            return Build().ToString(includePassword: false);
        }
        catch (InvalidFieldException)
        {
            return Masked(Configuration ?? string.Empty);
        }
    }

    private string Name(string field) => FieldNames?.Invoke(field) ?? field;

    /// <summary><paramref name="configuration"/> with the value of every <c>password=</c> replaced by <see cref="Mask"/>.</summary>
    public static string Masked(string configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var parts = configuration.Split(',');
        for (var i = 0; i < parts.Length; i++)
        {
            var eq = parts[i].IndexOf('=');
            if (eq > 0 && parts[i][..eq].Trim().Equals("password", StringComparison.OrdinalIgnoreCase))
            {
                parts[i] = parts[i][..(eq + 1)] + Mask;
            }
        }

        return string.Join(',', parts);
    }

    /// <summary>The options the settings describe, checked.</summary>
    private ConfigurationOptions Build()
    {
        var options = Parse(Configuration);
        if (!string.IsNullOrEmpty(Password))
        {
            if (options.Password is not null)
            {
                throw new InvalidFieldException(Name(PasswordField), $"must not be given when {Name(ConfigurationField)} holds a password= too: keep it in one place");
            }

            options.Password = Password;
        }

        if (!string.IsNullOrEmpty(User))
        {
            if (options.User is not null)
            {
                throw new InvalidFieldException(Name(UserField), $"must not be given when {Name(ConfigurationField)} holds a user= too: keep it in one place");
            }

            options.User = User;
        }

        var tls = Tls || options.Ssl;
        if (TlsHost is not null)
        {
            Require(tls, Name(TlsHostField));
            options.SslHost = !string.IsNullOrWhiteSpace(TlsHost) ? TlsHost : throw new InvalidFieldException(Name(TlsHostField), "must not be empty");
        }

        if (TlsCa is not null)
        {
            Require(tls, Name(TlsCaField));
            Trust(options, TlsCa);
        }

        if (tls)
        {
            options.Ssl = true;
        }

        return options;
    }

    private ConfigurationOptions Parse(string? configuration)
    {
        const string Rule = "must be a StackExchange.Redis configuration: host:port, then options such as ssl=true";
        if (string.IsNullOrWhiteSpace(configuration))
        {
            throw new InvalidFieldException(Name(ConfigurationField), "must be given (host:port)");
        }

        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException ex)
        {
            // The first line: an out-of-range port adds "Actual value was …" on a second.
            throw new InvalidFieldException(Name(ConfigurationField), Rule, $"{Masked(configuration)}: {ex.Message.Split('\n')[0].Trim()}");
        }

        // StackExchange.Redis drops an endpoint it cannot read (host:notaport) without a word.
        foreach (var part in configuration.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!part.Contains('=', StringComparison.Ordinal) && EndPointCollection.TryParse(part) is null)
            {
                throw new InvalidFieldException(Name(ConfigurationField), Rule, $"{Masked(configuration)}: '{part}' is not host:port");
            }
        }

        return options.EndPoints.Count > 0
            ? options
            : throw new InvalidFieldException(Name(ConfigurationField), "must name at least one host:port", Masked(configuration));
    }

    private void Require(bool tls, string field)
    {
        if (!tls)
        {
            throw new InvalidFieldException(field, $"needs TLS: set {Name(TlsField)} (or ssl=true in {Name(ConfigurationField)})");
        }
    }

    private void Trust(ConfigurationOptions options, string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidFieldException(Name(TlsCaField), "must be an existing CA certificate file (PEM or DER)", path);
        }

        try
        {
            options.TrustIssuer(path);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidFieldException(Name(TlsCaField), "must be a readable CA certificate file (PEM or DER)", $"{path}: {ex.Message}");
        }
    }
}
