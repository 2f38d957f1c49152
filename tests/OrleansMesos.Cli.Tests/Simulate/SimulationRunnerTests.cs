using OrleansMesos.Cli.Simulate;

using OrleansMesos.Testing;

namespace OrleansMesos.Cli.Tests.Simulate;

public sealed class SimulationRunnerTests
{
    // Ghodsi et al., NSDI 2011, section 4: one node <9 CPUs, 18 GiB>; A's tasks are <1 CPU, 4 GiB>,
    // B's <3 CPUs, 1 GiB>. DRF gives A three tasks (memory 12/18 = 2/3) and B two (cpus 6/9 = 2/3).
    [Fact]
    public void DrfPaperExample_GivesAThreeTasks_AndBTwo_BothAtTwoThirds()
    {
        var result = SimulationRunner.Run(ScenarioLoader.Load(Repository.Example("drf-paper.json")));

        Assert.Equal(["A", "B"], result.Frameworks.Select(f => f.Id));
        var a = result.Frameworks[0];
        var b = result.Frameworks[1];
        Assert.Equal(3, a.Tasks);
        Assert.Equal(2, b.Tasks);
        Assert.Equal(new ResourceAmounts(3, 12288, 0, 0), a.Allocated);
        Assert.Equal(new ResourceAmounts(6, 2048, 0, 0), b.Allocated);
        Assert.Equal(2.0 / 3, a.DominantShare, 9);
        Assert.Equal(2.0 / 3, b.DominantShare, 9);

        var role = Assert.Single(result.Roles);
        Assert.Equal(("default", 1.0), (role.Name, role.Weight));
        Assert.Equal(new ResourceAmounts(9, 14336, 0, 0), role.Allocated);
        Assert.Equal(1.0, role.DominantShare, 9);

        Assert.Equal(new ResourceAmounts(9, 18432, 0, 0), result.Cluster.Total);
        Assert.Equal(new ResourceAmounts(9, 14336, 0, 0), result.Cluster.Allocated);
        Assert.Equal(new Utilization(1, 14336 / 18432.0, 0, 0), result.Cluster.Utilization);

        Assert.Equal(
            [("A", 97, "WaitingForResources"), ("B", 98, "WaitingForResources")],
            result.Unmet.Select(u => (u.Framework, u.Remaining, u.Code)));
        Assert.StartsWith("97 task(s) of cpus=1,mem=4GiB: no node has room", result.Unmet[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NodeEntryWithCount_StandsForThatManyNodes_NamedWithTheirIndex()
    {
        var scenario = ScenarioLoader.Parse(SingleQuotes.ToJson(
            "{'nodes':[{'id':'m','count':3,'cpus':2,'memMiB':1024,'attributes':{'zone':'a'}},{'id':'solo','cpus':1}],'roles':[],'frameworks':[]}"));

        Assert.Equal(["m-0", "m-1", "m-2", "solo"], scenario.Nodes.Select(n => n.Id.Value));
        Assert.All(scenario.Nodes.Take(3), n => Assert.Equal(Resources.FromUnits(cpus: 2, memMiB: 1024), n.Capacity));
        Assert.All(scenario.Nodes.Take(3), n => Assert.Equal("a", n.Attributes["zone"]));
        Assert.Equal(Resources.FromUnits(cpus: 1), scenario.Nodes[3].Capacity);
    }

    [Fact]
    public void DefaultsApply_WhenOptionalFieldsAreLeftOut()
    {
        var scenario = ScenarioLoader.Parse(SingleQuotes.ToJson(
            "{'nodes':[],'roles':[{'name':'r'}],'frameworks':[{'id':'f','role':'r'}]}"));

        var role = Assert.Single(scenario.Roles);
        Assert.Equal(1.0, role.Weight);
        Assert.Equal(Resources.Zero, role.Guarantee);
        Assert.True(role.Limit.IsUnlimited);
        var framework = Assert.Single(scenario.Frameworks);
        Assert.False(framework.Spec.GpuCapable);
        Assert.Empty(framework.Demand);
        Assert.Equal((0, ResourceKind.None, true), (scenario.Options.Seed, scenario.Options.FairnessExcludedResources, scenario.Options.GpuGuard));
    }

    [Fact]
    public void Options_AreReadIntoTheEngineOptions()
    {
        var scenario = ScenarioLoader.Parse(SingleQuotes.ToJson(
            "{'nodes':[],'roles':[],'frameworks':[],'options':{'seed':7,'fairnessExcludedResources':['gpus','disk'],'gpuGuard':false}}"));

        Assert.Equal(7, scenario.Options.Seed);
        Assert.Equal(ResourceKind.Gpus | ResourceKind.Disk, scenario.Options.FairnessExcludedResources);
        Assert.False(scenario.Options.GpuGuard);
    }

    // A limit that names only cpus limits only cpus: the role still receives memory and disk.
    // Cluster: 2 nodes <8 CPUs, 16 GiB, 100 GiB disk>; the role is capped at 5 CPUs, so it gets
    // five 1-CPU tasks and no more, though 11 CPUs stay free.
    [Fact]
    public void LimitLeavingOutAKind_DoesNotLimitThatKind()
    {
        var scenario = ScenarioLoader.Parse(SingleQuotes.ToJson("""
            {'nodes':[{'id':'n','count':2,'cpus':8,'memMiB':16384,'diskMiB':102400}],
             'roles':[{'name':'capped','limit':{'cpus':5}}],
             'frameworks':[{'id':'f','role':'capped','demand':[{'task':{'cpus':1,'memMiB':1024,'diskMiB':1024},'count':20}]}]}
            """));

        Assert.Equal(ResourceLimit.Parse("cpus=5"), scenario.Roles[0].Limit);
        Assert.Equal("cpus=5", scenario.Roles[0].Limit.ToString());
        var result = SimulationRunner.Run(scenario);

        Assert.Equal(5, result.Frameworks[0].Tasks);
        var unmet = Assert.Single(result.Unmet);
        Assert.Equal(("f", 15, "RoleLimitReached"), (unmet.Framework, unmet.Remaining, unmet.Code));
    }

    // With the GPU guard on, a framework that is not GPU-capable never sees the GPU node;
    // the GPU-capable one gets both GPUs (one task each).
    [Fact]
    public void GpuGuard_KeepsGpuNodesForGpuCapableFrameworks()
    {
        var scenario = ScenarioLoader.Parse(SingleQuotes.ToJson("""
            {'nodes':[{'id':'gpu','cpus':8,'memMiB':8192,'gpus':2}],
             'roles':[{'name':'ml'}],
             'frameworks':[
               {'id':'cpu-only','role':'ml','demand':[{'task':{'cpus':1},'count':4}]},
               {'id':'trainer','role':'ml','gpuCapable':true,'demand':[{'task':{'cpus':1,'gpus':1},'count':4}]}],
             'options':{'fairnessExcludedResources':['gpus']}}
            """));

        var result = SimulationRunner.Run(scenario);

        Assert.Equal([("cpu-only", 0), ("trainer", 2)], result.Frameworks.Select(f => (f.Id, f.Tasks)));
        Assert.Equal(new ResourceAmounts(2, 0, 0, 2), result.Frameworks[1].Allocated);
        Assert.Equal(
            [("cpu-only", 4, "NoNodeCanFit"), ("trainer", 2, "WaitingForResources")],
            result.Unmet.Select(u => (u.Framework, u.Remaining, u.Code)));
        Assert.Equal(new Utilization(0.25, 0, 0, 1), result.Cluster.Utilization);
    }
}
