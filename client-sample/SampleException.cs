namespace OrleansMesos.ClientSample;

/// <summary>The sample cannot go on (the cluster cannot be reached); the message says why and what to do.</summary>
internal sealed class SampleException(string message) : Exception(message);
