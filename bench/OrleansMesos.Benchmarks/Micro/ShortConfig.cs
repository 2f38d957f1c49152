using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace OrleansMesos.Benchmarks.Micro;

/// <summary>
/// A short job run in this process: 2 warm-up and 5 measured iterations, so the whole suite takes a
/// few minutes on a 2-core machine, and no separate benchmark project is generated and built (which
/// would race other builds of the solution). Run from a Release build.
/// </summary>
public class ShortConfig : ManualConfig
{
    public ShortConfig()
    {
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(5)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("Short-InProcess"));
    }
}
