namespace OrleansMesos.Cli;

/// <summary>The process exit codes of <c>omctl</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Something unexpected failed, or the cluster could not be reached; a bug or the environment, not the input.</summary>
    public const int UnexpectedError = 1;

    /// <summary>The input was wrong: a bad command line, a bad scenario file, or a request the cluster refused (an unknown node, an invalid field).</summary>
    public const int InvalidInput = 2;
}
