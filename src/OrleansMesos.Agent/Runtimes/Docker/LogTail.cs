using System.Text;

namespace OrleansMesos.Agent.Runtimes.Docker;

/// <summary>Which of a container's output streams a chunk came from.</summary>
internal enum LogStream
{
    Stdout,
    Stderr,
}

/// <summary>
/// The last lines of a container's output, from the engine's demultiplexed, timestamped log of each stream.
/// </summary>
/// <remarks>
/// Chunks may split a line or a UTF-8 character anywhere, so each stream keeps its own decoder and unfinished
/// line. The engine stamps each line when it reads it from the stream's pipe, and it reads the two pipes apart:
/// lines written microseconds apart on stdout and stderr can be stamped, and stored, in either order; and a
/// flood on stdout can push a program's last words on stderr out of a plain tail (the engine's own tail is cut
/// before it filters by stream, so asking for stderr's tail alone does not help). So a longer stretch of the log
/// is read, each stream keeps its own last lines, they are merged by stamp, and stderr's newest lines, where
/// programs say why they fail, keep up to half of the tail whatever stdout printed.
/// </remarks>
internal sealed class LogTail(int maxLines)
{
    private readonly Queue<Line>[] _lines = [new(), new()];
    private int _sequence;
    private readonly Partial[] _streams = [new(), new()];

    /// <summary>Adds a chunk of <paramref name="stream"/>'s log, whose lines start with the engine's timestamp and a space.</summary>
    public void Append(LogStream stream, ReadOnlySpan<byte> bytes)
    {
        var partial = _streams[(int)stream];
        var chars = new char[partial.Decoder.GetCharCount(bytes, flush: false)];
        partial.Decoder.GetChars(bytes, chars, flush: false);
        foreach (var c in chars)
        {
            if (c == '\n')
            {
                Add(stream, partial.Text);
            }
            else
            {
                partial.Text.Append(c);
            }
        }
    }

    /// <summary>The kept lines, oldest first, joined by newlines.</summary>
    public override string ToString()
    {
        for (var i = 0; i < _streams.Length; i++)
        {
            if (_streams[i].Text.Length > 0)
            {
                Add((LogStream)i, _streams[i].Text);
            }
        }

        // Docker's stamps have a fixed width (nanoseconds, UTC), so they order as text; ties keep arrival order.
        var ordered = _lines.SelectMany(l => l).OrderBy(l => l.Stamp, StringComparer.Ordinal).ThenBy(l => l.Sequence).ToList();
        var stderr = ordered.Count(l => l.Stream == LogStream.Stderr);
        var reserved = Math.Min(stderr, (maxLines + 1) / 2);
        var kept = new List<Line>(maxLines);
        var keptOthers = 0;
        var stderrSeen = 0;
        for (var i = ordered.Count - 1; i >= 0 && kept.Count < maxLines; i--)
        {
            var line = ordered[i];
            var isReserved = line.Stream == LogStream.Stderr && stderrSeen++ < reserved;
            if (isReserved || keptOthers < maxLines - reserved)
            {
                kept.Add(line);
                keptOthers += isReserved ? 0 : 1;
            }
        }

        kept.Reverse();
        return string.Join('\n', kept.Select(l => l.Text));
    }

    private void Add(LogStream stream, StringBuilder text)
    {
        var line = text.ToString().TrimEnd('\r');
        text.Clear();
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var (stamp, content) = space > 0 && char.IsAsciiDigit(line[0]) ? (line[..space], line[(space + 1)..]) : (string.Empty, line);
        var lines = _lines[(int)stream];
        lines.Enqueue(new Line(stamp, _sequence++, stream, content));
        if (lines.Count > maxLines)
        {
            lines.Dequeue();
        }
    }

    private sealed record Line(string Stamp, int Sequence, LogStream Stream, string Text);

    private sealed class Partial
    {
        public Decoder Decoder { get; } = new UTF8Encoding(false, false).GetDecoder();

        public StringBuilder Text { get; } = new();
    }
}
