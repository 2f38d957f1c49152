using OrleansMesos.Allocation.Internal;
using OrleansMesos.Errors;

namespace OrleansMesos.Allocation;

/// <summary>
/// The allocation engine: two-level weighted Dominant Resource Fairness with quota (guarantees and
/// limits), decline filters, suppress and revive, a GPU guard, and first-fit placement. Plain C#:
/// no Orleans, no I/O, time from a <see cref="TimeProvider"/>. Not thread-safe; the owner
/// (a grain, the CLI, a benchmark) serialises calls.
/// </summary>
/// <remarks>
/// <para>Grants go, one task at a time, to the framework with the lowest dominant share within the
/// role with the lowest weighted dominant share, among those that have a task that fits a free node.
/// Roles below their guarantee are served first (stage 1); fair sharing (stage 2) holds back enough
/// free resources to meet the guarantees still unmet, and never takes a role past its limit.</para>
/// <para>The work of one grant is logarithmic: frameworks and roles sit in indexed heaps keyed by
/// share, and free capacity in a max-tree over nodes that finds the first fitting node without a scan.</para>
/// </remarks>
public sealed partial class AllocationEngine
{
    private readonly AllocationOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _tieBreaks;

    /// <summary>Creates an empty engine.</summary>
    /// <exception cref="InvalidFieldException">The options are invalid.</exception>
    public AllocationEngine(AllocationOptions? options = null, TimeProvider? time = null)
    {
        _options = options ?? AllocationOptions.Default;
        _options.Validate();
        _time = time ?? TimeProvider.System;
        _tieBreaks = new Random(_options.Seed);
        _gpuPool = new FitIndex();
        _cpuPool = new FitIndex();
    }

    /// <summary>The options the engine runs with.</summary>
    public AllocationOptions Options => _options;
}
