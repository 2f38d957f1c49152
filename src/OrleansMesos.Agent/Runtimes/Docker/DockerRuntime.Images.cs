namespace OrleansMesos.Agent.Runtimes.Docker;

public sealed partial class DockerRuntime
{
    // The pull policy: IfNotPresent looks first, Always pulls, Never only looks (and so works offline).
    private async Task EnsureImageAsync(string image, CancellationToken cancellationToken)
    {
        var policy = _options.PullPolicy;
        if (policy != ImagePullPolicy.Always
            && await Engine(() => _docker.ImageExistsAsync(image, cancellationToken), $"look up image '{image}'").ConfigureAwait(false))
        {
            return;
        }

        if (policy == ImagePullPolicy.Never)
        {
            throw new RuntimeException($"image '{image}' is not on this host and the pull policy is {nameof(ImagePullPolicy.Never)}");
        }

        LogPulling(_logger, image, policy);
        await Engine(
            async () =>
            {
                await _docker.PullImageAsync(image, cancellationToken).ConfigureAwait(false);
                return true;
            },
            $"pull image '{image}'").ConfigureAwait(false);
        if (!await Engine(() => _docker.ImageExistsAsync(image, cancellationToken), $"look up image '{image}'").ConfigureAwait(false))
        {
            throw new RuntimeException($"image '{image}' is not on this host after pulling it");
        }
    }
}
