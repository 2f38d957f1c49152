using OrleansMesos.Agent.Runtimes.Processes;

namespace OrleansMesos.Agent.Tests.Processes;

public sealed class LogTailTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("om-logtail-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TheLastLinesOfEachFileComeUnderTheirNamesStderrFirst()
    {
        var stdout = Write("stdout", string.Concat(Enumerable.Range(1, 5).Select(i => $"o{i}\n")));
        var stderr = Write("stderr", "e1\ne2");

        Assert.Equal("--- stderr ---\ne1\ne2\n--- stdout ---\no4\no5", LogTail.Read(stdout, stderr, 2));
    }

    [Fact]
    public void EmptyOrMissingFilesGiveNoTail()
    {
        var empty = Write("stdout", "");

        Assert.Null(LogTail.Read(empty, Path.Combine(_dir, "missing"), 20));
        Assert.Equal("--- stdout ---\nonly", LogTail.Read(Write("out2", "only\n"), empty, 20));
    }

    [Fact]
    public void AHugeLogIsReadFromItsEndOnly()
    {
        // 100,000 lines, over a megabyte: the tail starts at a whole line.
        var big = Write("big", string.Concat(Enumerable.Range(1, 100_000).Select(i => $"line {i}\n")));

        Assert.Equal(["line 99998", "line 99999", "line 100000"], LogTail.Last(big, 3));
        Assert.All(LogTail.Last(big, 10_000), l => Assert.StartsWith("line ", l, StringComparison.Ordinal));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
