using OrleansMesos.ClientSample.Local;

namespace OrleansMesos.Sample.Tests.Local;

/// <summary>Finding the omsilo the local mode runs, and saying clearly when it is not there.</summary>
public sealed class SiloLocatorTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "om-sample-locator", Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void TheSiloOfTheSameConfiguration_IsFound()
    {
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(_root).FullName, SiloLocator.SolutionFile), string.Empty);
        var release = Built(Path.Combine("silo", "bin", "Release", "net10.0"));
        _ = Built(Path.Combine("silo", "bin", "Debug", "net10.0"));

        Assert.Equal(release, SiloLocator.Find(Path.Combine(_root, "client-sample", "bin", "Release", "net10.0") + Path.DirectorySeparatorChar));
    }

    [Fact]
    public void ASampleCopiedElsewhere_TakesTheConfigurationOfItsOwnFolder()
    {
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(_root).FullName, SiloLocator.SolutionFile), string.Empty);
        var debug = Built(Path.Combine("silo", "bin", "Debug", "net10.0"));

        Assert.Equal(debug, SiloLocator.Find(Path.Combine(_root, "tests", "Some.Tests", "bin", "Debug", "net10.0")));
    }

    [Fact]
    public void AnUnbuiltSilo_IsReported_WithTheCommandThatBuildsIt()
    {
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(_root).FullName, SiloLocator.SolutionFile), string.Empty);

        var error = Assert.Throws<LocalClusterException>(() => SiloLocator.Find(Path.Combine(_root, "client-sample", "bin", "Release", "net10.0")));

        Assert.Contains(Path.Combine("silo", "bin", "Release", "net10.0", "omsilo.dll") + " is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("`dotnet build silo -c Release`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoRepositoryAbove_IsReported()
    {
        var error = Assert.Throws<LocalClusterException>(() => SiloLocator.Find(Directory.CreateDirectory(Path.Combine(_root, "bin", "Debug", "net10.0")).FullName));

        Assert.Contains("the repository root (the folder holding OrleansMesos.sln) is not above", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private string Built(string folder)
    {
        var dll = Path.Combine(Directory.CreateDirectory(Path.Combine(_root, folder)).FullName, SiloLocator.SiloAssembly);
        File.WriteAllText(dll, string.Empty);
        return dll;
    }
}
