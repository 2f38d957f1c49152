namespace OrleansMesos.Agent.Detection;

/// <summary>
/// The real <see cref="IHostFileSystem"/>. Every path is taken under <see cref="Root"/>, which is <c>/</c> on a host
/// and a temporary directory holding a fake <c>sys/</c> and <c>proc/</c> tree in tests.
/// </summary>
/// <param name="root">The directory that stands for <c>/</c>.</param>
public sealed class HostFileSystem(string root = "/") : IHostFileSystem
{
    /// <summary>The directory that stands for <c>/</c>.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <inheritdoc />
    public bool Exists(string path)
    {
        var mapped = Map(path);
        return File.Exists(mapped) || Directory.Exists(mapped);
    }

    /// <inheritdoc />
    public async Task<string?> ReadAllTextAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(Map(path), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public Task<DiskSpace?> GetDiskSpaceAsync(string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // On Unix a DriveInfo may name any path: its sizes come from statvfs of that path.
            var drive = new DriveInfo(Map(path));
            return Task.FromResult<DiskSpace?>(new DiskSpace(drive.TotalSize, drive.AvailableFreeSpace));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return Task.FromResult<DiskSpace?>(null);
        }
    }

    // Path.Join, not Path.Combine: Combine drops the root when the second path is absolute.
    private string Map(string path) => Root == "/" ? path : Path.Join(Root, path);
}
