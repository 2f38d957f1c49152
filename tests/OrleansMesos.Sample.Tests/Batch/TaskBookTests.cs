namespace OrleansMesos.Sample.Tests.Batch;

/// <summary>The batch's bookkeeping: leases taken, status updates applied, retries, demand and counts.</summary>
public sealed class TaskBookTests
{
    [Fact]
    public void ALease_TakesTheLowestWaitingTasks_UpToItsTasks_EachUnderAFreshContainer()
    {
        var book = new TaskBook(5, Statuses.Task, maxRetries: 2);

        var first = book.Take(book.Fits(Statuses.Lease(2)));
        var second = book.Take(book.Fits(Statuses.Lease(2)));

        Assert.Equal([0, 1], first.Select(t => t.Task));
        Assert.Equal([2, 3], second.Select(t => t.Task));
        Assert.Equal(["task-0000-1", "task-0001-1", "task-0002-1", "task-0003-1"], first.Concat(second).Select(t => t.Container.Value));
        Assert.All(first.Concat(second), t => Assert.Equal(1, t.Attempt));
        Assert.Equal(1, book.Wanted);
        Assert.Equal(new BatchCounts(5, Pending: 5, Running: 0, Succeeded: 0, Failed: 0, Lost: 0, Retries: 0), book.Counts);
    }

    [Fact]
    public void ALeaseWhoseResourcesCoverFewerTasksThanItSays_IsTrustedOnlyAsFarAsItsResources()
    {
        var book = new TaskBook(5, Statuses.Task, maxRetries: 2);

        Assert.Equal(3, book.Fits(Statuses.Lease(3)));
        Assert.Equal(1, book.Fits(Statuses.Lease(3, Statuses.Task.Times(1))));
        Assert.Equal(0, book.Fits(Statuses.Lease(1, Resources.Parse("cpus=0.25,mem=128MiB"))));
    }

    [Fact]
    public void AFailedTask_IsRetriedUpToTheLimit_ThenFails()
    {
        // max-retries 2: three attempts in all, the first two retried.
        var book = new TaskBook(1, Statuses.Task, maxRetries: 2);
        var outcomes = new List<StatusOutcome>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var ticket = Statuses.LaunchOne(book);
            Assert.Equal(attempt, ticket.Attempt);
            Assert.Equal($"task-0000-{attempt}", ticket.Container.Value);
            outcomes.Add(Statuses.RunToEnd(book, ticket.Container, ContainerState.Failed, exitCode: 1));
        }

        Assert.Equal([StatusOutcome.Retrying, StatusOutcome.Retrying, StatusOutcome.Failed], outcomes);
        Assert.Equal(new BatchCounts(1, Pending: 0, Running: 0, Succeeded: 0, Failed: 1, Lost: 0, Retries: 2), book.Counts);
        Assert.True(book.IsDone);
        Assert.Equal(0, book.Wanted);
        Assert.Empty(book.Take(1));
        Assert.Equal("Failed (exit code 1)", book.Tasks[0].LastOutcome);
    }

    [Fact]
    public void ALostTask_IsRetried_AndCountsAsLostWhenNoRetryIsLeft()
    {
        var book = new TaskBook(1, Statuses.Task, maxRetries: 1);

        var first = Statuses.LaunchOne(book);
        Assert.Equal(StatusOutcome.Retrying, book.Apply(Statuses.Of(first.Container, ContainerState.Lost, 2, reason: "node n1 lost")));
        Assert.Equal(1, book.Wanted);
        var second = Statuses.LaunchOne(book);
        Assert.Equal(StatusOutcome.Lost, book.Apply(Statuses.Of(second.Container, ContainerState.Lost, 2)));

        Assert.Equal(new BatchCounts(1, Pending: 0, Running: 0, Succeeded: 0, Failed: 0, Lost: 1, Retries: 1), book.Counts);
        Assert.Equal(TaskPhase.Lost, book.Tasks[0].Phase);
    }

    [Fact]
    public void AKilledTask_IsRetried_AndCountsAsFailedWhenNoRetryIsLeft()
    {
        var book = new TaskBook(1, Statuses.Task, maxRetries: 0);

        var ticket = Statuses.LaunchOne(book);

        Assert.Equal(StatusOutcome.Failed, Statuses.RunToEnd(book, ticket.Container, ContainerState.Killed));
        Assert.Equal(new BatchCounts(1, Pending: 0, Running: 0, Succeeded: 0, Failed: 1, Lost: 0, Retries: 0), book.Counts);
    }

    [Fact]
    public void ATaskThatSucceedsOnARetry_CountsAsSucceeded_WithTheRetryCounted()
    {
        var book = new TaskBook(2, Statuses.Task, maxRetries: 2);
        var a = Statuses.LaunchOne(book);
        var b = Statuses.LaunchOne(book);

        Assert.Equal(StatusOutcome.Retrying, Statuses.RunToEnd(book, a.Container, ContainerState.Failed, exitCode: 3));
        Assert.Equal(StatusOutcome.Succeeded, Statuses.RunToEnd(book, b.Container, ContainerState.Finished, exitCode: 0));
        var retry = Statuses.LaunchOne(book);
        Assert.Equal((0, 2), (retry.Task, retry.Attempt));
        Assert.Equal(StatusOutcome.Succeeded, Statuses.RunToEnd(book, retry.Container, ContainerState.Finished, exitCode: 0));

        Assert.Equal(new BatchCounts(2, Pending: 0, Running: 0, Succeeded: 2, Failed: 0, Lost: 0, Retries: 1), book.Counts);
        Assert.True(book.IsDone);
    }

    [Fact]
    public void TheDemand_IsTheWaitingTasks_RecomputedAsTasksLaunchFailAndRetry()
    {
        var book = new TaskBook(4, Statuses.Task, maxRetries: 1);
        var wanted = new List<int> { book.Wanted };

        var tickets = book.Take(3);
        wanted.Add(book.Wanted);
        book.Launched(tickets.Select(t => t.Container));
        wanted.Add(book.Wanted);
        Statuses.RunToEnd(book, tickets[0].Container, ContainerState.Failed, exitCode: 1);
        wanted.Add(book.Wanted);
        book.Take(2);
        wanted.Add(book.Wanted);
        Statuses.RunToEnd(book, tickets[1].Container, ContainerState.Finished);
        wanted.Add(book.Wanted);

        Assert.Equal([4, 1, 1, 2, 0, 0], wanted);
    }

    [Fact]
    public void ARefusedLaunch_ReturnsItsTasksToWaiting_WithoutUsingAnAttempt()
    {
        var book = new TaskBook(2, Statuses.Task, maxRetries: 0);

        var refused = book.Take(2);
        book.LaunchRefused(refused.Select(t => t.Container));

        Assert.Equal(2, book.Wanted);
        var again = book.Take(2);
        Assert.Equal([1, 1], again.Select(t => t.Attempt));
        Assert.Equal(["task-0000-2", "task-0001-2"], again.Select(t => t.Container.Value));

        // The refused launch's containers are no task's now: their updates, should any come, are ignored.
        Assert.Equal(StatusOutcome.Ignored, book.Apply(Statuses.Of(refused[0].Container, ContainerState.Running, 3)));
    }

    [Fact]
    public void AStatusThatOvertakesTheRedemptionsAnswer_MeansTheTaskLaunched()
    {
        var book = new TaskBook(1, Statuses.Task, maxRetries: 0);
        var ticket = Assert.Single(book.Take(1));

        Assert.Equal(StatusOutcome.Progressed, book.Apply(Statuses.Of(ticket.Container, ContainerState.Staging, 1)));
        Assert.Equal(1, book.Counts.Running);

        // A refusal after that is not believed: the container did report.
        book.LaunchRefused([ticket.Container]);
        book.Launched([ticket.Container]);
        Assert.Equal(new BatchCounts(1, Pending: 0, Running: 1, Succeeded: 0, Failed: 0, Lost: 0, Retries: 0), book.Counts);
    }

    [Fact]
    public void OlderAndRepeatedUpdates_AndUpdatesOfAnEarlierAttempt_AreIgnored()
    {
        var book = new TaskBook(1, Statuses.Task, maxRetries: 1);
        var first = Statuses.LaunchOne(book);

        Assert.Equal(StatusOutcome.Progressed, book.Apply(Statuses.Of(first.Container, ContainerState.Running, 3)));
        Assert.Equal(StatusOutcome.Ignored, book.Apply(Statuses.Of(first.Container, ContainerState.Running, 3)));
        Assert.Equal(StatusOutcome.Ignored, book.Apply(Statuses.Of(first.Container, ContainerState.Starting, 2)));
        Assert.Equal(StatusOutcome.Retrying, book.Apply(Statuses.Of(first.Container, ContainerState.Failed, 4, exitCode: 1)));
        Assert.Equal(StatusOutcome.Ignored, book.Apply(Statuses.Of(first.Container, ContainerState.Failed, 4, exitCode: 1)));

        var second = Statuses.LaunchOne(book);
        Assert.Equal(StatusOutcome.Ignored, book.Apply(Statuses.Of(first.Container, ContainerState.Finished, 5, exitCode: 0)));
        Assert.Equal(StatusOutcome.Ignored, book.Apply(Statuses.Of(new ContainerId("someone-else"), ContainerState.Finished, 1)));
        Assert.Equal(StatusOutcome.Succeeded, book.Apply(Statuses.Of(second.Container, ContainerState.Finished, 4, exitCode: 0)));
        Assert.Equal(new BatchCounts(1, Pending: 0, Running: 0, Succeeded: 1, Failed: 0, Lost: 0, Retries: 1), book.Counts);
    }

    [Fact]
    public void TheCounts_SayWhereEveryTaskIs()
    {
        var book = new TaskBook(6, Statuses.Task, maxRetries: 1);
        var running = Statuses.LaunchOne(book);
        var done = Statuses.LaunchOne(book);
        var failed = Statuses.LaunchOne(book);
        var lost = Statuses.LaunchOne(book);
        _ = book.Take(1);

        book.Apply(Statuses.Of(running.Container, ContainerState.Running, 3));
        Statuses.RunToEnd(book, done.Container, ContainerState.Finished);
        Statuses.RunToEnd(book, failed.Container, ContainerState.Failed, exitCode: 2);
        book.Apply(Statuses.Of(lost.Container, ContainerState.Lost, 2));

        // Waiting: task 5, and the failed and lost tasks (to retry); launching: task 4.
        Assert.Equal(new BatchCounts(6, Pending: 4, Running: 1, Succeeded: 1, Failed: 0, Lost: 0, Retries: 2), book.Counts);
        Assert.Equal(3, book.Wanted);
        Assert.False(book.IsDone);
    }
}
