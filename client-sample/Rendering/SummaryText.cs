using System.Globalization;
using OrleansMesos.ClientSample.Batch;

namespace OrleansMesos.ClientSample.Rendering;

/// <summary>The final summary as plain lines, the same on a terminal and in a file; its last line is the verdict.</summary>
internal static class SummaryText
{
    public static IReadOnlyList<string> Lines(BatchSummary summary, int maxRetries, string? capacityOf)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var c = summary.Counts;
        var lines = new List<string>
        {
            "Summary",
            Row("tasks", $"{c.Total}, each {summary.TaskResources}, up to {maxRetries} retries each"),
            Row("succeeded", $"{c.Succeeded}"),
            Row("failed", $"{c.Failed}"),
            Row("lost", $"{c.Lost}"),
        };
        if (summary.Unfinished > 0)
        {
            lines.Add(Row("unfinished", $"{summary.Unfinished}"));
        }

        lines.Add(Row("retries", $"{c.Retries}"));
        lines.Add(Row("wall time", $"{summary.WallTime.TotalSeconds:0.0} s"));
        lines.Add(Row("dominant share", Share(summary, capacityOf)));
        lines.Add(Verdict(summary));
        return lines;
    }

    private static string Share(BatchSummary summary, string? capacityOf)
    {
        if (summary.DominantShare is not { } share || summary.Capacity is not { } capacity)
        {
            return $"not known: the cluster's capacity is not visible through the SDK (the framework held at most {summary.PeakHeld})";
        }

        var of = capacityOf is null ? string.Empty : $", {capacityOf}";
        return summary.DominantResource is { } resource
            ? string.Create(CultureInfo.InvariantCulture, $"{share:0.0%} of the cluster's {resource} at its peak (the framework held {summary.PeakHeld} of {capacity}{of})")
            : $"0% (the framework held nothing; the cluster has {capacity}{of})";
    }

    private static string Verdict(BatchSummary summary)
    {
        var c = summary.Counts;
        if (summary.AllSucceeded)
        {
            return $"result: all {c.Total} tasks succeeded";
        }

        var stopped = summary.StoppedBecause is { } why ? $"; stopped: {why}" : string.Empty;
        return $"result: {c.Total - c.Succeeded} of {c.Total} tasks did not succeed ({c.Failed} failed, {c.Lost} lost, {summary.Unfinished} unfinished, after {c.Retries} retries){stopped}";
    }

    private static string Row(string name, string value) => string.Create(CultureInfo.InvariantCulture, $"  {name,-15} {value}");
}
