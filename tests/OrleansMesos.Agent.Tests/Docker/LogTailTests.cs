using System.Text;
using OrleansMesos.Agent.Runtimes.Docker;

namespace OrleansMesos.Agent.Tests.Docker;

/// <summary>The tail of a container's demultiplexed, timestamped output.</summary>
public sealed class LogTailTests
{
    [Fact]
    public void LinesOfBothStreamsAreMergedByTheirStamps()
    {
        var tail = new LogTail(10);

        tail.Append(LogStream.Stdout, "2026-01-01T00:00:01.000000000Z one\n2026-01-01T00:00:03.000000000Z three\n"u8);
        tail.Append(LogStream.Stderr, "2026-01-01T00:00:02.000000000Z two\n2026-01-01T00:00:04.000000000Z four\n"u8);

        Assert.Equal("one\ntwo\nthree\nfour", tail.ToString());
    }

    [Fact]
    public void OnlyTheLastLinesAreKept()
    {
        var tail = new LogTail(2);

        tail.Append(LogStream.Stdout, "2026-01-01T00:00:01.000000000Z a\n2026-01-01T00:00:02.000000000Z b\n2026-01-01T00:00:03.000000000Z c\n"u8);

        Assert.Equal("b\nc", tail.ToString());
    }

    [Fact]
    public void StderrsLastWordsKeepHalfTheTailWhateverStdoutPrintedAfter()
    {
        // Given an error on stderr stamped first, then a flood of stdout
        var tail = new LogTail(4);
        tail.Append(LogStream.Stderr, "2026-01-01T00:00:00.000000001Z fatal: no disk\n"u8);
        for (var i = 1; i <= 9; i++)
        {
            tail.Append(LogStream.Stdout, Encoding.UTF8.GetBytes($"2026-01-01T00:00:0{i}.000000000Z out {i}\n"));
        }

        // Then the error is still there, in its place, and the newest stdout fills the rest
        Assert.Equal("fatal: no disk\nout 7\nout 8\nout 9", tail.ToString());
    }

    [Fact]
    public void TheNewestLinesFillWhatStderrsReserveLeaves()
    {
        var tail = new LogTail(4);
        tail.Append(LogStream.Stdout, "2026-01-01T00:00:00.000000001Z started\n"u8);
        for (var i = 1; i <= 9; i++)
        {
            tail.Append(LogStream.Stderr, Encoding.UTF8.GetBytes($"2026-01-01T00:00:0{i}.000000000Z err {i}\n"));
        }

        // Stderr's reserve is half the tail; the other half goes to the newest lines of either stream
        Assert.Equal("err 6\nerr 7\nerr 8\nerr 9", tail.ToString());
    }

    [Fact]
    public void ALineSplitAcrossChunksIsNotCutByTheOtherStream()
    {
        var tail = new LogTail(10);

        tail.Append(LogStream.Stdout, "2026-01-01T00:00:01.000000000Z hal"u8);
        tail.Append(LogStream.Stderr, "2026-01-01T00:00:02.000000000Z error!\n"u8);
        tail.Append(LogStream.Stdout, "f done\n"u8);

        Assert.Equal("half done\nerror!", tail.ToString());
    }

    [Fact]
    public void AUtf8CharacterSplitAcrossChunksDecodes()
    {
        var bytes = Encoding.UTF8.GetBytes("2026-01-01T00:00:01.000000000Z größe €\n");
        var tail = new LogTail(10);

        for (var i = 0; i < bytes.Length; i++)
        {
            tail.Append(LogStream.Stderr, bytes.AsSpan(i, 1));
        }

        Assert.Equal("größe €", tail.ToString());
    }

    [Fact]
    public void UnstampedLinesUnfinishedLinesAndCarriageReturnsAreHandled()
    {
        var tail = new LogTail(10);

        tail.Append(LogStream.Stdout, "dos\r\nno newline"u8);

        Assert.Equal("dos\nno newline", tail.ToString());
    }

    [Fact]
    public void ZeroLinesKeepsNothing()
    {
        var tail = new LogTail(0);

        tail.Append(LogStream.Stdout, "a\nb\n"u8);

        Assert.Equal(string.Empty, tail.ToString());
    }
}
