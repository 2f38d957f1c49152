namespace OrleansMesos.ClientSample.Batch;

/// <summary>What applying one status update did to the batch.</summary>
internal enum StatusOutcome
{
    /// <summary>Nothing: an older or repeated update, or a container that is not the current attempt of any task.</summary>
    Ignored,

    /// <summary>The container moved on (staging, starting, running).</summary>
    Progressed,

    /// <summary>The task succeeded.</summary>
    Succeeded,

    /// <summary>The attempt failed, was killed or was lost, and the task waits for a lease again.</summary>
    Retrying,

    /// <summary>The attempt failed or was killed and no retry is left.</summary>
    Failed,

    /// <summary>The attempt was lost and no retry is left.</summary>
    Lost,
}
