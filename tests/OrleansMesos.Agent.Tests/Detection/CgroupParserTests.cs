using OrleansMesos.Agent.Detection;

namespace OrleansMesos.Agent.Tests.Detection;

public sealed class CgroupParserTests
{
    // As on a cgroup v1 host: one line per hierarchy, the unified (0::) line too, cpu apart from cpuacct.
    private const string V1 = "9:name=systemd:/\n5:memory:/jobs/4f2a9c\n3:cpuset:/\n2:cpuacct:/\n1:cpu:/\n0::/\n";

    [Fact]
    public void ParsesTheV1Form()
    {
        var lines = CgroupParser.ParseMembership(V1);

        Assert.Equal(6, lines.Count);
        Assert.Equal(5, lines[1].HierarchyId);
        Assert.Equal(["memory"], lines[1].Controllers);
        Assert.Equal("/jobs/4f2a9c", lines[1].Path);
        Assert.Equal(["name=systemd"], lines[0].Controllers);
        Assert.Empty(lines[5].Controllers);
    }

    [Fact]
    public void ParsesTheV2FormAndKeepsColonsInThePath()
    {
        var lines = CgroupParser.ParseMembership("0::/system.slice/a:b.scope\n");

        var line = Assert.Single(lines);
        Assert.Equal(0, line.HierarchyId);
        Assert.Empty(line.Controllers);
        Assert.Equal("/system.slice/a:b.scope", line.Path);
    }

    [Fact]
    public void SkipsLinesThatAreNotIdControllersPath()
    {
        var lines = CgroupParser.ParseMembership("garbage\nx:cpu:/a\n3:cpu\n4:cpu:relative\n\n7:cpu,cpuacct:/b\n");

        var line = Assert.Single(lines);
        Assert.Equal(["cpu", "cpuacct"], line.Controllers);
    }

    [Fact]
    public void FindsTheV1LineOfAControllerByExactName()
    {
        var lines = CgroupParser.ParseMembership(V1);

        Assert.Equal("/", CgroupParser.FindPath(lines, CgroupVersion.V1, "cpu"));
        Assert.Equal("/jobs/4f2a9c", CgroupParser.FindPath(lines, CgroupVersion.V1, "memory"));
        Assert.Null(CgroupParser.FindPath(lines, CgroupVersion.V1, "hugetlb"));
    }

    [Fact]
    public void FindsAControllerInACombinedV1Line()
    {
        var lines = CgroupParser.ParseMembership("4:cpuset:/x\n3:cpu,cpuacct:/docker/abc\n");

        Assert.Equal("/docker/abc", CgroupParser.FindPath(lines, CgroupVersion.V1, "cpu"));
    }

    [Fact]
    public void FindsTheV2LineWhateverTheController()
    {
        var lines = CgroupParser.ParseMembership("1:name=systemd:/elsewhere\n0::/user.slice/session-1.scope\n");

        Assert.Equal("/user.slice/session-1.scope", CgroupParser.FindPath(lines, CgroupVersion.V2, "memory"));
        Assert.Null(CgroupParser.FindPath(CgroupParser.ParseMembership("1:cpu:/a\n"), CgroupVersion.V2, "cpu"));
    }

    [Fact]
    public void AncestryRunsFromTheLeafUpToTheMount()
    {
        Assert.Equal(
            ["/sys/fs/cgroup/memory/a/b", "/sys/fs/cgroup/memory/a", "/sys/fs/cgroup/memory"],
            CgroupParser.Ancestry("/sys/fs/cgroup/memory", "/a/b"));
        Assert.Equal(["/sys/fs/cgroup"], CgroupParser.Ancestry("/sys/fs/cgroup", "/"));
        Assert.Equal(["/sys/fs/cgroup"], CgroupParser.Ancestry("/sys/fs/cgroup", null));
    }

    [Fact]
    public void APathOutsideTheNamespaceHasOnlyTheRoot() =>
        Assert.Equal(["/sys/fs/cgroup"], CgroupParser.Ancestry("/sys/fs/cgroup", "/../../init.scope"));

    [Theory]
    [InlineData("150000", "100000", "1500")]
    [InlineData("150000\n", "100000\n", "1500")]
    [InlineData("200000", "100000", "2000")]
    [InlineData("33333", "100000", "333")] // 333.33 millicores: rounded down
    [InlineData("50000", "1000000", "50")]
    [InlineData("1000", "1000000", "1")]
    [InlineData("-1", "100000", "unlimited")]
    [InlineData("-1\n", null, "unlimited")]
    [InlineData("150000", null, "invalid")]
    [InlineData("0", "100000", "invalid")]
    [InlineData("-2", "100000", "invalid")]
    [InlineData("abc", "100000", "invalid")]
    [InlineData("150000", "0", "invalid")]
    [InlineData("", "100000", "invalid")]
    public void ParsesCfsQuotaAndPeriod(string quota, string? period, string expected) =>
        Assert.Equal(Expected(expected), CgroupParser.ParseCfs(quota, period));

    [Theory]
    [InlineData("max 100000\n", "unlimited")]
    [InlineData("max", "unlimited")]
    [InlineData("150000 100000\n", "1500")]
    [InlineData("400000 100000", "4000")]
    [InlineData("150000", "invalid")]
    [InlineData("max garbage", "invalid")]
    [InlineData("1.5 100000", "invalid")]
    [InlineData("150000 100000 7", "invalid")]
    [InlineData("", "invalid")]
    public void ParsesCpuMax(string text, string expected) =>
        Assert.Equal(Expected(expected), CgroupParser.ParseCpuMax(text));

    [Theory]
    [InlineData("536870912\n", "536870912")]
    [InlineData("9223372036854771712\n", "unlimited")] // 4 KiB pages
    [InlineData("9223372036854710272", "unlimited")] // 64 KiB pages
    [InlineData("18446744073709551615", "unlimited")] // written unsigned
    [InlineData("4611686018427387903", "4611686018427387903")] // just under 2^62
    [InlineData("0", "invalid")]
    [InlineData("-1", "invalid")]
    [InlineData("max", "invalid")]
    [InlineData("lots", "invalid")]
    public void ParsesMemoryLimitInBytes(string text, string expected) =>
        Assert.Equal(Expected(expected), CgroupParser.ParseMemoryLimitInBytes(text));

    [Theory]
    [InlineData("max\n", "unlimited")]
    [InlineData("1073741824\n", "1073741824")]
    [InlineData("1G", "invalid")]
    [InlineData("", "invalid")]
    public void ParsesMemoryMax(string text, string expected) =>
        Assert.Equal(Expected(expected), CgroupParser.ParseMemoryMax(text));

    [Fact]
    public void AQuotaOfManyCoresDoesNotOverflow() =>
        Assert.Equal(long.MaxValue / 2, CgroupParser.MilliCpus(long.MaxValue, 1));

    // "unlimited", "invalid", or the limit (millicores, bytes).
    private static ParsedLimit Expected(string text) => text switch
    {
        "unlimited" => ParsedLimit.Unlimited,
        "invalid" => ParsedLimit.Invalid,
        _ => ParsedLimit.Of(long.Parse(text, System.Globalization.CultureInfo.InvariantCulture)),
    };
}
