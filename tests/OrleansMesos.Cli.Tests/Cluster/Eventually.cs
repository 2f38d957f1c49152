namespace OrleansMesos.Cli.Tests.Cluster;

/// <summary>Bounded waiting for something that happens asynchronously in the cluster.</summary>
internal static class Eventually
{
    public static async Task True(Func<Task<bool>> condition, string what, TimeSpan timeout, Action? guard = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            guard?.Invoke();
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out after {timeout} waiting until {what}");
            }

            await Task.Delay(100);
        }
    }

    public static Task True(Func<bool> condition, string what, TimeSpan timeout) =>
        True(() => Task.FromResult(condition()), what, timeout);
}
