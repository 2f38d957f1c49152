using OrleansMesos.Errors;

namespace OrleansMesos.Grains.Frameworks;

// Redemption: claim the lease from its partition, commit on the node, complete the claim.
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

        ValidateContainers(request);
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
        catch (OrleansMesosException)
        {
            // The node refused (over-committed in truth, or gone): the lease returns whole, its tasks to demand.
            await partition.Complete(Id, lease.Id, Resources.Zero);
            await Forget(lease);
            throw;
        }

        await partition.Complete(Id, lease.Id, asked);
        var result = new RedeemResult(lease.Id, lease.Node, launched, lease.Resources - asked);
        Books.Leases.Remove(lease.Id);
        Remember(request.RequestId, result);
        await state.WriteOrStepDownAsync(this);
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

    private void ValidateContainers(RedeemRequest request)
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

            if (!ids.Add(c.Id) || Books.Containers.ContainsKey(c.Id))
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
