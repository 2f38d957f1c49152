using OrleansMesos.ClientSample.Rendering;

namespace OrleansMesos.Sample.Tests.Rendering;

/// <summary>The summary's figures and how it reads.</summary>
public sealed class SummaryTests
{
    private static readonly Resources Task = Resources.Parse("cpus=0.25,mem=64MiB");

    [Fact]
    public void TheDominantShare_IsThePeakHoldingsLargestShareOfTheCapacity()
    {
        // Held cpus=1.5 of 2 (0.75) and 384MiB of 1GiB (0.375): cpus dominate.
        var summary = Summary(new BatchCounts(6, 0, 0, 6, 0, 0, 0), Resources.Parse("cpus=1.5,mem=384MiB"), Resources.Parse("cpus=2,mem=1GiB"));

        Assert.Equal(0.75, summary.DominantShare);
        Assert.Equal("cpus", summary.DominantResource);
        Assert.True(summary.AllSucceeded);
    }

    [Fact]
    public void MemoryCanDominate()
    {
        var summary = Summary(new BatchCounts(1, 0, 0, 1, 0, 0, 0), Resources.Parse("cpus=0.5,mem=768MiB"), Resources.Parse("cpus=4,mem=1GiB"));

        Assert.Equal(0.75, summary.DominantShare);
        Assert.Equal("mem", summary.DominantResource);
    }

    [Fact]
    public void WithoutTheCapacity_TheShareIsNotKnown_AndTheSummarySaysWhy()
    {
        var summary = Summary(new BatchCounts(2, 0, 0, 2, 0, 0, 1), Resources.Parse("cpus=0.5,mem=128MiB"), capacity: null);

        Assert.Null(summary.DominantShare);
        Assert.Contains(
            "  dominant share  not known: the cluster's capacity is not visible through the SDK (the framework held at most cpus=0.5,mem=128MiB)",
            SummaryText.Lines(summary, maxRetries: 2, capacityOf: null));
    }

    [Fact]
    public void ASuccessfulBatch_ReadsAsSuch()
    {
        var summary = Summary(new BatchCounts(6, 0, 0, 6, 0, 0, 1), Resources.Parse("cpus=1.5,mem=384MiB"), Resources.Parse("cpus=2,mem=1GiB"));

        Assert.Equal(
            [
                "Summary",
                "  tasks           6, each cpus=0.25,mem=64MiB, up to 2 retries each",
                "  succeeded       6",
                "  failed          0",
                "  lost            0",
                "  retries         1",
                "  wall time       3.2 s",
                "  dominant share  75.0% of the cluster's cpus at its peak (the framework held cpus=1.5,mem=384MiB of cpus=2,mem=1GiB, the local node's capacity)",
                "result: all 6 tasks succeeded",
            ],
            SummaryText.Lines(summary, maxRetries: 2, capacityOf: "the local node's capacity"));
    }

    [Fact]
    public void AFailedOrStoppedBatch_SaysWhatDidNotSucceed_AndWhy()
    {
        var failed = Summary(new BatchCounts(2, 0, 0, 0, 2, 0, 2), Resources.Parse("cpus=0.5,mem=128MiB"), Resources.Parse("cpus=2,mem=1GiB"));
        var stopped = Summary(new BatchCounts(4, 2, 1, 1, 0, 0, 0), Resources.Parse("cpus=0.5,mem=128MiB"), null) with { StoppedBecause = "interrupted" };

        Assert.False(failed.AllSucceeded);
        Assert.Equal("result: 2 of 2 tasks did not succeed (2 failed, 0 lost, 0 unfinished, after 2 retries)", SummaryText.Lines(failed, 1, null)[^1]);
        Assert.Equal(3, stopped.Unfinished);
        Assert.Contains("  unfinished      3", SummaryText.Lines(stopped, 1, null));
        Assert.Equal("result: 3 of 4 tasks did not succeed (0 failed, 0 lost, 3 unfinished, after 0 retries); stopped: interrupted", SummaryText.Lines(stopped, 1, null)[^1]);
    }

    [Fact]
    public void AProgressLine_HasEveryCount()
    {
        Assert.Equal(
            "[   1.5s] pending 3, running 2, succeeded 4, failed 1, lost 0, retries 2 (5/10 done)",
            ProgressText.Line(new BatchCounts(10, 3, 2, 4, 1, 0, 2), TimeSpan.FromSeconds(1.5)));
    }

    private static BatchSummary Summary(BatchCounts counts, Resources peak, Resources? capacity) =>
        new(counts, TimeSpan.FromSeconds(3.2), Task, peak, capacity);
}
