using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansMesos.Errors;

namespace OrleansMesos.Grains.Tests;

/// <summary>
/// The abstractions carry only Orleans' attributes; their serializers are generated in the contracts
/// assembly. Every value and error must cross the wire whole: a lost field would, for example, turn a
/// typed refusal into one without its reason.
/// </summary>
public sealed class SerializationTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private static T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;

    [Fact]
    public void ValuesRoundTrip()
    {
        var resources = Resources.Parse("cpus=2.5,mem=4GiB,disk=10GiB,gpus=1");
        Assert.Equal(resources, RoundTrip(resources));
        Assert.Equal(ResourceLimit.Parse("cpus=100,gpus=0"), RoundTrip(ResourceLimit.Parse("cpus=100,gpus=0")));
        var role = new RoleSettings(new RoleName("prod"), 3, Resources.Parse("cpus=4"), ResourceLimit.Parse("cpus=10"));
        Assert.Equal(role, RoundTrip(role));
        Assert.Equal(new NodeId("n1"), RoundTrip(new NodeId("n1")));
        Assert.Equal(new FrameworkId("f1"), RoundTrip(new FrameworkId("f1")));
        Assert.Equal(new LeaseId("p1-x"), RoundTrip(new LeaseId("p1-x")));
        Assert.Equal(new ContainerId("c1"), RoundTrip(new ContainerId("c1")));
    }

    [Fact]
    public void ErrorsRoundTrip_WithEveryField()
    {
        var field = (InvalidFieldException)RoundTrip<Exception>(new InvalidFieldException("$.a", "must be b", "c"));
        Assert.Equal(("$.a", "must be b", "c", "$.a: must be b (c)"), (field.Field, field.Rule, field.Detail, field.Message));

        var unknown = (UnknownEntityException)RoundTrip<Exception>(new UnknownEntityException("lease", "l1"));
        Assert.Equal(("lease", "l1", "unknown-lease"), (unknown.Kind, unknown.Id, unknown.Code));

        var duplicate = (DuplicateEntityException)RoundTrip<Exception>(new DuplicateEntityException("node", "n1"));
        Assert.Equal(("node", "n1"), (duplicate.Kind, duplicate.Id));

        var over = (OverCommitException)RoundTrip<Exception>(new OverCommitException("n1", Resources.Parse("cpus=3"), Resources.Parse("cpus=1")));
        Assert.Equal(("n1", Resources.Parse("cpus=3"), Resources.Parse("cpus=1")), (over.NodeId, over.Requested, over.Free));

        var forbidden = (ForbiddenException)RoundTrip<Exception>(new ForbiddenException("lease", "l1", "f2"));
        Assert.Equal(("lease", "l1", "f2"), (forbidden.Kind, forbidden.Id, forbidden.Framework));

        var lease = (LeaseUnavailableException)RoundTrip<Exception>(new LeaseUnavailableException("l1", "expired"));
        Assert.Equal(("l1", "expired", "lease-expired"), (lease.Lease, lease.Reason, lease.Code));

        var node = (NodeUnavailableException)RoundTrip<Exception>(new NodeUnavailableException("n1", "draining"));
        Assert.Equal(("n1", "draining"), (node.Node, node.Reason));
    }
}
