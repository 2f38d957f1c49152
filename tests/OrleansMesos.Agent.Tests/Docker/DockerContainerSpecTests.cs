using OrleansMesos.Agent.Runtimes;
using OrleansMesos.Agent.Runtimes.Docker;

namespace OrleansMesos.Agent.Tests.Docker;

/// <summary>How a launch spec becomes the engine's create request (pure: no engine).</summary>
public sealed class DockerContainerSpecTests
{
    [Fact]
    public void LimitsBecomeNanoCpusAndMemoryWithNoSwapOnTop()
    {
        var spec = Launch.Spec("c", "img:1", "sh", limits: new Resources(1500, 256 * Resources.MiB));

        var host = DockerContainerSpec.Create(spec, "n", "none").HostConfig;

        Assert.Equal(1_500_000_000, host.NanoCPUs);
        Assert.Equal(256 * Resources.MiB, host.Memory);
        Assert.Equal(256 * Resources.MiB, host.MemorySwap);
        Assert.Equal("none", host.NetworkMode);
        Assert.Null(host.DeviceRequests);
    }

    [Fact]
    public void NoLimitsLeaveTheEngineDefaults()
    {
        var host = DockerContainerSpec.Create(Launch.Spec("c", "img", "sh"), "n", "host").HostConfig;

        Assert.Equal(0, host.NanoCPUs);
        Assert.Equal(0, host.Memory);
        Assert.Equal(0, host.MemorySwap);
        Assert.Equal("host", host.NetworkMode);
    }

    [Fact]
    public void GpusBecomeOneNvidiaDeviceRequestByUuid()
    {
        var spec = Launch.Spec("c", "img", "sh", gpus: ["GPU-aaaa", "GPU-bbbb"]);

        var request = Assert.Single(DockerContainerSpec.Create(spec, "n", "none").HostConfig.DeviceRequests);

        Assert.Equal("nvidia", request.Driver);
        Assert.Equal(["GPU-aaaa", "GPU-bbbb"], request.DeviceIDs);
        Assert.Equal(0, request.Count);
        Assert.Equal(["gpu"], Assert.Single(request.Capabilities));
    }

    [Fact]
    public void ACommandReplacesTheEntrypointAndTheArgumentsAreItsCmd()
    {
        var parameters = DockerContainerSpec.Create(Launch.Spec("c", "img", "/app/run", ["--fast", "x y"]), "n", "none");

        Assert.Equal(["/app/run"], parameters.Entrypoint);
        Assert.Equal(["--fast", "x y"], parameters.Cmd);
    }

    [Fact]
    public void ACommandWithoutArgumentsGetsAnEmptyCmdNotTheImages()
    {
        var parameters = DockerContainerSpec.Create(Launch.Spec("c", "img", "/app/run"), "n", "none");

        Assert.Equal(["/app/run"], parameters.Entrypoint);
        Assert.Empty(parameters.Cmd);
    }

    [Fact]
    public void WithoutACommandTheImageEntrypointStaysAndArgumentsReplaceItsCmd()
    {
        var withArgs = DockerContainerSpec.Create(Launch.Spec("c", "img", null, ["serve"]), "n", "none");
        var bare = DockerContainerSpec.Create(Launch.Spec("c", "img", null), "n", "none");

        Assert.Null(withArgs.Entrypoint);
        Assert.Equal(["serve"], withArgs.Cmd);
        Assert.Null(bare.Entrypoint);
        Assert.Null(bare.Cmd);
    }

    [Fact]
    public void EnvironmentWorkingDirectoryAndLabelsAreCarried()
    {
        var spec = Launch.Spec(
            "prod", "img", "sh",
            environment: new Dictionary<string, string> { ["A"] = "1", ["B"] = "x=y" },
            framework: "fw", container: "ct", workingDirectory: "/srv/app");

        var parameters = DockerContainerSpec.Create(spec, "n", "none");

        Assert.Equal(["A=1", "B=x=y"], parameters.Env.Order(StringComparer.Ordinal));
        Assert.Equal("/srv/app", parameters.WorkingDir);
        Assert.Equal(ContainerLabels.For(spec), parameters.Labels);
        Assert.Equal("img", parameters.Image);
        Assert.Equal("n", parameters.Name);
    }

    [Fact]
    public void ASpecWithoutAnImageIsRefused()
    {
        var error = Assert.Throws<RuntimeException>(() => DockerContainerSpec.Create(Launch.Spec("c", null, "sh"), "n", "none"));

        Assert.Contains("image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NamesAreSanitisedShortAndUnique()
    {
        var longId = new string('x', 128);
        var spec = Launch.Spec("cluster:eu", "img", "sh", framework: longId, container: "task:7");

        var name = DockerContainerSpec.Name(spec, "0a1b2c3d");

        Assert.Equal($"om-cluster_eu-{new string('x', 40)}-task_7-0a1b2c3d", name);
        Assert.Matches("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$", name);
        Assert.NotEqual(DockerContainerSpec.NewSuffix(), DockerContainerSpec.NewSuffix());
    }

    [Theory]
    [InlineData("busybox", "busybox", "latest")]
    [InlineData("busybox:1.36", "busybox", "1.36")]
    [InlineData("registry:5000/team/app", "registry:5000/team/app", "latest")]
    [InlineData("registry:5000/team/app:2", "registry:5000/team/app", "2")]
    [InlineData("app@sha256:abc", "app@sha256:abc", null)]
    public void ImageReferencesSplitIntoRepositoryAndTag(string image, string repository, string? tag) =>
        Assert.Equal((repository, tag), ImageReference.Split(image));

    [Theory]
    [InlineData(0, false, false, null)]
    [InlineData(3, false, false, null)]
    [InlineData(137, true, false, "out of memory")]
    [InlineData(137, true, true, "out of memory")]
    [InlineData(137, false, true, "killed after the stop grace period")]
    [InlineData(143, false, true, "stopped")]
    [InlineData(137, false, false, "killed by signal 9")]
    [InlineData(255, false, false, null)]
    public void ExitReasonsSayWhyInWords(int code, bool outOfMemory, bool stopRequested, string? reason) =>
        Assert.Equal(reason, DockerRuntime.ExitReason(code, outOfMemory, stopRequested));
}
