using OrleansMesos.Agent.Runtimes.Processes.Cgroups;

namespace OrleansMesos.Agent.Runtimes.Processes;

/// <summary>What the process runtime knows of one container beyond <see cref="RuntimeContainer"/>: for operators and tests.</summary>
/// <param name="RuntimeId">Its runtime id.</param>
/// <param name="Pid">Its main process (also its session and process group id); 0 when it never started.</param>
/// <param name="Sandbox">Its sandbox folder.</param>
/// <param name="WorkingDirectory">Its working directory (the sandbox unless the spec named another).</param>
/// <param name="StdoutPath">The file its stdout goes to.</param>
/// <param name="StderrPath">The file its stderr goes to.</param>
/// <param name="Cgroups">Its cgroups, and which limits are enforced (or why not).</param>
/// <param name="Adopted">True when this runtime instance did not start it (found after a restart): its exit status cannot be read.</param>
/// <param name="Running">Whether it is still running.</param>
public sealed record ProcessContainerInfo(
    string RuntimeId,
    int Pid,
    string Sandbox,
    string WorkingDirectory,
    string StdoutPath,
    string StderrPath,
    ContainerCgroups Cgroups,
    bool Adopted,
    bool Running);
