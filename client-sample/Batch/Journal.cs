using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansMesos.Wire;

namespace OrleansMesos.ClientSample.Batch;

/// <summary>
/// The framework's own record of what it was given and told, one JSON object per line, written as it happens
/// (<c>--journal FILE</c>): every lease received, every redemption and its result, every status update in the
/// order it arrived. An audit trail a run can be checked against: which lease launched what on which node, and
/// whether each container's updates came in order.
/// </summary>
internal sealed class Journal : IDisposable
{
    private readonly Lock _gate = new();
    private readonly StreamWriter _writer;

    public Journal(string path)
    {
        _writer = new StreamWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
    }

    public void LeaseReceived(Lease lease) =>
        Write(new JournalEntry("lease", lease.Id.Value, lease.Node.Value) { Resources = lease.Resources.ToString(), Tasks = lease.Tasks });

    public void Redeemed(Lease lease, IEnumerable<ContainerId> launched) =>
        Write(new JournalEntry("redeemed", lease.Id.Value, lease.Node.Value) { Containers = [.. launched.Select(c => c.Value)] });

    public void Refused(Lease lease, IEnumerable<ContainerId> containers, string why) =>
        Write(new JournalEntry("refused", lease.Id.Value, lease.Node.Value) { Containers = [.. containers.Select(c => c.Value)], Reason = why });

    public void Declined(Lease lease) => Write(new JournalEntry("declined", lease.Id.Value, lease.Node.Value));

    public void Status(ContainerStatus status) =>
        Write(new JournalEntry("status", null, status.Node.Value)
        {
            Container = status.Container.Value,
            State = status.State.ToString(),
            Sequence = status.Sequence,
            At = status.Timestamp,
            ExitCode = status.ExitCode,
            Reason = status.Reason,
        });

    public void Dispose() => _writer.Dispose();

    private void Write(JournalEntry entry)
    {
        var line = JsonSerializer.Serialize(entry with { Logged = DateTimeOffset.UtcNow }, JournalJson.Default.JournalEntry);
        lock (_gate)
        {
            _writer.WriteLine(line);
        }
    }
}

/// <summary>One line of the <see cref="Journal"/>.</summary>
/// <param name="Event">lease, redeemed, refused, declined or status.</param>
/// <param name="Lease">The lease, for the lease events.</param>
/// <param name="Node">The node of the lease or of the container.</param>
internal sealed record JournalEntry(string Event, string? Lease, string Node)
{
    /// <summary>When the framework wrote the line (its own clock).</summary>
    public DateTimeOffset Logged { get; init; }

    public string? Resources { get; init; }

    public int? Tasks { get; init; }

    public string[]? Containers { get; init; }

    public string? Container { get; init; }

    public string? State { get; init; }

    /// <summary>The status update's sequence number: it rises with each change of the container's state.</summary>
    public long? Sequence { get; init; }

    /// <summary>When the node grain recorded the change (the cluster's clock).</summary>
    public DateTimeOffset? At { get; init; }

    public int? ExitCode { get; init; }

    public string? Reason { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JournalEntry))]
internal sealed partial class JournalJson : JsonSerializerContext;
