using System.Text.Json;

namespace OrleansMesos.ClusterMode.Tests;

/// <summary>A line of the sample framework's journal (<c>client-sample --journal</c>).</summary>
internal sealed record JournalLine(
    string Event,
    string? Lease,
    string Node,
    DateTimeOffset Logged,
    string[]? Containers,
    string? Container,
    string? State,
    long? Sequence,
    DateTimeOffset? At,
    string? Reason);

/// <summary>The journal as the framework wrote it, read while it is being written.</summary>
internal static class Journal
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Every complete line written so far.</summary>
    public static List<JournalLine> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var complete = text[..(text.LastIndexOf('\n') + 1)];
        return [.. complete.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<JournalLine>(l, Options)!)];
    }
}

/// <summary>What the journal proves or disproves: each check returns the violations it found, none when it holds.</summary>
internal static class JournalAudit
{
    private static readonly HashSet<string> Terminal = ["Finished", "Failed", "Killed", "Lost"];

    /// <summary>No lease redeemed twice, no container launched twice, each container's updates from its own node.</summary>
    public static IEnumerable<string> GrantedOnce(IReadOnlyList<JournalLine> journal)
    {
        var redeemed = journal.Where(l => l.Event == "redeemed").ToList();
        foreach (var twice in redeemed.GroupBy(l => l.Lease).Where(g => g.Count() > 1))
        {
            yield return $"lease {twice.Key} redeemed {twice.Count()} times";
        }

        var launchedOn = new Dictionary<string, string>();
        foreach (var line in redeemed)
        {
            foreach (var container in line.Containers ?? [])
            {
                if (!launchedOn.TryAdd(container, line.Node))
                {
                    yield return $"container {container} launched twice (on {launchedOn[container]} and {line.Node})";
                }
            }
        }

        foreach (var status in journal.Where(l => l.Event == "status"))
        {
            if (!launchedOn.TryGetValue(status.Container!, out var node))
            {
                yield return $"status {status.State} of {status.Container}, which the framework never launched";
            }
            else if (node != status.Node)
            {
                yield return $"status {status.State} of {status.Container} from {status.Node}; it was launched on {node}";
            }
        }
    }

    /// <summary>Every launched container's updates arrived in order, and each ended with a terminal one.</summary>
    public static IEnumerable<string> EveryUpdateInOrder(IReadOnlyList<JournalLine> journal)
    {
        var statuses = journal.Where(l => l.Event == "status").GroupBy(l => l.Container!).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var container in journal.Where(l => l.Event == "redeemed").SelectMany(l => l.Containers ?? []))
        {
            if (!statuses.TryGetValue(container, out var updates))
            {
                yield return $"container {container}: launched, no status update ever arrived";
                continue;
            }

            for (var i = 1; i < updates.Count; i++)
            {
                if (updates[i].Sequence < updates[i - 1].Sequence)
                {
                    yield return $"container {container}: update {updates[i].State}#{updates[i].Sequence} arrived after {updates[i - 1].State}#{updates[i - 1].Sequence}";
                }
                else if (Terminal.Contains(updates[i - 1].State!) && updates[i].Sequence != updates[i - 1].Sequence)
                {
                    yield return $"container {container}: {updates[i].State} after terminal {updates[i - 1].State}";
                }
            }

            if (!Terminal.Contains(updates[^1].State!))
            {
                yield return $"container {container}: its last update is {updates[^1].State}, not a terminal state";
            }
        }
    }

    /// <summary>
    /// By the node grains' own timestamps (from Staging to the terminal update), no node ever held more containers
    /// at once than <paramref name="slots"/> (its capacity over one task's size).
    /// </summary>
    public static IEnumerable<string> NeverOverCommitted(IReadOnlyList<JournalLine> journal, int slots)
    {
        var spans = journal.Where(l => l.Event == "status")
            .GroupBy(l => (l.Node, l.Container))
            .Select(g => (g.Key.Node, g.Key.Container, From: g.Min(l => l.At!.Value), To: g.Where(l => Terminal.Contains(l.State!)).Select(l => l.At).Min()))
            .ToList();
        foreach (var node in spans.GroupBy(s => s.Node))
        {
            // At the same instant a release comes before a commit: the node grain released first or it refused.
            var edges = node.SelectMany(s => s.To is { } to ? new[] { (At: s.From, Delta: 1), (At: to, Delta: -1) } : [(At: s.From, Delta: 1)])
                .OrderBy(e => e.At).ThenBy(e => e.Delta);
            var live = 0;
            foreach (var (at, delta) in edges)
            {
                live += delta;
                if (live > slots)
                {
                    yield return $"node {node.Key} held {live} containers at {at:O}; it has room for {slots}";
                    break;
                }
            }
        }
    }

    /// <summary>The journal's lines about containers of a node, by their final state.</summary>
    public static Dictionary<string, string> FinalStates(IReadOnlyList<JournalLine> journal, string node) =>
        journal.Where(l => l.Event == "status" && l.Node == node)
            .GroupBy(l => l.Container!)
            .ToDictionary(g => g.Key, g => g.OrderBy(l => l.Sequence).Last().State!);
}
