using OrleansMesos.Agent.Runtimes;

namespace OrleansMesos.Agent.Tests;

public sealed class ArchitectureTests
{
    // The agent stays out of the allocation engine: it runs containers, it does not decide where.
    [Fact]
    public void TheAgentDoesNotReferenceTheEngine() =>
        Assert.DoesNotContain(
            typeof(IContainerRuntime).Assembly.GetReferencedAssemblies(),
            a => a.Name == "OrleansMesos.Allocation");
}
