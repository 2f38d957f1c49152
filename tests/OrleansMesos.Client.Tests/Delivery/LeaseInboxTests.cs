using OrleansMesos.Client.Delivery;

namespace OrleansMesos.Client.Tests.Delivery;

public sealed class LeaseInboxTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    private static Lease L(string id, DateTimeOffset? expires = null) =>
        new(new LeaseId(id), new FrameworkId("fw"), new NodeId("n0"), Resources.Parse("cpus=1"), 1, expires ?? T0, 0, 0);

    private static List<LeaseId> Drain(LeaseInbox inbox)
    {
        inbox.Complete();
        return [.. inbox.ReadAllAsync(TestContext.Current.CancellationToken).ToBlockingEnumerable().Select(l => l.Id)];
    }

    [Fact]
    public void ALeaseSentAgain_IsReadOnce()
    {
        var inbox = new LeaseInbox();

        inbox.Offer([L("a"), L("b")]);
        inbox.Offer([L("b"), L("a"), L("c")]);

        Assert.Equal([new LeaseId("a"), new LeaseId("b"), new LeaseId("c")], Drain(inbox));
        Assert.Equal(5, inbox.Offered);
    }

    [Fact]
    public async Task ALeaseSentAgainAfterItWasRead_IsNotReadAgain()
    {
        var inbox = new LeaseInbox();
        inbox.Offer([L("a")]);
        await using (var reader = inbox.ReadAllAsync(TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken))
        {
            Assert.True(await reader.MoveNextAsync());
        }

        inbox.Offer([L("a")]);

        Assert.Empty(Drain(inbox));
    }

    [Fact]
    public void ALeaseRescindedBeforeItIsRead_IsSkipped()
    {
        var inbox = new LeaseInbox();
        inbox.Offer([L("a"), L("b")]);

        inbox.Rescind([new LeaseId("a")]);

        Assert.Equal([new LeaseId("b")], Drain(inbox));
    }

    // Pushes may overtake each other: a rescind that arrives before its offer still wins.
    [Fact]
    public void ARescindThatOvertookItsOffer_KeepsTheLeaseOut()
    {
        var inbox = new LeaseInbox();

        inbox.Rescind([new LeaseId("a")]);
        inbox.Offer([L("a"), L("b")]);

        Assert.Equal([new LeaseId("b")], Drain(inbox));
    }

    // Leases that expired long before the newest one are forgotten, and refused if they come again.
    [Fact]
    public void LongExpiredLeases_AreForgotten_AndRefused()
    {
        var inbox = new LeaseInbox();
        inbox.Offer([L("old", T0)]);
        Assert.Equal([new LeaseId("old")], ReadOne(inbox));

        inbox.Offer([L("new", T0 + LeaseInbox.Memory + TimeSpan.FromSeconds(1))]);
        inbox.Offer([L("old", T0)]);

        Assert.Equal(1, inbox.Remembered);
        Assert.Equal([new LeaseId("new")], Drain(inbox));
    }

    private static List<LeaseId> ReadOne(LeaseInbox inbox)
    {
        var reader = inbox.ReadAllAsync(TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        Assert.True(reader.MoveNextAsync().AsTask().GetAwaiter().GetResult());
        return [reader.Current.Id];
    }
}
