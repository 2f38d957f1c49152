namespace OrleansMesos.Agent.Runtimes.Docker;

/// <summary>Where the Docker engine listens, as Docker's own tools find it.</summary>
public static class DockerEndpoint
{
    /// <summary>The environment variable Docker's tools read.</summary>
    public const string EnvironmentVariable = "DOCKER_HOST";

    /// <summary>
    /// The endpoint to use: <paramref name="configured"/> when set, else <paramref name="dockerHost"/> (the value of
    /// <c>DOCKER_HOST</c>) when set, else the default unix socket.
    /// </summary>
    /// <exception cref="ArgumentException">The chosen value is not an endpoint.</exception>
    public static Uri Resolve(string? configured, string? dockerHost)
    {
        var text = !string.IsNullOrWhiteSpace(configured) ? configured
            : !string.IsNullOrWhiteSpace(dockerHost) ? dockerHost
            : DockerRuntimeOptions.DefaultEndpoint;
        return TryParse(text, out var uri)
            ? uri
            : throw new ArgumentException($"'{text}' is not a Docker endpoint (unix:///path, tcp://host:port, http(s)://, npipe://)", nameof(configured));
    }

    /// <summary>Parses <c>unix:///path</c>, <c>tcp://host:port</c>, <c>http(s)://host:port</c> or <c>npipe://./pipe/name</c>.</summary>
    public static bool TryParse(string? text, out Uri uri)
    {
        uri = null!;
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed))
        {
            return false;
        }

        var valid = parsed.Scheme switch
        {
            "unix" => parsed.AbsolutePath.Length > 1,
            "tcp" or "http" or "https" => !string.IsNullOrEmpty(parsed.Host),
            "npipe" => true,
            _ => false,
        };
        if (valid)
        {
            uri = parsed;
        }

        return valid;
    }
}
