using System.Text;

namespace OrleansMesos.Agent.Runtimes.Processes;

/// <summary>The last lines of a container's output files, read from their ends so that a huge log costs no more than a small one.</summary>
internal static class LogTail
{
    // Enough for a screenful of long lines; a tail never reads more than this from one file.
    private const int MaxBytes = 16 * 1024;

    /// <summary>
    /// The last <paramref name="lines"/> lines of stderr and of stdout, each under a heading, stderr first (where
    /// failures are usually told); null when both are empty or missing.
    /// </summary>
    public static string? Read(string stdoutPath, string stderrPath, int lines)
    {
        var stderr = Last(stderrPath, lines);
        var stdout = Last(stdoutPath, lines);
        if (stderr.Count == 0 && stdout.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        Append(text, "stderr", stderr);
        Append(text, "stdout", stdout);
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>The last <paramref name="count"/> lines of a file; empty when it is missing or empty.</summary>
    public static List<string> Last(string path, int count)
    {
        string text;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = file.Length;
            var start = Math.Max(0, length - MaxBytes);
            file.Seek(start, SeekOrigin.Begin);
            var buffer = new byte[length - start];
            file.ReadExactly(buffer);
            text = Encoding.UTF8.GetString(buffer);
            if (start > 0)
            {
                // The first line read is most likely cut: start at the next whole one.
                var newline = text.IndexOf('\n');
                text = newline < 0 ? text : text[(newline + 1)..];
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        var all = text.TrimEnd('\n').Split('\n');
        return all is [""] ? [] : [.. all.Skip(Math.Max(0, all.Length - count))];
    }

    private static void Append(StringBuilder text, string name, List<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        text.Append("--- ").Append(name).Append(" ---\n");
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }
    }
}
