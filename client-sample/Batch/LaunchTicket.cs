namespace OrleansMesos.ClientSample.Batch;

/// <summary>One task taken for a lease: the container id it launches under and which attempt this is (from 1).</summary>
internal readonly record struct LaunchTicket(int Task, ContainerId Container, int Attempt);
