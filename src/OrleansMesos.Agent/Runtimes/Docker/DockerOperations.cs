using System.Globalization;
using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace OrleansMesos.Agent.Runtimes.Docker;

/// <summary><see cref="IDockerOperations"/> through Docker.DotNet.</summary>
internal sealed class DockerOperations : IDockerOperations, IDisposable
{
    // How many lines of the log are read to find its tail: stderr's last lines behind at most this much stdout.
    private const int LogScanLines = 2000;

    private readonly DockerClient _client;

    public DockerOperations(Uri endpoint)
    {
        Endpoint = endpoint;
        using var configuration = new DockerClientConfiguration(endpoint);
        _client = configuration.CreateClient();
    }

    public Uri Endpoint { get; }

    public Task PingAsync(CancellationToken cancellationToken) => _client.System.PingAsync(cancellationToken);

    public async Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Images.InspectImageAsync(image, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task PullImageAsync(string image, CancellationToken cancellationToken)
    {
        var (repository, tag) = ImageReference.Split(image);
        string? error = null;
        var progress = new Progress(message => error ??= message.ErrorMessage ?? message.Error?.Message);
        await _client.Images.CreateImageAsync(
            new ImagesCreateParameters { FromImage = repository, Tag = tag },
            authConfig: null,
            progress,
            cancellationToken).ConfigureAwait(false);

        // The engine reports most pull failures inside the progress stream, after a 200.
        if (!string.IsNullOrEmpty(error))
        {
            throw new DockerApiException(HttpStatusCode.InternalServerError, error);
        }
    }

    public async Task<string> CreateContainerAsync(CreateContainerParameters parameters, CancellationToken cancellationToken)
    {
        var response = await _client.Containers.CreateContainerAsync(parameters, cancellationToken).ConfigureAwait(false);
        return response.ID;
    }

    public async Task<bool> StartContainerAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            // False from Docker.DotNet means "already started" (304): started either way.
            await _client.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerContainerNotFoundException)
        {
            return false;
        }
    }

    public async Task<long?> WaitContainerAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.Containers.WaitContainerAsync(id, cancellationToken).ConfigureAwait(false);
            return response.StatusCode;
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    public async Task<ContainerInspectResponse?> InspectContainerAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.Containers.InspectContainerAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    public async Task<bool> StopContainerAsync(string id, TimeSpan grace, CancellationToken cancellationToken)
    {
        var seconds = (uint)Math.Clamp(Math.Ceiling(grace.TotalSeconds), 0, uint.MaxValue);
        try
        {
            // False from Docker.DotNet means "not running" (304): nothing to stop.
            await _client.Containers.StopContainerAsync(id, new ContainerStopParameters { WaitBeforeKillSeconds = seconds }, cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (DockerContainerNotFoundException)
        {
            return false;
        }
    }

    public async Task<bool> RemoveContainerAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (DockerContainerNotFoundException)
        {
            return false;
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict && e.ResponseBody.Contains("already in progress", StringComparison.Ordinal))
        {
            // Another caller is removing it: it is going either way.
            return true;
        }
    }

    public Task<IList<ContainerListResponse>> ListContainersAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var filter = labels.ToDictionary(l => $"{l.Key}={l.Value}", _ => true);
        return _client.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = filter },
            },
            cancellationToken);
    }

    public async Task<string?> GetLogTailAsync(string id, int lines, CancellationToken cancellationToken)
    {
        MultiplexedStream log;
        try
        {
            log = await _client.Containers.GetContainerLogsAsync(
                id,
                tty: false,
                new ContainerLogsParameters
                {
                    ShowStdout = true,
                    ShowStderr = true,
                    Follow = false,
                    Timestamps = true,

                    // Longer than the tail, so that stderr's last lines are found behind a flood on stdout (see LogTail).
                    Tail = Math.Max(lines, LogScanLines).ToString(CultureInfo.InvariantCulture),
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }

        using (log)
        {
            // Frames carry an 8-byte header naming their stream; ReadOutputAsync strips it and says which stream.
            var tail = new LogTail(lines);
            var buffer = new byte[16 * 1024];
            while (true)
            {
                var read = await log.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                if (read.EOF)
                {
                    return tail.ToString();
                }

                tail.Append(read.Target == MultiplexedStream.TargetStream.StandardError ? LogStream.Stderr : LogStream.Stdout, buffer.AsSpan(0, read.Count));
            }
        }
    }

    public void Dispose() => _client.Dispose();

    private sealed class Progress(Action<JSONMessage> report) : IProgress<JSONMessage>
    {
        public void Report(JSONMessage value) => report(value);
    }
}
