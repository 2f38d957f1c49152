using System.Globalization;

namespace OrleansMesos.Wire;

/// <summary>Lease ids carry the partition that granted them: <c>p{partition}-{unique}</c>.</summary>
public static class LeaseIds
{
    /// <summary>A new, unique lease id for <paramref name="partition"/>.</summary>
    public static LeaseId New(int partition) =>
        new(string.Create(CultureInfo.InvariantCulture, $"p{partition}-{Guid.NewGuid():N}"));

    /// <summary>The partition that granted <paramref name="lease"/>, or null when the id is not of that form.</summary>
    public static int? PartitionOf(LeaseId lease)
    {
        var text = lease.Value ?? string.Empty;
        var dash = text.IndexOf('-');
        return text.StartsWith('p') && dash > 1
            && int.TryParse(text.AsSpan(1, dash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
            ? partition
            : null;
    }
}
