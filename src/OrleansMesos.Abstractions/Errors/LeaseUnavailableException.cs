namespace OrleansMesos.Errors;

/// <summary>A lease can no longer be redeemed or declined: it expired, was rescinded, or was redeemed already. Nothing changed.</summary>
[GenerateSerializer, Alias("om.LeaseUnavailableException")]
public sealed class LeaseUnavailableException(string lease, string reason)
    : OrleansMesosException($"lease '{lease}' is not available: {reason}")
{
    /// <summary>The lease.</summary>
    [Id(0)]
    public string Lease { get; } = lease;

    /// <summary>Why: expired, redeemed, rescinded.</summary>
    [Id(1)]
    public string Reason { get; } = reason;

    /// <inheritdoc />
    public override string Code => "lease-" + Reason.Split(' ')[0];
}
