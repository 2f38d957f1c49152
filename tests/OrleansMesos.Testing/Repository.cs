namespace OrleansMesos.Testing;

/// <summary>The checkout the tests run from.</summary>
public static class Repository
{
    /// <summary>The folder holding OrleansMesos.sln, found above the test's output folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests run in (they run from bin/&lt;configuration&gt;/net10.0).</summary>
    public static string Configuration { get; } =
        Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!;

    /// <summary>A file of the repository's examples folder.</summary>
    public static string Example(string name) => Path.Combine(Root, "examples", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansMesos.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("OrleansMesos.sln not found above the test's output folder");
    }
}
