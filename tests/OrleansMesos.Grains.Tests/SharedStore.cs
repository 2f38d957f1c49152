using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansMesos.Grains.Options;

namespace OrleansMesos.Grains.Tests;

/// <summary>
/// Grain state and reminders kept outside every silo, as Redis keeps them, for tests that crash a silo. Orleans'
/// memory storage and memory reminders live in grains, which would die with the silo that held them.
/// </summary>
public sealed class SharedStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (byte[] Data, string ETag)> _states = [];
    private readonly ConcurrentDictionary<(GrainId Grain, string Name), ReminderEntry> _reminders = new();

    /// <summary>Makes a silo keep OrleansMesos state and reminders here.</summary>
    public void AddTo(ISiloBuilder silo)
    {
        silo.Services.AddKeyedSingleton<IGrainStorage>(OrleansMesosOptions.StorageName, (services, _) => new Storage(this, services.GetRequiredService<Serializer>()));
        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable>(new Reminders(this));
    }

    private sealed class Storage(SharedStore store, Serializer serializer) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            lock (store._gate)
            {
                var found = store._states.TryGetValue(Key(stateName, grainId), out var stored);
                grainState.State = found ? serializer.Deserialize<T>(stored.Data) : Activator.CreateInstance<T>();
                grainState.ETag = found ? stored.ETag : null;
                grainState.RecordExists = found;
            }

            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            lock (store._gate)
            {
                var key = Key(stateName, grainId);
                var current = store._states.TryGetValue(key, out var stored) ? stored.ETag : null;
                if (current != grainState.ETag)
                {
                    throw new InconsistentStateException($"{key} was written by another", current ?? "none", grainState.ETag ?? "none");
                }

                var etag = Guid.NewGuid().ToString("N");
                store._states[key] = (serializer.SerializeToArray(grainState.State), etag);
                grainState.ETag = etag;
                grainState.RecordExists = true;
            }

            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            lock (store._gate)
            {
                store._states.Remove(Key(stateName, grainId));
                grainState.State = Activator.CreateInstance<T>();
                grainState.ETag = null;
                grainState.RecordExists = false;
            }

            return Task.CompletedTask;
        }

        private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
    }

    // Entries are copied in and out: the reminder service keeps and changes the ones it reads.
    private sealed class Reminders(SharedStore store) : IReminderTable
    {
        public Task<ReminderTableData> ReadRows(GrainId grainId) =>
            Task.FromResult(new ReminderTableData(store._reminders.Values.Where(e => e.GrainId == grainId).Select(Copy).ToList()));

        // A ring range (begin, end], wrapping past the top; begin == end is the whole ring.
        public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
            Task.FromResult(new ReminderTableData(store._reminders.Values.Where(e => InRange(e.GrainId.GetUniformHashCode(), begin, end)).Select(Copy).ToList()));

        public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
            Task.FromResult(store._reminders.TryGetValue((grainId, reminderName), out var entry) ? Copy(entry) : null);

        public Task<string?> UpsertRow(ReminderEntry entry)
        {
            var stored = Copy(entry);
            stored.ETag = Guid.NewGuid().ToString("N");
            store._reminders[(entry.GrainId, entry.ReminderName)] = stored;
            return Task.FromResult<string?>(stored.ETag);
        }

        public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
            Task.FromResult(store._reminders.TryGetValue((grainId, reminderName), out var entry)
                && entry.ETag == eTag
                && store._reminders.TryRemove(new KeyValuePair<(GrainId, string), ReminderEntry>((grainId, reminderName), entry)));

        public Task TestOnlyClearTable()
        {
            store._reminders.Clear();
            return Task.CompletedTask;
        }

        private static bool InRange(uint hash, uint begin, uint end) =>
            begin < end ? hash > begin && hash <= end : begin == end || hash > begin || hash <= end;

        private static ReminderEntry Copy(ReminderEntry entry) => new()
        {
            GrainId = entry.GrainId,
            ReminderName = entry.ReminderName,
            StartAt = entry.StartAt,
            Period = entry.Period,
            ETag = entry.ETag,
        };
    }
}
