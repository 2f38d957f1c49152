namespace OrleansMesos.Testing;

/// <summary>How a test's private <see cref="RedisServer"/> runs.</summary>
public sealed record RedisServerOptions
{
    /// <summary>The password Redis requires (<c>requirepass</c>); none when not given.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// Serve TLS only (<c>port 0</c>, <c>tls-port</c>) with a certificate for 127.0.0.1 and localhost signed by a CA
    /// made for this server (<see cref="RedisServer.Tls"/>); clients are not asked for certificates.
    /// </summary>
    public bool Tls { get; init; }

    /// <summary>
    /// Keep an append-only file (<c>appendonly yes</c>), synced as <see cref="AppendFsync"/> says, so that data
    /// outlives <see cref="RedisServer.RestartAsync"/>. Off: nothing is persisted (no AOF, no RDB snapshots).
    /// </summary>
    public bool AppendOnly { get; init; }

    /// <summary>With <see cref="AppendOnly"/>: <c>always</c> (every acknowledged write is on disk), <c>everysec</c> or <c>no</c>.</summary>
    public string AppendFsync { get; init; } = "always";

    /// <summary>Further configuration lines (<c>maxmemory 64mb</c>), written to the server's file after the ones above.</summary>
    public IReadOnlyList<string> ExtraConfiguration { get; init; } = [];

    /// <summary>How long a start (and a restart's start) may take until Redis answers PING.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a stop waits after SIGTERM (Redis syncs its files then) before it kills.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
