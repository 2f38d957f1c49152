using OrleansMesos.Client.Delivery;

namespace OrleansMesos.Client.Tests.Delivery;

public sealed class StatusInboxTests
{
    private static ContainerStatus S(string container, long sequence, ContainerState state = ContainerState.Running) =>
        new(new FrameworkId("fw"), new ContainerId(container), new NodeId("n0"), state, null, null, DateTimeOffset.UnixEpoch, sequence);

    private static List<(string, long)> Drain(StatusInbox inbox)
    {
        inbox.Complete();
        return [.. inbox.ReadAllAsync(TestContext.Current.CancellationToken).ToBlockingEnumerable().Select(s => (s.Container.Value, s.Sequence))];
    }

    // Each push carries every unacknowledged update of a container; pushes repeat and may overtake each other.
    [Fact]
    public void RepeatedAndOvertakingPushes_YieldEachSequenceOnce_InOrder()
    {
        var inbox = new StatusInbox();

        inbox.Apply([S("c1", 1), S("c1", 2)]);
        inbox.Apply([S("c2", 1)]);
        inbox.Apply([S("c1", 1)]);                      // an older push, overtaken
        inbox.Apply([S("c1", 1), S("c1", 2), S("c1", 3)]);
        inbox.Apply([S("c2", 1), S("c2", 2)]);

        Assert.Equal([("c1", 1L), ("c1", 2L), ("c2", 1L), ("c1", 3L), ("c2", 2L)], Drain(inbox));
        Assert.Equal(9, inbox.Received);
    }

    // The framework grain lost an acknowledgement (its store restarted before it was written) and pushes the
    // update again: the client acknowledges it again instead of ignoring it, or the grain would push it for ever.
    [Fact]
    public void AnUpdatePushedAgain_AfterItWasAcknowledged_IsAcknowledgedAgain_NotReadTwice()
    {
        var inbox = new StatusInbox();
        var again = new List<(string, long)>();
        inbox.Reacknowledge = (container, sequence) => again.Add((container.Value, sequence));
        inbox.Apply([S("c1", 1), S("c1", 2, ContainerState.Lost), S("c2", 1)]);
        inbox.Acknowledged(S("c1", 2, ContainerState.Lost));

        inbox.Apply([S("c1", 2, ContainerState.Lost)]);
        inbox.Apply([S("c2", 1)]); // read, not acknowledged yet: nothing to send again

        Assert.Equal([("c1", 2L)], again);
        Assert.Equal([("c1", 1L), ("c1", 2L), ("c2", 1L)], Drain(inbox));
    }

    [Fact]
    public void AnAcknowledgedRunningContainer_IsStillRemembered()
    {
        var inbox = new StatusInbox();
        inbox.Apply([S("c1", 1)]);

        inbox.Acknowledged(S("c1", 1));
        inbox.Apply([S("c1", 1)]);

        Assert.Equal(1, inbox.Remembered);
        Assert.Equal([("c1", 1L)], Drain(inbox));
    }

    // Finished containers are forgotten only after FinishedMemory others finished after them.
    [Fact]
    public void FinishedContainers_AreForgotten_OnlyAfterManyOthers()
    {
        var inbox = new StatusInbox();
        for (var i = 0; i <= StatusInbox.FinishedMemory; i++)
        {
            var done = S($"c{i}", 1, ContainerState.Finished);
            inbox.Apply([done]);
            inbox.Acknowledged(done);
            Assert.Equal(Math.Min(i + 1, StatusInbox.FinishedMemory), inbox.Remembered);
        }

        inbox.Apply([S("c1", 1, ContainerState.Finished)]);

        Assert.Equal(StatusInbox.FinishedMemory + 1, Drain(inbox).Count);
    }
}
