namespace OrleansMesos.ClientSample.Batch;

/// <summary>Where one task of the batch stands.</summary>
internal enum TaskPhase
{
    /// <summary>Waits for a lease (never launched yet, or to be retried).</summary>
    Waiting,

    /// <summary>Taken for a lease; its redemption is under way.</summary>
    Launching,

    /// <summary>Its container is staging, starting or running.</summary>
    Active,

    /// <summary>Its container finished with exit code 0.</summary>
    Succeeded,

    /// <summary>Its last attempt failed or was killed, and no retry is left.</summary>
    Failed,

    /// <summary>Its last attempt was lost with its node, and no retry is left.</summary>
    Lost,
}
