namespace OrleansMesos.Errors;

/// <summary>A lease can no longer be redeemed or declined: it expired, was rescinded, or was redeemed already. Nothing changed.</summary>
[GenerateSerializer, Alias("om.LeaseUnavailableException")]
public sealed class LeaseUnavailableException(string lease, string reason)
    : OrleansMesosException($"lease '{lease}' is not available: {reason}")
{
    [Id(0)]
    internal readonly string _lease = lease;

    /// <summary>The lease.</summary>
    public string Lease => _lease;

    [Id(1)]
    internal readonly string _reason = reason;

    /// <summary>Why: expired, redeemed, rescinded.</summary>
    public string Reason => _reason;

    /// <inheritdoc />
    public override string Code => "lease-" + Reason.Split(' ')[0];
}
