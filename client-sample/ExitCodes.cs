namespace OrleansMesos.ClientSample;

/// <summary>The sample's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Every task succeeded.</summary>
    public const int Succeeded = 0;

    /// <summary>Some task did not succeed, the batch was stopped, or the cluster could not be reached.</summary>
    public const int NotAllSucceeded = 1;

    /// <summary>A bad command line.</summary>
    public const int InvalidInput = 2;
}
