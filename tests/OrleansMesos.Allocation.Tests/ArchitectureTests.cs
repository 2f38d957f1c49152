using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace OrleansMesos.Allocation.Tests;

public sealed class ArchitectureTests
{
    // The engine stays free of Orleans and I/O: it may reference the base library's runtime, collections,
    // LINQ and text encoding, and the abstractions; anything else (Orleans, networking, files, processes)
    // fails here.
    [Fact]
    public void TheEngineReferencesNoOrleansAndNoIo()
    {
        string[] allowed = ["System.Runtime", "System.Collections", "System.Linq", "System.Memory", "System.Text.Encoding.Extensions", "OrleansMesos.Abstractions"];
        var references = typeof(AllocationEngine).Assembly.GetReferencedAssemblies().Select(a => a.Name!);

        Assert.Empty(references.Except(allowed));

        // The abstractions may carry Orleans' serialization attributes (metadata only: no runtime, no I/O).
        string[] abstractionsAllowed = [.. allowed, "Orleans.Serialization.Abstractions"];
        Assert.Empty(typeof(Resources).Assembly.GetReferencedAssemblies().Select(a => a.Name!).Except(abstractionsAllowed));
    }

    // Time comes only from the injected TimeProvider: no member of the engine's assembly refers to the
    // wall clock or a stopwatch directly.
    [Fact]
    public void TheEngineReadsNoClock_OnlyItsTimeProvider()
    {
        using var stream = File.OpenRead(typeof(AllocationEngine).Assembly.Location);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var used = md.MemberReferences
            .Select(h => md.GetMemberReference(h))
            .Where(m => m.Parent.Kind == HandleKind.TypeReference)
            .Select(m => md.GetString(md.GetTypeReference((TypeReferenceHandle)m.Parent).Name) + "." + md.GetString(m.Name))
            .ToHashSet();

        Assert.Contains("TimeProvider.GetTimestamp", used);
        string[] clocks = ["DateTime.get_Now", "DateTime.get_UtcNow", "DateTimeOffset.get_Now", "DateTimeOffset.get_UtcNow", "Stopwatch.GetTimestamp", "Stopwatch.StartNew", "Environment.get_TickCount64"];
        Assert.Empty(clocks.Intersect(used));
    }
}
