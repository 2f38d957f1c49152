using StackExchange.Redis;

namespace OrleansMesos.Redis;

public sealed partial class RedisSettings
{
    /// <summary>
    /// Why Redis could not be used, in one line: the kind of the innermost connection failure (for instance
    /// <c>AuthenticationFailure</c>, <c>UnableToConnect</c>) and the first cause (<c>WRONGPASS …</c>, <c>Connection
    /// refused</c>, a certificate error), with these settings' password masked should it appear.
    /// </summary>
    /// <remarks>
    /// With <see cref="ConfigurationOptions.AbortOnConnectFail"/> off, StackExchange.Redis reports a failed first
    /// connect as a timeout "in the backlog" whose cause lies two exceptions down; this digs it out.
    /// </remarks>
    public string DescribeFailure(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ConnectionFailureType? kind = null;
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is RedisConnectionException { FailureType: not ConnectionFailureType.None } connection)
            {
                kind = connection.FailureType;
            }
        }

        // Without a deeper cause StackExchange.Redis's own words advise abortConnect=false, which is already so.
        var root = failure.GetBaseException();
        var cause = root is RedisConnectionException && kind == ConnectionFailureType.UnableToConnect
            ? "no connection could be made (Redis down or still loading, a wrong host or port, or TLS on one side only)"
            : root.Message;
        var text = kind is { } k && !cause.StartsWith(k.ToString(), StringComparison.Ordinal) ? $"{k}: {cause}" : cause;
        foreach (var secret in Secrets())
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    private IEnumerable<string> Secrets()
    {
        if (!string.IsNullOrEmpty(Password))
        {
            yield return Password;
        }

        string? inline = null;
        try
        {
            inline = Configuration is null ? null : ConfigurationOptions.Parse(Configuration).Password;
        }
        catch (ArgumentException)
        {
            // Not a configuration: it carries no password StackExchange.Redis would have used.
        }

        if (!string.IsNullOrEmpty(inline))
        {
            yield return inline;
        }
    }
}
