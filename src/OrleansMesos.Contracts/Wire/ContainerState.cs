namespace OrleansMesos.Wire;

/// <summary>Where a container is in its life: Staging → Starting → Running → one terminal state.</summary>
[GenerateSerializer, Alias("om.ContainerState")]
public enum ContainerState
{
    /// <summary>Committed on its node; the agent has not started it yet.</summary>
    Staging,

    /// <summary>The agent is starting it (pulling, creating).</summary>
    Starting,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Exited with code 0.</summary>
    Finished,

    /// <summary>Exited with a non-zero code, or could not start.</summary>
    Failed,

    /// <summary>Stopped on request.</summary>
    Killed,

    /// <summary>Its node stopped answering and the grace period passed.</summary>
    Lost,
}

/// <summary>Helpers on <see cref="ContainerState"/>.</summary>
public static class ContainerStates
{
    /// <summary>True for Finished, Failed, Killed and Lost: nothing follows them.</summary>
    public static bool IsTerminal(this ContainerState state) => state >= ContainerState.Finished;

    /// <summary>
    /// True when <paramref name="next"/> may follow <paramref name="current"/>: states only move forward, and
    /// a terminal state is final.
    /// </summary>
    public static bool CanMoveTo(this ContainerState current, ContainerState next) =>
        !current.IsTerminal() && next > current;
}
