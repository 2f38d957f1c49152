using System.Globalization;
using OrleansMesos.Errors;

namespace OrleansMesos;

/// <summary>
/// How a role shares the cluster: its <see cref="Weight"/> (a role with weight 2 is entitled to twice
/// the dominant share of a role with weight 1), an optional <see cref="Guarantee"/> (a quota floor,
/// met before fair sharing starts) and an optional <see cref="Limit"/> (a ceiling never exceeded, on the kinds it names).
/// </summary>
[GenerateSerializer, Immutable, Alias("om.RoleSettings")]
public sealed record RoleSettings
{
    /// <summary>The weight a role has when none is given.</summary>
    public const double DefaultWeight = 1.0;

    /// <summary>Creates validated settings.</summary>
    /// <exception cref="InvalidFieldException">The weight is not a finite positive number, or the guarantee exceeds the limit.</exception>
    public RoleSettings(RoleName name, double weight = DefaultWeight, Resources guarantee = default, ResourceLimit limit = default)
    {
        if (name.Value is null)
        {
            throw new InvalidFieldException("name", IdRules.Rule, "null");
        }

        if (!double.IsFinite(weight) || weight <= 0)
        {
            throw new InvalidFieldException("weight", "must be a finite number greater than zero", weight.ToString(CultureInfo.InvariantCulture));
        }

        if (!limit.Allows(guarantee))
        {
            throw new InvalidFieldException("guarantee", "must not exceed the limit in any resource", $"guarantee {guarantee}, limit {limit}");
        }

        _name = name;
        _weight = weight;
        _guarantee = guarantee;
        _limit = limit;
    }

    [Id(0)]
    internal readonly RoleName _name;

    /// <summary>The role's name.</summary>
    public RoleName Name => _name;

    [Id(1)]
    internal readonly double _weight;

    /// <summary>The role's weight; finite and positive.</summary>
    public double Weight => _weight;

    [Id(2)]
    internal readonly Resources _guarantee;

    /// <summary>The quota floor; zero when the role has none.</summary>
    public Resources Guarantee => _guarantee;

    [Id(3)]
    internal readonly ResourceLimit _limit;

    /// <summary>The ceiling; kinds it does not name are unlimited.</summary>
    public ResourceLimit Limit => _limit;

    /// <summary>True when <paramref name="allocation"/> stays within the limit.</summary>
    public bool WithinLimit(in Resources allocation) => Limit.Allows(allocation);
}
