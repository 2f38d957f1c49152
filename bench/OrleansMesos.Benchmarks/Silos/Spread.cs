namespace OrleansMesos.Benchmarks.Silos;

/// <summary>The median and range of a figure over rounds.</summary>
internal readonly record struct Spread(int Count, double Median, double Min, double Max)
{
    public static Spread Of(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Where(v => !double.IsNaN(v)).Order()];
        if (sorted.Length == 0)
        {
            return new Spread(0, double.NaN, double.NaN, double.NaN);
        }

        var mid = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Spread(sorted.Length, median, sorted[0], sorted[^1]);
    }

    /// <summary>"median (min–max)" with <paramref name="format"/>, or "–" with no value.</summary>
    public string Format(string format, string unit = "") =>
        Count == 0 ? "–" : Count == 1 ? $"{Median.ToString(format)}{unit}" : $"{Median.ToString(format)}{unit} ({Min.ToString(format)}–{Max.ToString(format)}{unit})";
}
