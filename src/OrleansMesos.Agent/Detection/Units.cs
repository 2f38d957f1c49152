using System.Globalization;

namespace OrleansMesos.Agent.Detection;

/// <summary>Amounts in words for sources and errors: <c>1.5 cores</c>, <c>23.54 GiB</c>, <c>1 GPU</c>.</summary>
internal static class Units
{
    private static readonly (string Suffix, long Factor)[] Binary =
        [("TiB", 1024L * Resources.GiB), ("GiB", Resources.GiB), ("MiB", Resources.MiB), ("KiB", 1024)];

    /// <summary>The key <see cref="Resources.Parse(string)"/> uses for a kind: <c>cpus</c>, <c>mem</c>, <c>disk</c>, <c>gpus</c>.</summary>
    public static string Key(ResourceKind kind) => kind switch
    {
        ResourceKind.Cpus => "cpus",
        ResourceKind.Memory => "mem",
        ResourceKind.Disk => "disk",
        ResourceKind.Gpus => "gpus",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "one single kind is needed"),
    };

    /// <summary>An amount of one kind in its base unit (millicores, bytes, devices), in words.</summary>
    public static string Format(ResourceKind kind, long amount) => kind switch
    {
        ResourceKind.Cpus => Cores(amount),
        ResourceKind.Gpus => amount == 1 ? "1 GPU" : amount.ToString(CultureInfo.InvariantCulture) + " GPUs",
        _ => Bytes(amount),
    };

    /// <summary>Millicores as cores, to the millicore: <c>1.5 cores</c>, <c>1 core</c>.</summary>
    public static string Cores(long milliCpus) =>
        (milliCpus / (decimal)Resources.MilliCpusPerCore).ToString("0.###", CultureInfo.InvariantCulture)
        + (milliCpus == Resources.MilliCpusPerCore ? " core" : " cores");

    /// <summary>Bytes in the largest binary unit they reach, to two decimals: <c>23.54 GiB</c>, <c>512 MiB</c>, <c>100 B</c>.</summary>
    public static string Bytes(long bytes)
    {
        foreach (var (suffix, factor) in Binary)
        {
            if (bytes >= factor)
            {
                return (bytes / (decimal)factor).ToString("0.##", CultureInfo.InvariantCulture) + " " + suffix;
            }
        }

        return bytes.ToString(CultureInfo.InvariantCulture) + " B";
    }
}
