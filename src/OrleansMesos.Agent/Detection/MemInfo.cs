using System.Globalization;

namespace OrleansMesos.Agent.Detection;

/// <summary>Pure parsing of <c>/proc/meminfo</c>.</summary>
internal static class MemInfo
{
    /// <summary>
    /// The <c>MemTotal:</c> line in bytes (the kernel writes kB, meaning KiB); null when the line is missing or
    /// not a number followed by <c>kB</c>.
    /// </summary>
    public static long? ParseMemTotal(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            if (!raw.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = raw["MemTotal:".Length..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields is [var number, "kB"]
                && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var kib)
                && kib > 0
                && kib <= long.MaxValue / 1024)
            {
                return kib * 1024;
            }

            return null;
        }

        return null;
    }
}
