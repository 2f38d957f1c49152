using System.Globalization;
using OrleansMesos.ClientSample.Batch;

namespace OrleansMesos.ClientSample.Rendering;

/// <summary>The progress figures as one line of plain text.</summary>
internal static class ProgressText
{
    public static string Line(BatchCounts counts, TimeSpan elapsed) => string.Create(
        CultureInfo.InvariantCulture,
        $"[{elapsed.TotalSeconds,6:0.0}s] pending {counts.Pending}, running {counts.Running}, succeeded {counts.Succeeded}, failed {counts.Failed}, lost {counts.Lost}, retries {counts.Retries} ({counts.Done}/{counts.Total} done)");
}
