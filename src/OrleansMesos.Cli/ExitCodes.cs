namespace OrleansMesos.Cli;

/// <summary>The process exit codes of <c>omctl</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Something unexpected failed; a bug or the environment, not the input.</summary>
    public const int UnexpectedError = 1;

    /// <summary>The input was wrong: a bad command line or a bad scenario file.</summary>
    public const int InvalidInput = 2;
}
