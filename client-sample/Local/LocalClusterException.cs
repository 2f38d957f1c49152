namespace OrleansMesos.ClientSample.Local;

/// <summary>The local cluster could not be found, started or reached; the message says what to do.</summary>
internal sealed class LocalClusterException(string message) : Exception(message);
