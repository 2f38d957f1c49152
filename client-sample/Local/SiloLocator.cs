namespace OrleansMesos.ClientSample.Local;

/// <summary>
/// Finds the omsilo the local mode runs: the one built beside this sample, in <c>silo/bin/</c> under the same
/// configuration and framework folders as the sample's own output (<c>client-sample/bin/Debug/net10.0/</c> runs
/// <c>silo/bin/Debug/net10.0/omsilo.dll</c>). The repository root is the folder above that holds the solution.
/// </summary>
internal static class SiloLocator
{
    public const string SolutionFile = "OrleansMesos.sln";

    public const string SiloAssembly = "omsilo.dll";

    /// <summary>The omsilo.dll for a sample running from <paramref name="baseDirectory"/>.</summary>
    /// <exception cref="LocalClusterException">No repository root above, or no omsilo built there; the message says how to build it.</exception>
    public static string Find(string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var here = Path.TrimEndingDirectorySeparator(Path.GetFullPath(baseDirectory));
        var root = new DirectoryInfo(here);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, SolutionFile)))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new LocalClusterException(
                $"the repository root (the folder holding {SolutionFile}) is not above {here}; run the sample from the repository, or give --silo-dll");
        }

        var outputs = OutputFolders(root.FullName, here);
        var dll = Path.Combine(root.FullName, "silo", "bin", outputs, SiloAssembly);
        if (!File.Exists(dll))
        {
            var configuration = outputs.Split(Path.DirectorySeparatorChar)[0];
            throw new LocalClusterException(
                $"omsilo is not built: {Path.Combine("silo", "bin", outputs, SiloAssembly)} is missing under {root.FullName}; build it with `dotnet build silo -c {configuration}` (or give --silo-dll)");
        }

        return dll;
    }

    /// <summary>
    /// The folders below <c>bin/</c> of this build: <c>Debug/net10.0</c> (and a runtime folder where there is one).
    /// A sample run from elsewhere (copied beside tests) takes the configuration and framework of its own folder.
    /// </summary>
    private static string OutputFolders(string root, string here)
    {
        var relative = Path.GetRelativePath(Path.Combine(root, "client-sample", "bin"), here);
        if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative) && relative != ".")
        {
            return relative;
        }

        var framework = new DirectoryInfo(here);
        return framework.Parent is { } configuration ? Path.Combine(configuration.Name, framework.Name) : framework.Name;
    }
}
