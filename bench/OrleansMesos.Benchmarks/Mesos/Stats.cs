namespace OrleansMesos.Benchmarks.Mesos;

/// <summary>Median, minimum and maximum of a set of times, in milliseconds.</summary>
internal readonly record struct Stats(int Count, double MedianMs, double MinMs, double MaxMs)
{
    public static Stats? Of(IEnumerable<TimeSpan> times)
    {
        var ms = times.Select(t => t.TotalMilliseconds).Order().ToArray();
        if (ms.Length == 0)
        {
            return null;
        }

        var mid = ms.Length / 2;
        var median = ms.Length % 2 == 1 ? ms[mid] : (ms[mid - 1] + ms[mid]) / 2;
        return new Stats(ms.Length, median, ms[0], ms[^1]);
    }

    /// <summary>"median (min–max)" with a precision that suits the magnitude.</summary>
    public override string ToString() => $"{Ms(MedianMs)} ({Ms(MinMs)}–{Ms(MaxMs)})";

    public static string Ms(double ms) => ms switch
    {
        < 0.1 => $"{ms * 1000:0.0} µs",
        < 10 => $"{ms:0.000} ms",
        < 1000 => $"{ms:0.0} ms",
        _ => $"{ms / 1000:0.00} s",
    };
}
