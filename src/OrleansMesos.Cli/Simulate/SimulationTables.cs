using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrleansMesos.Cli.Simulate;

/// <summary>Renders a <see cref="SimulationResult"/> as tables: frameworks, roles, cluster, unmet demand.</summary>
internal static class SimulationTables
{
    /// <summary>Writes the tables to <paramref name="console"/>.</summary>
    public static void Write(SimulationResult result, IAnsiConsole console)
    {
        console.Write(Frameworks(result.Frameworks));
        console.Write(Roles(result.Roles));
        console.Write(Cluster(result.Cluster));
        if (result.Unmet.Count == 0)
        {
            console.WriteLine("All demand is granted.");
        }
        else
        {
            console.Write(Unmet(result.Unmet));
        }
    }

    private static Table Frameworks(IReadOnlyList<FrameworkOutcome> frameworks)
    {
        var table = NewTable("Frameworks", "Framework", "Role", "Tasks", "CPUs", "Memory", "Disk", "GPUs", "Dominant share");
        foreach (var f in frameworks)
        {
            AddRow(table, f.Id, f.Role, Whole(f.Tasks), Cores(f.Allocated.Cpus), MiB(f.Allocated.MemMiB), MiB(f.Allocated.DiskMiB), Whole(f.Allocated.Gpus), Percent(f.DominantShare));
        }

        return table;
    }

    private static Table Roles(IReadOnlyList<RoleOutcome> roles)
    {
        var table = NewTable("Roles", "Role", "Weight", "CPUs", "Memory", "Disk", "GPUs", "Dominant share", "Weighted share");
        foreach (var r in roles)
        {
            AddRow(table, r.Name, Number(r.Weight), Cores(r.Allocated.Cpus), MiB(r.Allocated.MemMiB), MiB(r.Allocated.DiskMiB), Whole(r.Allocated.Gpus), Percent(r.DominantShare), Percent(r.DominantShare / r.Weight));
        }

        return table;
    }

    private static Table Cluster(ClusterOutcome cluster)
    {
        var table = NewTable("Cluster", "Resource", "Total", "Allocated", "Utilization");
        AddRow(table, "cpus", Cores(cluster.Total.Cpus), Cores(cluster.Allocated.Cpus), Percent(cluster.Utilization.Cpus));
        AddRow(table, "mem", MiB(cluster.Total.MemMiB), MiB(cluster.Allocated.MemMiB), Percent(cluster.Utilization.Mem));
        AddRow(table, "disk", MiB(cluster.Total.DiskMiB), MiB(cluster.Allocated.DiskMiB), Percent(cluster.Utilization.Disk));
        AddRow(table, "gpus", Whole(cluster.Total.Gpus), Whole(cluster.Allocated.Gpus), Percent(cluster.Utilization.Gpus));
        return table;
    }

    private static Table Unmet(IReadOnlyList<UnmetDemand> unmet)
    {
        var table = NewTable("Unmet demand", "Framework", "Remaining", "Code", "Reason");
        foreach (var u in unmet)
        {
            AddRow(table, u.Framework, Whole(u.Remaining), u.Code, u.Reason);
        }

        return table;
    }

    private static Table NewTable(string title, string first, params string[] rest)
    {
        var table = new Table { Title = new TableTitle(title), Border = TableBorder.Rounded };
        table.AddColumn(new TableColumn(new Text(first)));
        foreach (var header in rest)
        {
            table.AddColumn(new TableColumn(new Text(header)));
        }

        return table;
    }

    // Cells are plain text: ids and the engine's explanations are never read as markup.
    private static void AddRow(Table table, params string[] cells) =>
        table.AddRow(cells.Select(c => (IRenderable)new Text(c)));

    private static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Cores(double cpus) => cpus.ToString("0.###", CultureInfo.InvariantCulture);

    private static string MiB(double mib) => mib >= 1024
        ? (mib / 1024).ToString("0.##", CultureInfo.InvariantCulture) + " GiB"
        : mib.ToString("0.##", CultureInfo.InvariantCulture) + " MiB";

    private static string Percent(double fraction) => fraction.ToString("0.0%", CultureInfo.InvariantCulture);
}
