namespace OrleansMesos.Agent.Detection;

/// <summary>
/// The files detection reads (<c>/sys/fs/cgroup</c>, <c>/proc</c>) and the filesystem it sizes, behind one narrow
/// interface so that tests can point detection at a fake tree. Paths are absolute host paths; "not found" is a
/// value (null, false), not an exception.
/// </summary>
public interface IHostFileSystem
{
    /// <summary>Whether a file or directory exists at <paramref name="path"/>.</summary>
    bool Exists(string path);

    /// <summary>The whole text of a file; null when it does not exist. Other I/O failures throw <see cref="IOException"/>.</summary>
    Task<string?> ReadAllTextAsync(string path, CancellationToken cancellationToken);

    /// <summary>The size of the filesystem that holds <paramref name="path"/> (an existing path); null when it cannot be sized.</summary>
    Task<DiskSpace?> GetDiskSpaceAsync(string path, CancellationToken cancellationToken);
}

/// <summary>The size of one filesystem, as <c>statvfs</c> reports it.</summary>
/// <param name="TotalBytes">Its capacity.</param>
/// <param name="FreeBytes">What this process may still write to it.</param>
public readonly record struct DiskSpace(long TotalBytes, long FreeBytes);
