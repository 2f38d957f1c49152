using OrleansMesos.Errors;

namespace OrleansMesos.Client;

/// <summary>Who a framework is, how it shares the cluster, and how its client keeps in touch.</summary>
public sealed class FrameworkClientOptions
{
    /// <summary>The default role: <c>default</c>.</summary>
    public const string DefaultRole = "default";

    /// <summary>The default failover timeout: one minute.</summary>
    public static readonly TimeSpan DefaultFailoverTimeout = TimeSpan.FromMinutes(1);

    /// <summary>The default refresh interval: ten seconds.</summary>
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromSeconds(10);

    /// <summary>The default number of tries of a call that fails transiently: five.</summary>
    public const int DefaultMaxAttempts = 5;

    /// <summary>The default wait before the first retry: 200 ms (doubled before each further one).</summary>
    public static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>The framework's id; a client that connects with the id of a disconnected framework takes it over.</summary>
    public required FrameworkId Id { get; init; }

    /// <summary>A name for people; defaults to the id.</summary>
    public string? Name { get; init; }

    /// <summary>The role the framework shares the cluster under. It cannot change while the framework is registered.</summary>
    public RoleName Role { get; init; } = new(DefaultRole);

    /// <summary>Who runs the framework (for audit; not authenticated).</summary>
    public string Principal { get; init; } = Environment.UserName;

    /// <summary>Whether the framework can use nodes with GPUs (only GPU-capable frameworks are leased them).</summary>
    public bool GpuCapable { get; init; }

    /// <summary>How long the framework's leases and containers wait for a client after it disconnects; past it the framework ends.</summary>
    public TimeSpan FailoverTimeout { get; init; } = DefaultFailoverTimeout;

    /// <summary>
    /// How often the client registers again with the same registration and observer: it keeps the observer
    /// reference alive, and after a lost gateway (once Orleans has reconnected) it resumes delivery.
    /// </summary>
    public TimeSpan RefreshInterval { get; init; } = DefaultRefreshInterval;

    /// <summary>How many times a call that fails transiently (timeout, unavailable silo or gateway) is tried in all.</summary>
    public int MaxAttempts { get; init; } = DefaultMaxAttempts;

    /// <summary>The wait before the first retry of a transient failure; doubled before each further retry.</summary>
    public TimeSpan RetryDelay { get; init; } = DefaultRetryDelay;

    /// <summary>The clock of the refresh timer and the retry waits (a fake one in tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Checks every setting; throws <see cref="InvalidFieldException"/> naming the first bad one.</summary>
    internal void Validate()
    {
        if (Id.Value is null)
        {
            throw new InvalidFieldException(nameof(Id), "must be given");
        }

        if (Name is not null && string.IsNullOrWhiteSpace(Name))
        {
            throw new InvalidFieldException(nameof(Name), "must not be blank when given");
        }

        if (Role.Value is null)
        {
            throw new InvalidFieldException(nameof(Role), "must be given");
        }

        if (string.IsNullOrWhiteSpace(Principal))
        {
            throw new InvalidFieldException(nameof(Principal), "must not be empty");
        }

        if (FailoverTimeout < TimeSpan.Zero)
        {
            throw new InvalidFieldException(nameof(FailoverTimeout), "must not be negative", FailoverTimeout.ToString());
        }

        if (RefreshInterval <= TimeSpan.Zero)
        {
            throw new InvalidFieldException(nameof(RefreshInterval), "must be positive", RefreshInterval.ToString());
        }

        if (MaxAttempts < 1)
        {
            throw new InvalidFieldException(nameof(MaxAttempts), "must be at least 1", MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (RetryDelay < TimeSpan.Zero)
        {
            throw new InvalidFieldException(nameof(RetryDelay), "must not be negative", RetryDelay.ToString());
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
    }

    /// <summary>The registration the framework grain is given.</summary>
    internal FrameworkRegistration ToRegistration() =>
        new(Id, Name ?? Id.Value, Role, Principal, GpuCapable, FailoverTimeout);
}
