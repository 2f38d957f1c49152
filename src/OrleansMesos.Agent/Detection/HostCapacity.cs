using OrleansMesos.Errors;

namespace OrleansMesos.Agent.Detection;

/// <summary>The pure arithmetic of overrides and reservations.</summary>
internal static class HostCapacity
{
    private static readonly ResourceKind[] Kinds = [ResourceKind.Cpus, ResourceKind.Memory, ResourceKind.Disk, ResourceKind.Gpus];

    /// <summary>What the host has once the operator's overrides replace the detected figures.</summary>
    /// <exception cref="InvalidFieldException">The GPU override is more than were detected.</exception>
    public static Resources Available(in Resources detected, ResourceDetectionOptions options)
    {
        if (options.Gpus > detected.Gpus)
        {
            throw new InvalidFieldException(
                nameof(ResourceDetectionOptions.Gpus),
                "must not exceed the GPUs detected, since each is offered by its UUID",
                $"{options.Gpus} asked, {detected.Gpus} detected");
        }

        return new Resources(
            options.MilliCpus ?? detected.MilliCpus,
            options.MemoryBytes ?? detected.MemoryBytes,
            options.DiskBytes ?? detected.DiskBytes,
            options.Gpus ?? detected.Gpus);
    }

    /// <summary>
    /// What the host offers: <paramref name="available"/> less <paramref name="reserved"/>, saturating at zero.
    /// Reserving more of a kind than the host has is a mistake in the settings and throws; reserving some of a kind
    /// the host has none of (GPUs on a CPU-only host, under settings shared by a fleet) leaves zero.
    /// </summary>
    /// <exception cref="InvalidFieldException">Names <c>Reserved.cpus</c>, <c>Reserved.mem</c>, <c>Reserved.disk</c> or <c>Reserved.gpus</c>.</exception>
    public static Resources Offered(in Resources available, in Resources reserved)
    {
        foreach (var kind in Kinds)
        {
            if (reserved[kind] > available[kind] && available[kind] > 0)
            {
                throw new InvalidFieldException(
                    $"{nameof(ResourceDetectionOptions.Reserved)}.{Units.Key(kind)}",
                    "must not exceed what the host has",
                    $"{Units.Format(kind, reserved[kind])} reserved, {Units.Format(kind, available[kind])} available");
            }
        }

        return Resources.SaturatingSubtract(available, reserved);
    }
}
