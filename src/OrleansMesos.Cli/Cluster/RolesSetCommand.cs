using System.CommandLine;
using OrleansMesos.Errors;

namespace OrleansMesos.Cli.Cluster;

/// <summary>
/// <c>omctl roles set NAME [--weight W] [--guarantee R] [--limit L]</c>: adds or changes a role through the
/// cluster grain, which applies it to every partition. Fields not given keep their value (or the default, for a new role).
/// </summary>
internal static class RolesSetCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The role's name." };
        var weight = new Option<double?>("--weight") { Description = "Its weight: a role with weight 2 is entitled to twice the share of a role with weight 1." };
        var guarantee = new Option<string?>("--guarantee") { Description = "Its guarantee, a quota floor, e.g. cpus=4,mem=8GiB; none for no guarantee." };
        var limit = new Option<string?>("--limit") { Description = "Its limit on the kinds named, e.g. cpus=16,gpus=2; unlimited for none." };
        return ClusterCommand.CreateWithArguments(
            "set",
            "Add or change a role: weight, guarantee, limit. Fields not given keep their value.",
            parse => Prepare(new Change(
                new RoleName(parse.GetRequiredValue(name)),
                parse.GetValue(weight),
                parse.GetValue(guarantee) is { } g ? Parsed(() => Resources.Parse(g), "guarantee") : null,
                parse.GetValue(limit) is { } l ? Parsed(() => ResourceLimit.Parse(l), "limit") : null)),
            name,
            weight,
            guarantee,
            limit);
    }

    /// <summary>The role after <paramref name="change"/>: fields not given are taken from <paramref name="current"/>, else the defaults.</summary>
    /// <exception cref="InvalidFieldException">The result breaks a rule; names the field (weight, guarantee).</exception>
    public static RoleSettings Apply(Change change, RoleSettings? current)
    {
        var before = current ?? new RoleSettings(change.Name);
        return new RoleSettings(change.Name, change.Weight ?? before.Weight, change.Guarantee ?? before.Guarantee, change.Limit ?? before.Limit);
    }

    private static Func<ClusterContext, Task<int>> Prepare(Change change)
    {
        // Checked against the defaults before anything is asked: a bad weight needs no cluster to be refused.
        Apply(change, null);
        return context => Execute(context, change);
    }

    private static async Task<int> Execute(ClusterContext context, Change change)
    {
        var roles = await context.Cluster.Roles();
        var role = Apply(change, roles.GetValueOrDefault(change.Name));
        await context.Cluster.Configuration.SetRole(role);
        roles[role.Name] = role;

        var directory = await context.Cluster.Directory();
        var list = RolesCommand.Build(roles, await context.Cluster.Views(directory));
        var row = list.Roles.Single(r => r.Name == role.Name.Value);
        context.Write(row, ClusterJson.Context.RoleRow, (r, console) =>
        {
            ClusterTables.Line(console, $"Role {r.Name} is set on every partition.");
            RolesCommand.Write(list with { Roles = [r] }, console);
        });
        return ExitCodes.Success;
    }

    private static T Parsed<T>(Func<T> parse, string field)
    {
        try
        {
            return parse();
        }
        catch (InvalidFieldException ex)
        {
            throw ex.Under(field);
        }
    }

    /// <summary>What the command line asks to change; null fields keep their value.</summary>
    /// <param name="Name">The role.</param>
    /// <param name="Weight">The new weight.</param>
    /// <param name="Guarantee">The new guarantee.</param>
    /// <param name="Limit">The new limit.</param>
    public sealed record Change(RoleName Name, double? Weight, Resources? Guarantee, ResourceLimit? Limit);
}
