using System.Runtime.Versioning;
using Microsoft.Extensions.Options;
using OrleansMesos.Agent.Runtimes;
using OrleansMesos.Agent.Runtimes.Processes;
using Orleans.Runtime;

namespace OrleansMesos.Agent.Tests.Processes;

[SupportedOSPlatform("linux")]
public sealed class LaunchCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("om-launch-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AProgramIsFoundInPathInOrderSkippingWhatCannotRun()
    {
        var first = Directory.CreateDirectory(Path.Combine(_dir, "first")).FullName;
        var second = Directory.CreateDirectory(Path.Combine(_dir, "second")).FullName;
        File.WriteAllText(Path.Combine(first, "tool"), "");
        File.WriteAllText(Path.Combine(second, "tool"), "");
        File.SetUnixFileMode(Path.Combine(second, "tool"), UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var found = LaunchCommand.ResolveProgram("tool", $"relative/dir:{first}:{second}", "/");

        Assert.Equal(Path.Combine(second, "tool"), found);
    }

    [Fact]
    public void AProgramInPathThatCannotRunIsNamedInTheError()
    {
        var only = Directory.CreateDirectory(Path.Combine(_dir, "only")).FullName;
        File.WriteAllText(Path.Combine(only, "tool"), "");

        var e = Assert.Throws<RuntimeException>(() => LaunchCommand.ResolveProgram("tool", only, "/"));

        Assert.Equal($"cannot start 'tool': {only}/tool is not executable", e.Message);
    }

    [Fact]
    public void APathWithASlashIsRelativeToTheWorkingDirectory()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "bin"));
        var tool = Path.Combine(_dir, "bin", "run.sh");
        File.WriteAllText(tool, "");
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        Assert.Equal(tool, LaunchCommand.ResolveProgram("./bin/run.sh", "/nowhere", _dir));
        Assert.Equal(tool, LaunchCommand.ResolveProgram(tool, "", "/"));
    }

    [Fact]
    public void TheStartRunsTheWrapperUnderSetsidWithExactlyTheEnvironment()
    {
        var options = new ProcessRuntimeOptions();
        var environment = new Dictionary<string, string> { ["A"] = "1" };

        var start = LaunchCommand.StartInfo(options, "/bin/prog", ["x", "y z"], environment, "/srv/job", "/sb/stdout", "/sb/stderr", ["/cg/cpu/g", "/cg/memory/g"]);

        Assert.Equal("/usr/bin/setsid", start.FileName);
        Assert.Equal(
            ["/bin/sh", "-c", LaunchCommand.WrapperScript, "orleansmesos-launch", "/sb/stdout", "/sb/stderr", "2", "/cg/cpu/g/cgroup.procs", "/cg/memory/g/cgroup.procs", "/bin/prog", "x", "y z"],
            start.ArgumentList);
        Assert.Equal(["A=1"], start.Environment.Select(e => $"{e.Key}={e.Value}"));
        Assert.Equal("/srv/job", start.WorkingDirectory);
        Assert.False(start.UseShellExecute);
    }

    [Fact]
    public void WithoutGpusCudaSeesNone()
    {
        var spec = new LaunchSpec("c", new NodeId("n"), new FrameworkId("f"), new ContainerId("t"), null, "x", [], new Dictionary<string, string>(), Resources.Zero, []);

        var environment = LaunchCommand.Environment(spec, "/bin", "/sandbox");

        Assert.Equal("", environment["CUDA_VISIBLE_DEVICES"]);
        Assert.Equal("void", environment["NVIDIA_VISIBLE_DEVICES"]);
        Assert.Equal("/sandbox", environment["HOME"]);
        Assert.Equal("/bin", environment["PATH"]);
    }

    [Fact]
    public void TheDefaultOptionsAreValid() =>
        new ProcessRuntimeOptionsValidator(Options.Create(new ProcessRuntimeOptions())).ValidateConfiguration();

    [Theory]
    [InlineData("RootDirectory", "relative/root")]
    [InlineData("CgroupParent", "../escape")]
    [InlineData("CgroupParent", "/absolute")]
    [InlineData("CgroupParent", "")]
    [InlineData("ShellPath", "sh")]
    public void SettingsThatCannotWorkAreRefusedByName(string setting, string value)
    {
        var options = new ProcessRuntimeOptions();
        typeof(ProcessRuntimeOptions).GetProperty(setting)!.SetValue(options, value);

        var e = Assert.Throws<OrleansConfigurationException>(() => new ProcessRuntimeOptionsValidator(Options.Create(options)).ValidateConfiguration());

        Assert.StartsWith($"ProcessRuntimeOptions.{setting} ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANestedCgroupParentIsValid() => Assert.True(ProcessRuntimeOptionsValidator.IsCgroupParent("system.slice/orleansmesos"));
}
