using System.Globalization;
using OrleansMesos.Errors;

namespace OrleansMesos;

public readonly partial record struct Resources : ISpanFormattable
{
    private static readonly (string Suffix, long Factor)[] ByteUnits =
    [
        ("TiB", 1024L * GiB), ("GiB", GiB), ("MiB", MiB), ("KiB", 1024),
        ("TB", 1_000_000_000_000), ("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1_000), ("B", 1),
    ];

    /// <summary>
    /// Parses the human form: comma-separated <c>key=value</c> pairs, keys <c>cpus</c> (cores, up to three
    /// decimals), <c>mem</c> and <c>disk</c> (a number with a unit B, KB, MB, GB, TB, KiB, MiB, GiB or TiB;
    /// a bare number means MiB, as in Mesos) and <c>gpus</c> (whole devices). An empty string or
    /// <c>none</c> is <see cref="Zero"/>. Example: <c>cpus=2.5,mem=4GiB,gpus=1</c>.
    /// </summary>
    /// <exception cref="InvalidFieldException">Names the key (or <c>resources</c>) and the rule broken.</exception>
    public static Resources Parse(string text) => Parse(text, out _);

    /// <summary>Parses like <see cref="Parse(string)"/> and also says which kinds the text named.</summary>
    internal static Resources Parse(string text, out ResourceKind named)
    {
        ArgumentNullException.ThrowIfNull(text);
        named = ResourceKind.None;
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return Zero;
        }

        long cpus = 0, mem = 0, disk = 0;
        int gpus = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in trimmed.Split(','))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0 || part[..eq].Trim().Length == 0)
            {
                throw new InvalidFieldException("resources", "each item must be key=value", part.Trim());
            }

            var key = part[..eq].Trim().ToLowerInvariant();
            var value = part[(eq + 1)..].Trim();
            key = key == "memory" ? "mem" : key;
            if (!seen.Add(key))
            {
                throw new InvalidFieldException(key, "must be given once");
            }

            switch (key)
            {
                case "cpus":
                    named |= ResourceKind.Cpus;
                    cpus = ParseCpus(value);
                    break;
                case "mem":
                    named |= ResourceKind.Memory;
                    mem = ParseBytes(value, "mem");
                    break;
                case "disk":
                    named |= ResourceKind.Disk;
                    disk = ParseBytes(value, "disk");
                    break;
                case "gpus":
                    named |= ResourceKind.Gpus;
                    gpus = ParseGpus(value);
                    break;
                default:
                    throw new InvalidFieldException(key, "is not a resource: use cpus, mem, disk or gpus");
            }
        }

        return new Resources(cpus, mem, disk, gpus);
    }

    /// <summary>Parses like <see cref="Parse(string)"/> but reports failure instead of throwing.</summary>
    public static bool TryParse(string? text, out Resources value)
    {
        try
        {
            value = text is null ? default : Parse(text);
            return text is not null;
        }
        catch (InvalidFieldException)
        {
            value = default;
            return false;
        }
    }

    /// <summary>The human form, zeros left out; <c>none</c> for <see cref="Zero"/>. Round-trips through <see cref="Parse(string)"/>.</summary>
    public override string ToString() => IsZero ? "none" : Format(NonZeroKinds);

    /// <summary>The human form of just the given kinds, zeros included.</summary>
    internal string Format(ResourceKind kinds)
    {
        var parts = new List<string>(4);
        if ((kinds & ResourceKind.Cpus) != 0)
        {
            parts.Add("cpus=" + (MilliCpus / (decimal)MilliCpusPerCore).ToString("0.###", CultureInfo.InvariantCulture));
        }

        if ((kinds & ResourceKind.Memory) != 0)
        {
            parts.Add("mem=" + FormatBytes(MemoryBytes));
        }

        if ((kinds & ResourceKind.Disk) != 0)
        {
            parts.Add("disk=" + FormatBytes(DiskBytes));
        }

        if ((kinds & ResourceKind.Gpus) != 0)
        {
            parts.Add("gpus=" + Gpus.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join(',', parts);
    }

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var text = ToString();
        charsWritten = 0;
        if (!text.AsSpan().TryCopyTo(destination))
        {
            return false;
        }

        charsWritten = text.Length;
        return true;
    }

    /// <summary>Formats a byte count in the largest binary unit that divides it exactly.</summary>
    public static string FormatBytes(long bytes)
    {
        foreach (var (suffix, factor) in ByteUnits)
        {
            if (suffix.Contains('i') && bytes >= factor && bytes % factor == 0)
            {
                return (bytes / factor).ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }

        return bytes.ToString(CultureInfo.InvariantCulture) + "B";
    }

    private static long ParseCpus(string value)
    {
        if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cores))
        {
            throw new InvalidFieldException("cpus", "must be a non-negative number of cores such as 2 or 0.5", value);
        }

        decimal milli;
        try
        {
            milli = cores * MilliCpusPerCore;
        }
        catch (OverflowException)
        {
            throw new InvalidFieldException("cpus", "is too large", value);
        }

        if (milli != decimal.Truncate(milli))
        {
            throw new InvalidFieldException("cpus", "must be a whole multiple of a millicore (0.001)", value);
        }

        return milli <= long.MaxValue / 2 ? (long)milli : throw new InvalidFieldException("cpus", "is too large", value);
    }

    private static long ParseBytes(string value, string field)
    {
        var split = value.Length;
        while (split > 0 && char.IsAsciiLetter(value[split - 1]))
        {
            split--;
        }

        var number = value[..split].Trim();
        var unit = value[split..];
        long factor = MiB;
        if (unit.Length > 0)
        {
            factor = 0;
            foreach (var (suffix, f) in ByteUnits)
            {
                if (string.Equals(suffix, unit, StringComparison.OrdinalIgnoreCase))
                {
                    factor = f;
                    break;
                }
            }

            if (factor == 0)
            {
                throw new InvalidFieldException(field, "unit must be one of B, KB, MB, GB, TB, KiB, MiB, GiB, TiB", unit);
            }
        }

        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            throw new InvalidFieldException(field, "must be a non-negative size such as 512MiB or 4GiB", value);
        }

        decimal bytes;
        try
        {
            bytes = amount * factor;
        }
        catch (OverflowException)
        {
            throw new InvalidFieldException(field, "is too large", value);
        }

        if (bytes != decimal.Truncate(bytes))
        {
            throw new InvalidFieldException(field, "must be a whole number of bytes", value);
        }

        return bytes <= long.MaxValue / 2 ? (long)bytes : throw new InvalidFieldException(field, "is too large", value);
    }

    private static int ParseGpus(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var gpus)
            ? gpus
            : throw new InvalidFieldException("gpus", "must be a whole, non-negative number of devices", value);
}
