using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansMesos.Agent.Runtimes;
using OrleansMesos.Agent.Runtimes.Docker;

namespace OrleansMesos.Agent.Tests.Docker;

/// <summary>
/// The real Docker engine the tests run against: the one <c>DOCKER_HOST</c> names (./test.sh starts a private one and
/// imports <see cref="Image"/> into it). Without an engine the tests fail saying why, unless
/// <c>ORLEANSMESOS_NO_DOCKER=1</c> was set on purpose: then they are skipped.
/// </summary>
public sealed class DockerEngine : IAsyncLifetime
{
    /// <summary>Set to 1 to skip the engine's tests on purpose.</summary>
    public const string NoDockerVariable = "ORLEANSMESOS_NO_DOCKER";

    /// <summary>The image the tests run; ./test.sh builds it from busybox.</summary>
    public const string ImageVariable = "ORLEANSMESOS_TEST_IMAGE";

    /// <summary>Why ./test.sh could not start an engine, when it could not.</summary>
    public const string UnavailableVariable = "ORLEANSMESOS_DOCKER_UNAVAILABLE";

    private const string DefaultImage = "orleansmesos-busybox:test";

    private string? _missing;

    /// <summary>The busybox image.</summary>
    public string Image { get; } = Environment.GetEnvironmentVariable(ImageVariable) is { Length: > 0 } image ? image : DefaultImage;

    /// <summary>The runtime under test, with default options.</summary>
    public DockerRuntime Runtime { get; } = Create(new DockerRuntimeOptions());

    /// <summary>A runtime with other options, against the same engine unless they name another.</summary>
    public static DockerRuntime Create(DockerRuntimeOptions options) =>
        new(Options.Create(options), NullLogger<DockerRuntime>.Instance);

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(NoDockerVariable) == "1")
        {
            return;
        }

        var why = Environment.GetEnvironmentVariable(UnavailableVariable);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        if (!await Runtime.IsAvailableAsync(timeout.Token))
        {
            _missing = $"no Docker engine answers at {Runtime.Endpoint}"
                + (string.IsNullOrEmpty(why) ? " (run ./test.sh, which starts one, or set DOCKER_HOST)" : $": {why}");
            return;
        }

        // Never pulls: the image must be there, and a start tells whether it is.
        var probe = Create(new DockerRuntimeOptions { PullPolicy = ImagePullPolicy.Never });
        try
        {
            var id = await probe.StartAsync(Launch.Spec($"probe-{Guid.NewGuid():N}"[..18], Image, "true"), timeout.Token);
            await probe.RemoveAsync(id, timeout.Token);
        }
        catch (RuntimeException e)
        {
            _missing = $"the engine at {Runtime.Endpoint} cannot run the test image {Image} ({e.Message}); ./test.sh imports it";
        }
        finally
        {
            probe.Dispose();
        }
    }

    /// <summary>Skips the calling test when Docker was turned off on purpose; fails it, saying why, when there is no engine.</summary>
    public void Require()
    {
        Assert.SkipWhen(
            Environment.GetEnvironmentVariable(NoDockerVariable) == "1",
            $"{NoDockerVariable}=1: the Docker engine tests were turned off on purpose");
        if (_missing is not null)
        {
            Assert.Fail($"{_missing}. Set {NoDockerVariable}=1 to skip the Docker tests on purpose.");
        }
    }

    public ValueTask DisposeAsync()
    {
        Runtime.Dispose();
        return ValueTask.CompletedTask;
    }
}
