using Microsoft.Extensions.Options;
using OrleansMesos.Agent.Runtimes.Docker;

namespace OrleansMesos.Agent.Tests.Docker;

/// <summary>Where the runtime finds the engine, and which options it accepts.</summary>
public sealed class DockerEndpointTests
{
    [Fact]
    public void ConfiguredBeatsDockerHostBeatsTheDefaultSocket()
    {
        Assert.Equal(new Uri("tcp://engine:2375"), DockerEndpoint.Resolve("tcp://engine:2375", "unix:///run/other.sock"));
        Assert.Equal(new Uri("unix:///run/other.sock"), DockerEndpoint.Resolve(null, "unix:///run/other.sock"));
        Assert.Equal(new Uri(DockerRuntimeOptions.DefaultEndpoint), DockerEndpoint.Resolve(null, "  "));
    }

    [Theory]
    [InlineData("unix:///var/run/docker.sock", true)]
    [InlineData("tcp://127.0.0.1:2375", true)]
    [InlineData("https://engine:2376", true)]
    [InlineData("npipe://./pipe/docker_engine", true)]
    [InlineData("unix://", false)]
    [InlineData("ssh://user@host", false)]
    [InlineData("/var/run/docker.sock", false)]
    [InlineData("", false)]
    public void EndpointsAreParsed(string text, bool valid) => Assert.Equal(valid, DockerEndpoint.TryParse(text, out _));

    [Fact]
    public void AnUnusableEndpointIsRefusedNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => DockerEndpoint.Resolve("ssh://host", null));

        Assert.Contains("ssh://host", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultOptionsAreValid() =>
        Assert.True(new DockerRuntimeOptionsValidator().Validate(null, new DockerRuntimeOptions()).Succeeded);

    [Fact]
    public void OutOfRangeOptionsAreRefusedEachNamed()
    {
        var options = new DockerRuntimeOptions
        {
            Endpoint = "ftp://x",
            PullPolicy = (ImagePullPolicy)9,
            NetworkMode = " ",
            PingTimeout = TimeSpan.Zero,
            LogTailLines = -1,
        };

        var result = new DockerRuntimeOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(5, result.Failures!.Count());
        Assert.Throws<OptionsValidationException>(() => DockerEngine.Create(options));
    }
}
