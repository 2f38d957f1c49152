using System.Globalization;
using OrleansMesos.Wire;

namespace OrleansMesos.ClientSample.Batch;

/// <summary>
/// What each task runs. By default a shell that sleeps a random moment and exits with the code the sample
/// chose for the attempt: 1 with probability <see cref="FailRate"/>, else 0 (the demo's failures). A given
/// command or image replaces the default; the variables below are passed to it all the same.
/// </summary>
/// <remarks>
/// Every container gets <c>OM_TASK</c> (the task's number), <c>OM_ATTEMPT</c> (from 1), <c>OM_SLEEP</c>
/// (seconds) and <c>OM_EXIT</c> (the chosen exit code). Chance comes from the given <see cref="Random"/>,
/// so a seeded run chooses the same.
/// </remarks>
internal sealed class Workload(WorkloadOptions options, Random random)
{
    /// <summary>The default script: sleep, then exit as chosen.</summary>
    public const string Script = "sleep \"$OM_SLEEP\"; exit \"$OM_EXIT\"";

    public double FailRate => options.FailRate;

    /// <summary>The container of one attempt of one task.</summary>
    public ContainerSpec Spec(LaunchTicket ticket, Resources resources)
    {
        var fail = options.FailRate > 0 && random.NextDouble() < options.FailRate;
        var sleep = Math.Round(random.NextDouble() * options.MaxSleep.TotalSeconds, 1);
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OM_TASK"] = ticket.Task.ToString(CultureInfo.InvariantCulture),
            ["OM_ATTEMPT"] = ticket.Attempt.ToString(CultureInfo.InvariantCulture),
            ["OM_SLEEP"] = sleep.ToString("0.0", CultureInfo.InvariantCulture),
            ["OM_EXIT"] = fail ? "1" : "0",
        };

        if (options.Image is { } image)
        {
            // A container gives an image or a command, not both: with an image, the command line is the image's cmd.
            string[] cmd = options.Command is { } command ? [command, .. options.Args] : ["sh", "-c", Script];
            return new ContainerSpec(ticket.Container, resources, Image: image, Args: cmd, Env: env);
        }

        return options.Command is { } program
            ? new ContainerSpec(ticket.Container, resources, Command: program, Args: [.. options.Args], Env: env)
            : new ContainerSpec(ticket.Container, resources, Command: "/bin/sh", Args: ["-c", Script], Env: env);
    }
}

/// <summary>What the tasks run: a command or an image, and the demo's chance of failure.</summary>
/// <param name="Command">The program to run (a native command, or the image's command line); null for the default script.</param>
/// <param name="Args">Its arguments.</param>
/// <param name="Image">A Docker image; null for a native process.</param>
/// <param name="FailRate">The probability, 0 to 1, that an attempt is told to fail (<c>OM_EXIT=1</c>).</param>
/// <param name="MaxSleep">The longest the default script sleeps.</param>
internal sealed record WorkloadOptions(string? Command, IReadOnlyList<string> Args, string? Image, double FailRate, TimeSpan MaxSleep);
