using System.Diagnostics;

namespace OrleansMesos.Benchmarks.Cluster;

/// <summary>Latency samples in milliseconds, kept only while recording (the measured window).</summary>
internal sealed class LatencyRecorder
{
    private readonly List<double> _samples = [];
    private volatile bool _recording;

    public bool Recording
    {
        get => _recording;
        set => _recording = value;
    }

    /// <summary>Records the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void Since(long startTimestamp)
    {
        if (_recording)
        {
            Add(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);
        }
    }

    public void Add(double ms)
    {
        if (_recording)
        {
            lock (_samples)
            {
                _samples.Add(ms);
            }
        }
    }

    public Percentiles Summarise()
    {
        double[] sorted;
        lock (_samples)
        {
            sorted = [.. _samples];
        }

        Array.Sort(sorted);
        return new Percentiles(sorted.Length, At(sorted, 0.50), At(sorted, 0.99), sorted.Length == 0 ? double.NaN : sorted[^1]);
    }

    /// <summary>Nearest rank.</summary>
    private static double At(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>p50, p99 and the maximum of a set of samples, in milliseconds.</summary>
internal readonly record struct Percentiles(int Count, double P50, double P99, double Max)
{
    public override string ToString() => Count == 0 ? "–" : $"{Ms(P50)} / {Ms(P99)} (max {Ms(Max)})";

    public static string Ms(double ms) => ms switch
    {
        double.NaN => "–",
        < 1 => $"{ms * 1000:0} µs",
        < 10 => $"{ms:0.00} ms",
        < 1000 => $"{ms:0.0} ms",
        _ => $"{ms / 1000:0.00} s",
    };
}
