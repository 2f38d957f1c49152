using System.Diagnostics;

namespace OrleansMesos.Benchmarks.Silos;

/// <summary>
/// A silo's output (its log): every line to a file, and warnings, errors and critical lines kept with the time they
/// were seen. The console logger writes "warn: Category[id]" and the message on the next line: a header is kept
/// with the message that follows it.
/// </summary>
internal sealed class SiloLog(string path) : IDisposable
{
    private static readonly string[] Levels = ["warn", "fail", "crit"];

    private readonly TextWriter _file = TextWriter.Synchronized(new StreamWriter(path) { AutoFlush = true });
    private readonly List<LogEntry> _problems = [];
    private string? _pendingLevel;
    private string? _pendingCategory;

    public string Path { get; } = path;

    public void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        try
        {
            _file.WriteLine(line);
        }
        catch (ObjectDisposedException)
        {
            // The last lines of a silo being stopped, after its log was closed.
        }

        lock (_problems)
        {
            if (_pendingLevel is not null)
            {
                _problems.Add(new LogEntry(Stopwatch.GetTimestamp(), _pendingLevel, _pendingCategory!, line.Trim()));
                _pendingLevel = null;
            }

            foreach (var level in Levels)
            {
                if (line.StartsWith(level + ": ", StringComparison.Ordinal))
                {
                    _pendingLevel = level;
                    var category = line[(level.Length + 2)..];
                    var bracket = category.IndexOf('[', StringComparison.Ordinal);
                    _pendingCategory = bracket > 0 ? category[..bracket] : category;
                }
            }
        }
    }

    /// <summary>Warnings, errors and critical lines seen since <paramref name="since"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public IReadOnlyList<LogEntry> ProblemsSince(long since)
    {
        lock (_problems)
        {
            return [.. _problems.Where(p => p.Timestamp >= since)];
        }
    }

    public void Dispose() => _file.Dispose();
}

/// <summary>A warning, error or critical line of a silo's log: when it was seen, its level, category and message.</summary>
internal readonly record struct LogEntry(long Timestamp, string Level, string Category, string Message);
