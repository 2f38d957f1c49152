using System.Globalization;

namespace OrleansMesos.Benchmarks.Silos;

/// <summary>
/// The whole machine's CPU counters (/proc/stat) and load average (/proc/loadavg) at one moment: the machine is
/// shared, so a window's figures are read against what everything on it used, ours and the neighbours'.
/// </summary>
internal readonly record struct MachineLoad(long BusyTicks, long TotalTicks, double Load1, double Load5)
{
    public static MachineLoad Now()
    {
        try
        {
            // "cpu  user nice system idle iowait irq softirq steal …": idle and iowait are the time not busy.
            var cpu = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var total = cpu.Sum();
            var load = File.ReadAllText("/proc/loadavg").Split(' ');
            return new MachineLoad(total - cpu[3] - cpu[4], total, double.Parse(load[0], CultureInfo.InvariantCulture), double.Parse(load[1], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return default;
        }
    }

    /// <summary>Cores the whole machine kept busy on average since <paramref name="start"/>.</summary>
    public double BusyCoresSince(MachineLoad start) =>
        TotalTicks == start.TotalTicks ? double.NaN : (double)(BusyTicks - start.BusyTicks) / (TotalTicks - start.TotalTicks) * Environment.ProcessorCount;
}
