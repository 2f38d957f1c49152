using System.Globalization;
using OrleansMesos.Cli.Simulate;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrleansMesos.Cli.Cluster;

/// <summary>Table building and the human forms of figures, shared by the cluster commands.</summary>
internal static class ClusterTables
{
    /// <summary>A table with a title and plain-text headers.</summary>
    public static Table New(string title, params string[] headers)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(title)), Border = TableBorder.Rounded };
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header)));
        }

        return table;
    }

    /// <summary>Adds a row of plain text: ids and messages are never read as markup.</summary>
    public static void AddRow(Table table, params string[] cells) =>
        table.AddRow(cells.Select(c => (IRenderable)new Text(c)));

    /// <summary>Writes a line of plain text.</summary>
    public static void Line(IAnsiConsole console, string text) => console.Write(new Text(text + Environment.NewLine));

    /// <summary>
    /// Resources in the form operators write them, memory and disk rounded to two decimals of the largest
    /// binary unit: <c>cpus=2,mem=3.81GiB,disk=50GiB</c>; <c>none</c> for nothing.
    /// </summary>
    public static string Human(ResourceAmounts amounts)
    {
        var parts = new List<string>(4);
        if (amounts.Cpus > 0)
        {
            parts.Add("cpus=" + amounts.Cpus.ToString("0.###", CultureInfo.InvariantCulture));
        }

        if (amounts.MemMiB > 0)
        {
            parts.Add("mem=" + Size(amounts.MemMiB));
        }

        if (amounts.DiskMiB > 0)
        {
            parts.Add("disk=" + Size(amounts.DiskMiB));
        }

        if (amounts.Gpus > 0)
        {
            parts.Add("gpus=" + Whole(amounts.Gpus));
        }

        return parts.Count == 0 ? "none" : string.Join(',', parts);
    }

    /// <summary>As <see cref="Human(ResourceAmounts)"/>.</summary>
    public static string Human(in Resources resources) => Human(ResourceAmounts.From(resources));

    /// <summary>A fraction as a percentage with one decimal: <c>12.5%</c>.</summary>
    public static string Percent(double fraction) => fraction.ToString("0.0%", CultureInfo.InvariantCulture);

    /// <summary>A number with up to three decimals.</summary>
    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A whole number.</summary>
    public static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A yes or a no.</summary>
    public static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary>A moment in UTC, to the second: <c>2026-11-30 12:00:05Z</c>.</summary>
    public static string Time(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A size given in MiB, in the largest binary unit it reaches, to two decimals: <c>3.81GiB</c>.</summary>
    public static string Size(double mib)
    {
        (double Factor, string Unit)[] units = [(1024 * 1024, "TiB"), (1024, "GiB"), (1, "MiB")];
        foreach (var (factor, unit) in units)
        {
            if (mib >= factor)
            {
                return (mib / factor).ToString("0.##", CultureInfo.InvariantCulture) + unit;
            }
        }

        return (mib * 1024).ToString("0.##", CultureInfo.InvariantCulture) + "KiB";
    }
}
