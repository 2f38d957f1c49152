using OrleansMesos.Errors;

namespace OrleansMesos.Grains.Frameworks;

// Redemption: claim the lease from its partition, commit on the node, remember the result, complete the claim.
// The result is written before the claim is completed: when that write fails (the store restarting), the claim
// is still this request's, so the client's retry under the same request id claims it again, and the node (which
// knows each container's lease) launches nothing twice and returns the same containers.
public sealed partial class FrameworkGrain
{
    /// <inheritdoc />
    public async Task<RedeemResult> Redeem(RedeemRequest request)
    {
        _lastSeen = clock.Now;
        EnsureRegistered();
        ValidateShape(request);
        if (Books.Redemptions.TryGetValue(request.RequestId, out var done))
        {
            return done.Lease == request.Lease
                ? done
                : throw new InvalidFieldException("requestId", "must not be reused for another lease", request.RequestId);
        }

        ValidateContainers(request, Books.Leases.TryGetValue(request.Lease, out var offered) ? offered.Node : null);
        var partition = PartitionOf(request.Lease);
        var asked = request.Containers.Aggregate(Resources.Zero, (sum, c) => sum + c.Resources);
        if (Books.Leases.TryGetValue(request.Lease, out var held) && !asked.FitsIn(held.Resources))
        {
            throw new InvalidFieldException("containers", "must fit inside the lease together", $"{asked} asked, the lease has {held.Resources}");
        }

        // The partition refuses a lease that is another framework's, unknown, expired or claimed by another request.
        var lease = await partition.Claim(Id, request.Lease, request.RequestId);
        if (!asked.FitsIn(lease.Resources))
        {
            await partition.Complete(Id, lease.Id, Resources.Zero);
            await Forget(lease);
            throw new InvalidFieldException("containers", "must fit inside the lease together", $"{asked} asked, the lease has {lease.Resources}");
        }

        ContainerId[] launched;
        try
        {
            launched = await GrainFactory.GetGrain<INodeGrain>(lease.Node.Value).Launch(Id, lease.Id, request.Containers);
        }
        catch (OrleansMesosException ex) when (!ex.MayPass)
        {
            // The node refused (over-committed in truth, or gone): the lease returns whole, its tasks to demand.
            // Not so when it could not write (StorageUnavailableException): it may have recorded the containers.
            // The lease stays claimed; a retry under the same request id finishes the redemption, or the partition
            // settles the claim from the node's books after a further lease lifetime.
            await partition.Complete(Id, lease.Id, Resources.Zero);
            await Forget(lease);
            throw;
        }

        var result = new RedeemResult(lease.Id, lease.Node, launched, lease.Resources - asked);
        Books.Leases.Remove(lease.Id);
        Books.Finished.RemoveAll(launched.Contains); // an id used again is a new container
        Remember(request.RequestId, result);
        await state.WriteOrStepDownAsync(this);
        try
        {
            await partition.Complete(Id, lease.Id, asked);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The redemption is done: the node committed and the result is written. A partition that cannot take
            // the completion now (rebuilt meanwhile, it already counts the node's containers and dropped the lease;
            // or its store failed, and the claim stays until it settles the claim from the node's books) must not
            // make the client believe nothing ran.
            LogCompleteFailed(ex, Id, lease.Id);
        }

        LogRedeemed(Id, lease.Id, launched.Length, lease.Node);
        return result;
    }

    /// <summary>Drops a lease that went back to its partition whole, returning its tasks to demand.</summary>
    private async Task Forget(Lease lease)
    {
        if (Books.Leases.Remove(lease.Id))
        {
            ReturnToDemand(lease);
            await state.WriteOrStepDownAsync(this);
            await Broadcast();
        }
    }

    private void Remember(string requestId, RedeemResult result)
    {
        Books.Redemptions[requestId] = result;
        Books.RedemptionOrder.Add(requestId);
        while (Books.RedemptionOrder.Count > _options.RememberedRedemptions)
        {
            Books.Redemptions.Remove(Books.RedemptionOrder[0]);
            Books.RedemptionOrder.RemoveAt(0);
        }
    }

    private static void ValidateShape(RedeemRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.RequestId) || request.RequestId.Length > 128)
        {
            throw new InvalidFieldException("requestId", "must be 1-128 characters");
        }

        if (request.Lease.Value is null)
        {
            throw new InvalidFieldException("lease", IdRules.Rule, "null");
        }
    }

    private void ValidateContainers(RedeemRequest request, NodeId? leaseNode)
    {
        if (request.Containers is not { Length: > 0 })
        {
            throw new InvalidFieldException("containers", "must name at least one container");
        }

        var ids = new HashSet<ContainerId>();
        for (var i = 0; i < request.Containers.Length; i++)
        {
            var c = request.Containers[i] ?? throw new InvalidFieldException($"containers[{i}]", "must not be null");
            var field = $"containers[{i}]";
            if (c.Id.Value is null)
            {
                throw new InvalidFieldException(field + ".id", IdRules.Rule, "null");
            }

            // A container live on the lease's own node is the node's to judge: the same lease is a retry (the node
            // launches nothing again), another lease a duplicate it refuses. Live on another node: a duplicate here.
            if (!ids.Add(c.Id) || (Books.Containers.TryGetValue(c.Id, out var known) && known.Node != leaseNode))
            {
                throw new InvalidFieldException(field + ".id", "must be unique among the framework's containers", c.Id.Value);
            }

            if (c.Resources.IsZero)
            {
                throw new InvalidFieldException(field + ".resources", "must ask for some resource");
            }

            if (string.IsNullOrWhiteSpace(c.Image) == string.IsNullOrWhiteSpace(c.Command))
            {
                throw new InvalidFieldException(field, "must give either an image or a command");
            }
        }
    }
}
