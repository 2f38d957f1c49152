namespace OrleansMesos.Sample.Tests.Batch;

/// <summary>Status updates and leases as the cluster would send them, for the bookkeeping tests.</summary>
internal static class Statuses
{
    public static readonly FrameworkId Framework = new("batch-test");

    public static readonly Resources Task = Resources.Parse("cpus=0.5,mem=128MiB");

    public static ContainerStatus Of(ContainerId container, ContainerState state, long sequence, int? exitCode = null, string? reason = null) =>
        new(Framework, container, new NodeId("n1"), state, exitCode, reason, DateTimeOffset.UnixEpoch, sequence);

    /// <summary>Staging (1), Starting (2), Running (3), then <paramref name="end"/> (4), applied in order.</summary>
    public static StatusOutcome RunToEnd(TaskBook book, ContainerId container, ContainerState end, int? exitCode = null)
    {
        Assert.Equal(StatusOutcome.Progressed, book.Apply(Of(container, ContainerState.Staging, 1)));
        Assert.Equal(StatusOutcome.Progressed, book.Apply(Of(container, ContainerState.Starting, 2)));
        Assert.Equal(StatusOutcome.Progressed, book.Apply(Of(container, ContainerState.Running, 3)));
        return book.Apply(Of(container, end, 4, exitCode));
    }

    public static Lease Lease(int tasks, Resources? resources = null) =>
        new(new LeaseId("p0-" + Guid.NewGuid().ToString("N")), Framework, new NodeId("n1"), resources ?? Task.Times(tasks), tasks, DateTimeOffset.UnixEpoch.AddMinutes(1), 0, 0);

    /// <summary>Takes one waiting task for a lease and reports it launched.</summary>
    public static LaunchTicket LaunchOne(TaskBook book)
    {
        var ticket = Assert.Single(book.Take(1));
        book.Launched([ticket.Container]);
        return ticket;
    }
}
