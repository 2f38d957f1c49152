using Microsoft.Extensions.Options;

namespace OrleansMesos.Agent.Runtimes.Docker;

/// <summary>Checks <see cref="DockerRuntimeOptions"/> once, before the runtime is built.</summary>
public sealed class DockerRuntimeOptionsValidator : IValidateOptions<DockerRuntimeOptions>
{
    /// <summary>The longest log tail kept: the tail travels in status updates.</summary>
    public const int MaxLogTailLines = 1000;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DockerRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Endpoint is not null && !DockerEndpoint.TryParse(options.Endpoint, out _))
        {
            failures.Add($"{nameof(options.Endpoint)} '{options.Endpoint}' is not unix:///path, tcp://host:port, http(s):// or npipe://");
        }

        if (!Enum.IsDefined(options.PullPolicy))
        {
            failures.Add($"{nameof(options.PullPolicy)} {(int)options.PullPolicy} is not a pull policy");
        }

        if (string.IsNullOrWhiteSpace(options.NetworkMode))
        {
            failures.Add($"{nameof(options.NetworkMode)} must name a network mode (none, host, bridge or a network)");
        }

        if (options.PingTimeout <= TimeSpan.Zero || options.PingTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{nameof(options.PingTimeout)} must be above zero and at most one minute, not {options.PingTimeout}");
        }

        if (options.LogTailLines is < 0 or > MaxLogTailLines)
        {
            failures.Add($"{nameof(options.LogTailLines)} must be 0 to {MaxLogTailLines}, not {options.LogTailLines}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
