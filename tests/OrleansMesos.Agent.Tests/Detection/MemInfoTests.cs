using OrleansMesos.Agent.Detection;

namespace OrleansMesos.Agent.Tests.Detection;

public sealed class MemInfoTests
{
    [Fact]
    public void ReadsMemTotalInKibibytes() =>
        Assert.Equal(24684096L * 1024, MemInfo.ParseMemTotal("MemTotal:       24684096 kB\nMemFree:        23403076 kB\n"));

    [Fact]
    public void FindsMemTotalOnAnyLine() =>
        Assert.Equal(2048L * 1024, MemInfo.ParseMemTotal("MemFree: 1 kB\nMemTotal: 2048 kB"));

    [Theory]
    [InlineData("MemFree:        23403076 kB\n")]
    [InlineData("MemTotal:       lots kB\n")]
    [InlineData("MemTotal:       1024 MB\n")]
    [InlineData("MemTotal:       1024\n")]
    [InlineData("MemTotal:       0 kB\n")]
    [InlineData("MemTotal:       99999999999999999999 kB\n")]
    [InlineData("")]
    public void IsNullWithoutAUsableMemTotal(string text) => Assert.Null(MemInfo.ParseMemTotal(text));
}
