using System.Globalization;
using Orleans.Runtime;
using Orleans.Storage;

namespace OrleansMesos.Benchmarks.Cluster;

/// <summary>
/// A diagnostic grain storage that keeps nothing: reads find no record, writes only move the ETag. With it
/// the workload shows what the grains' messages and logic cost without persistence (nothing survives a
/// reactivation, so it is no configuration to run a cluster with).
/// </summary>
internal sealed class NullGrainStorage(StateMeter? meter) : IGrainStorage
{
    private long _etag;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        meter?.Add(typeof(T), 0, 0);
        grainState.ETag = Interlocked.Increment(ref _etag).ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
