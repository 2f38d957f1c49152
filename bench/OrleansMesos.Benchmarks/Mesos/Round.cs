namespace OrleansMesos.Benchmarks.Mesos;

/// <summary>One timed allocation cycle of a workload.</summary>
/// <param name="Index">The round, from 0.</param>
/// <param name="Cycle">The time of the allocation cycle (<c>Allocate()</c>), the figure Mesos prints.</param>
/// <param name="Declines">The untimed-by-Mesos step before it: declining the previous round's grants.</param>
/// <param name="Grants">Grants made (Mesos: offers made).</param>
/// <param name="Filters">Filters in place before the cycle (DeclineOffers) or frameworks suppressed (SuppressOffers).</param>
/// <param name="Collections">Garbage collections (any generation) that ran during the cycle.</param>
/// <param name="AfterFastForward">True for cycles timed after the remaining filters were put in place directly.</param>
internal readonly record struct Round(int Index, TimeSpan Cycle, TimeSpan Declines, int Grants, long Filters, int Collections, bool AfterFastForward = false);
