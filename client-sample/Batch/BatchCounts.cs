namespace OrleansMesos.ClientSample.Batch;

/// <summary>How many tasks are where, at one moment.</summary>
/// <param name="Total">Tasks in the batch.</param>
/// <param name="Pending">Waiting for a lease or being launched (first attempts and retries alike).</param>
/// <param name="Running">Launched: staging, starting or running.</param>
/// <param name="Succeeded">Finished with exit code 0.</param>
/// <param name="Failed">Failed or killed on their last allowed attempt.</param>
/// <param name="Lost">Lost on their last allowed attempt.</param>
/// <param name="Retries">Attempts started again after a failure, kill or loss.</param>
internal readonly record struct BatchCounts(int Total, int Pending, int Running, int Succeeded, int Failed, int Lost, int Retries)
{
    /// <summary>Tasks that reached a final outcome.</summary>
    public int Done => Succeeded + Failed + Lost;
}
