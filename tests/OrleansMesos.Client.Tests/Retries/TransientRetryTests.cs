using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Orleans.Storage;
using OrleansMesos.Client.Retries;
using OrleansMesos.Errors;

namespace OrleansMesos.Client.Tests.Retries;

public sealed class TransientRetryTests
{
    public static TheoryData<Exception, bool> Errors() => new()
    {
        { new TimeoutException(), true },
        { new SiloUnavailableException(), true },
        { new GatewayTooBusyException(), true },
        { new InconsistentStateException("etag"), true },
        { new StorageUnavailableException("framework/f1", "RedisConnectionException: no connection"), true },
        { new ForbiddenException("lease", "l1", "fw"), false },
        { new LeaseUnavailableException("l1", "expired"), false },
        { new InvalidFieldException("containers", "must fit"), false },
        { new OperationCanceledException(), false },
        { new InvalidOperationException(), false },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void OnlyFailuresThatMayPass_AreTransient(Exception error, bool transient) =>
        Assert.Equal(transient, TransientRetry.IsTransient(error));

    [Fact]
    public void Delays_Double_UpToTheCap()
    {
        var first = TimeSpan.FromMilliseconds(200);

        Assert.Equal(
            [200, 400, 800, 1600, 3200, 5000, 5000],
            Enumerable.Range(1, 7).Select(r => TransientRetry.DelayBefore(r, first).TotalMilliseconds));
        Assert.Equal(TimeSpan.Zero, TransientRetry.DelayBefore(3, TimeSpan.Zero));
    }

    [Fact]
    public async Task ATransientFailure_IsTriedAgain_AfterTheBackoff()
    {
        var time = new FakeTimeProvider();
        var retry = new TransientRetry(5, TimeSpan.FromSeconds(1), time);
        var tries = 0;

        var call = retry.RunAsync(() => ++tries < 3 ? Task.FromException<int>(new TimeoutException()) : Task.FromResult(tries), TestContext.Current.CancellationToken);
        Assert.Equal(1, tries);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, tries);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(3, await call);
    }

    [Fact]
    public async Task ATypedError_IsNotRetried()
    {
        var retry = new TransientRetry(5, TimeSpan.Zero, TimeProvider.System);
        var tries = 0;

        await Assert.ThrowsAsync<ForbiddenException>(() => retry.RunAsync<int>(() =>
        {
            tries++;
            throw new ForbiddenException("lease", "l1", "fw");
        }, TestContext.Current.CancellationToken));

        Assert.Equal(1, tries);
    }

    [Fact]
    public async Task TransientFailures_GiveUpAfterTheLastTry()
    {
        var retry = new TransientRetry(4, TimeSpan.Zero, TimeProvider.System);
        var tries = 0;

        await Assert.ThrowsAsync<TimeoutException>(() => retry.RunAsync<int>(() =>
        {
            tries++;
            throw new TimeoutException();
        }, TestContext.Current.CancellationToken));

        Assert.Equal(4, tries);
    }

    // A retry that finds its work done (the first try's answer was lost) counts as success; a first try does not.
    [Fact]
    public async Task DoneByAnEarlierTry_CountsAsSuccess_OnlyOnARetry()
    {
        var retry = new TransientRetry(5, TimeSpan.Zero, TimeProvider.System);
        var declined = new LeaseUnavailableException("l1", "declined");
        var tries = 0;

        await retry.RunAsync(
            () => ++tries == 1 ? Task.FromException(new TimeoutException()) : Task.FromException(declined),
            TestContext.Current.CancellationToken,
            doneBefore: e => e == declined);

        Assert.Equal(2, tries);
        await Assert.ThrowsAsync<LeaseUnavailableException>(() =>
            retry.RunAsync(() => Task.FromException(declined), TestContext.Current.CancellationToken, doneBefore: e => e == declined));
    }

    [Fact]
    public async Task Cancellation_StopsTheWait_AndIsNotRetried()
    {
        var retry = new TransientRetry(5, TimeSpan.Zero, TimeProvider.System);
        using var cancel = new CancellationTokenSource();
        var never = new TaskCompletionSource<int>();

        var call = retry.RunAsync(() => never.Task, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }
}
