using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansMesos.Agent.Detection;
using OrleansMesos.Errors;

namespace OrleansMesos.GpuCheck;

/// <summary>
/// Detects this host's resources with the agent's own detector and prints them. Exit codes: 0 detection worked,
/// 1 detection failed, 2 NVML is present but failed (or left GPUs out), 3 fewer GPUs than <c>--expect-gpus</c>,
/// 64 bad arguments.
/// </summary>
internal static class HostCheck
{
    public const int Ok = 0;
    public const int DetectionFailed = 1;
    public const int NvmlFailed = 2;
    public const int TooFewGpus = 3;
    public const int Usage = 64;

    private const string Help = """
        Usage: OrleansMesos.GpuCheck [--json] [--data-dir DIR] [--reserve RESOURCES] [--expect-gpus N]

        Detects cpus (cgroup quota or processor count), memory (cgroup limit or /proc/meminfo), disk (the
        filesystem of DIR) and NVIDIA GPUs (NVML), as the agent does, and prints them with their sources.
          --json             print JSON instead of text
          --data-dir DIR     the agent's data directory, whose filesystem is sized (default /var/lib/orleans-mesos)
          --reserve R        kept for the host, e.g. cpus=1,mem=2GiB
          --expect-gpus N    exit 3 when fewer than N GPUs are found
        Exit codes: 0 detected, 1 detection failed, 2 NVML present but failed, 3 too few GPUs, 64 bad arguments.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var options = new ResourceDetectionOptions();
        var json = false;
        var expectGpus = 0;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--json":
                        json = true;
                        break;
                    case "--data-dir":
                        options.DataDirectory = Value();
                        break;
                    case "--reserve":
                        options.Reserved = Resources.Parse(Value());
                        break;
                    case "--expect-gpus":
                        expectGpus = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                        break;
                    case "-h" or "--help":
                        await output.WriteLineAsync(Help).ConfigureAwait(false);
                        return Ok;
                    default:
                        throw new ArgumentException($"unknown argument {args[i]}");
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or InvalidFieldException)
            {
                await error.WriteLineAsync($"gpu-check: {e.Message}\n\n{Help}").ConfigureAwait(false);
                return Usage;
            }
        }

        var probe = new RecordingGpuProbe(new NvmlGpuProbe());
        var detector = new HostResourceDetector(new HostFileSystem(), probe, Options.Create(options));
        HostResources found;
        try
        {
            found = await detector.DetectAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidFieldException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"gpu-check: detection failed: {e.Message}").ConfigureAwait(false);
            return DetectionFailed;
        }

        var status = probe.Last?.Status ?? GpuProbeStatus.Absent;
        await output.WriteAsync(json ? Json(found, status) : Text(found, status)).ConfigureAwait(false);
        if (status is GpuProbeStatus.Failed or GpuProbeStatus.Degraded)
        {
            await error.WriteLineAsync($"gpu-check: NVML {status}: {probe.Last?.Source}").ConfigureAwait(false);
            return NvmlFailed;
        }

        if (found.Gpus.Count < expectGpus)
        {
            await error.WriteLineAsync($"gpu-check: {found.Gpus.Count} GPU(s) found, {expectGpus} expected").ConfigureAwait(false);
            return TooFewGpus;
        }

        return Ok;
    }

    private static string Text(HostResources found, GpuProbeStatus status)
    {
        var total = found.Total;
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"cpus:    {total.Cpus.ToString("0.###", c)} cores ({total.MilliCpus} millicores)");
        text.AppendLine(c, $"memory:  {total.MemoryBytes / (double)Resources.GiB:0.00} GiB ({total.MemoryBytes} bytes)");
        text.AppendLine(c, $"disk:    {total.DiskBytes / (double)Resources.GiB:0.00} GiB ({total.DiskBytes} bytes)");
        text.AppendLine(c, $"gpus:    {total.Gpus} (NVML {status})");
        foreach (var gpu in found.Gpus)
        {
            text.AppendLine(c, $"  gpu {gpu.Index}: {gpu.Uuid}  {gpu.Name}  {gpu.MemoryBytes / Resources.MiB} MiB ({gpu.MemoryBytes} bytes)");
        }

        text.AppendLine(c, $"offered: {total}");
        text.AppendLine("sources:");
        foreach (var source in found.Sources)
        {
            text.AppendLine(c, $"  {source}");
        }

        return text.ToString();
    }

    // Written with Utf8JsonWriter, not the reflection serializer, so that trimming keeps it working.
    private static string Json(HostResources found, GpuProbeStatus status)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("milliCpus", found.Total.MilliCpus);
            json.WriteNumber("memoryBytes", found.Total.MemoryBytes);
            json.WriteNumber("diskBytes", found.Total.DiskBytes);
            json.WriteNumber("gpuCount", found.Total.Gpus);
            json.WriteString("offered", found.Total.ToString());
            json.WriteString("nvml", status.ToString());
            json.WriteStartArray("gpus");
            foreach (var gpu in found.Gpus)
            {
                json.WriteStartObject();
                json.WriteNumber("index", gpu.Index);
                json.WriteString("uuid", gpu.Uuid);
                json.WriteString("name", gpu.Name);
                json.WriteNumber("memoryBytes", gpu.MemoryBytes);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("sources");
            foreach (var source in found.Sources)
            {
                json.WriteStringValue(source);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }
}
