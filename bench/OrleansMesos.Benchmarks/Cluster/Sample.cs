using System.Diagnostics;

namespace OrleansMesos.Benchmarks.Cluster;

/// <summary>Process-wide figures at one moment: wall clock, CPU time, garbage collections.</summary>
internal readonly record struct Sample(long Timestamp, TimeSpan Cpu, int Gen0, int Gen1, int Gen2, TimeSpan GcPause)
{
    public static Sample Now()
    {
        using var process = Process.GetCurrentProcess();
        return new Sample(Stopwatch.GetTimestamp(), process.TotalProcessorTime, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
    }

    /// <summary>What happened between <paramref name="start"/> and this sample.</summary>
    public Span Since(Sample start)
    {
        var wall = Stopwatch.GetElapsedTime(start.Timestamp, Timestamp);
        return new Span(wall, Cpu - start.Cpu, Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2, GcPause - start.GcPause);
    }

    public readonly record struct Span(TimeSpan Wall, TimeSpan Cpu, int Gen0, int Gen1, int Gen2, TimeSpan GcPause)
    {
        /// <summary>Busy cores on average: CPU time over wall time.</summary>
        public double Cores => Cpu / Wall;

        public double PerSecond(long count) => count / Wall.TotalSeconds;

        public override string ToString() =>
            $"{Cores:0.00} of {Environment.ProcessorCount} cores busy; GCs gen0/1/2 {Gen0}/{Gen1}/{Gen2}, paused {GcPause.TotalMilliseconds:0} ms ({GcPause / Wall:P1})";
    }
}
