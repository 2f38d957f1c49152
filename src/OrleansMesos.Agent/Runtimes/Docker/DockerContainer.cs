namespace OrleansMesos.Agent.Runtimes.Docker;

/// <summary>Where a container stands, as far as this runtime has seen.</summary>
internal enum DockerContainerState
{
    /// <summary>Not seen change hands here (an id from a listing, or from before a restart).</summary>
    Unknown,

    /// <summary>Created, not yet started.</summary>
    Created,

    /// <summary>Started.</summary>
    Running,

    /// <summary>A stop was sent and has not returned.</summary>
    Stopping,

    /// <summary>Exited (seen by a wait or a stop).</summary>
    Exited,

    /// <summary>Removed, or gone from the engine.</summary>
    Removed,
}

/// <summary>
/// One container this runtime has handled. Its state changes (start, stop, remove) happen one at a time under
/// <see cref="Lock"/>, so that a stop cannot race the start it follows or a remove the stop.
/// </summary>
internal sealed class DockerContainer(string id, DockerContainerState state)
{
    /// <summary>The engine's id (or whatever the caller named it by).</summary>
    public string Id { get; } = id;

    /// <summary>The id as logs show it: its first 12 characters, like Docker's own tools.</summary>
    public string ShortId => Shorten(Id);

    /// <summary>Where it stands; read and written under <see cref="Lock"/>.</summary>
    public DockerContainerState State { get; set; } = state;

    /// <summary>Whether this runtime asked it to stop, so that a kill that follows is reported as a stop, not a crash.</summary>
    public bool StopRequested { get; set; }

    /// <summary>Serialises state changes.</summary>
    public SemaphoreSlim Lock { get; } = new(1, 1);

    /// <summary>The first 12 characters of a container id, as Docker prints it.</summary>
    public static string Shorten(string id) => id.Length > 12 ? id[..12] : id;
}
