using System.Text.Json;

namespace OrleansMesos.Agent.Runtimes.Processes;

/// <summary>
/// The runtime root on disk: <c>&lt;root&gt;/containers/&lt;runtime id&gt;/</c> holds <c>container.json</c> and the
/// <c>sandbox/</c>. Records are replaced whole (written aside, then renamed over), so a reader never sees half of one.
/// </summary>
internal sealed class ContainerStore(string root)
{
    private const string RecordFile = "container.json";

    /// <summary>Where the containers' folders are.</summary>
    public string ContainersDirectory { get; } = Path.Combine(root, "containers");

    /// <summary>The folder of one container.</summary>
    public string DirectoryOf(string runtimeId) => Path.Combine(ContainersDirectory, runtimeId);

    /// <summary>The sandbox of one container: its default working directory, with its <c>stdout</c> and <c>stderr</c>.</summary>
    public string SandboxOf(string runtimeId) => Path.Combine(DirectoryOf(runtimeId), "sandbox");

    /// <summary>Writes <paramref name="record"/>, replacing the one before.</summary>
    public void Write(ContainerRecord record)
    {
        var path = Path.Combine(DirectoryOf(record.RuntimeId), RecordFile);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(record, ContainerRecordJson.Default.ContainerRecord));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The record of <paramref name="runtimeId"/>; null when there is none (or not a readable one).</summary>
    public ContainerRecord? Read(string runtimeId)
    {
        try
        {
            var record = JsonSerializer.Deserialize(
                File.ReadAllBytes(Path.Combine(DirectoryOf(runtimeId), RecordFile)),
                ContainerRecordJson.Default.ContainerRecord);
            return record is { Version: ContainerRecord.CurrentVersion } && record.RuntimeId == runtimeId ? record : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The runtime ids of every container folder in the root.</summary>
    public IEnumerable<string> RuntimeIds()
    {
        try
        {
            return [.. Directory.EnumerateDirectories(ContainersDirectory).Select(Path.GetFileName).OfType<string>()];
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }

    /// <summary>Deletes the folder of <paramref name="runtimeId"/>: its record and its sandbox.</summary>
    public void Delete(string runtimeId)
    {
        try
        {
            Directory.Delete(DirectoryOf(runtimeId), recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
