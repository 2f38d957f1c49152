namespace OrleansMesos.Errors;

/// <summary>
/// Base of every error OrleansMesos raises on purpose. <see cref="Code"/> is stable and meant for
/// programs (the CLI's exit codes, clients that retry); the message is meant for people.
/// </summary>
[GenerateSerializer, Alias("om.OrleansMesosException")]
public abstract class OrleansMesosException : Exception
{
    /// <summary>Creates the error.</summary>
    protected OrleansMesosException(string message, Exception? inner = null) : base(message, inner)
    {
    }

    /// <summary>A stable, machine-readable name of the kind of error.</summary>
    public abstract string Code { get; }

    /// <summary>
    /// True when the same call may succeed if made again (nothing was refused for good: the state store did not
    /// take a write); false for a refusal that a retry would meet again.
    /// </summary>
    public virtual bool MayPass => false;
}
