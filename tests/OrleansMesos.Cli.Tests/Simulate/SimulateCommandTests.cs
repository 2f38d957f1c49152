using System.Text.Json;

using OrleansMesos.Testing;

namespace OrleansMesos.Cli.Tests.Simulate;

public sealed class SimulateCommandTests
{
    public static TheoryData<string> Examples => [.. Directory.GetFiles(Path.Combine(Repository.Root, "examples"), "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Fact]
    public void DrfPaperExample_AsJson_GivesAThreeTasks_AndBTwo_BothAtTwoThirds()
    {
        var (exitCode, output, error) = Omctl.Run("simulate", Repository.Example("drf-paper.json"), "-o", "json");

        Assert.Equal((ExitCodes.Success, string.Empty), (exitCode, error));
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(["frameworks", "roles", "cluster", "unmet"], root.EnumerateObject().Select(p => p.Name));

        var frameworks = root.GetProperty("frameworks").EnumerateArray().ToList();
        Assert.Equal(2, frameworks.Count);
        AssertFramework(frameworks[0], "A", tasks: 3, cpus: 3, memMiB: 12288);
        AssertFramework(frameworks[1], "B", tasks: 2, cpus: 6, memMiB: 2048);

        var role = Assert.Single(root.GetProperty("roles").EnumerateArray());
        Assert.Equal("default", role.GetProperty("name").GetString());
        Assert.Equal(1, role.GetProperty("weight").GetDouble());
        Assert.Equal(1, role.GetProperty("dominantShare").GetDouble(), 9);
        Assert.Equal(9, role.GetProperty("allocated").GetProperty("cpus").GetDouble());

        var cluster = root.GetProperty("cluster");
        Assert.Equal(9, cluster.GetProperty("total").GetProperty("cpus").GetDouble());
        Assert.Equal(18432, cluster.GetProperty("total").GetProperty("memMiB").GetDouble());
        Assert.Equal(14336, cluster.GetProperty("allocated").GetProperty("memMiB").GetDouble());
        var utilization = cluster.GetProperty("utilization");
        Assert.Equal(["cpus", "mem", "disk", "gpus"], utilization.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, utilization.GetProperty("cpus").GetDouble(), 9);
        Assert.Equal(14336 / 18432.0, utilization.GetProperty("mem").GetDouble(), 9);
        Assert.Equal(0, utilization.GetProperty("disk").GetDouble());
        Assert.Equal(0, utilization.GetProperty("gpus").GetDouble());

        var unmet = root.GetProperty("unmet").EnumerateArray().ToList();
        Assert.Equal(
            [("A", 97, "WaitingForResources"), ("B", 98, "WaitingForResources")],
            unmet.Select(u => (u.GetProperty("framework").GetString(), u.GetProperty("remaining").GetInt32(), u.GetProperty("code").GetString())));
        Assert.StartsWith("98 task(s) of cpus=3,mem=1GiB: no node has room; role 'default'", unmet[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DrfPaperExample_AsTable_ShowsARowPerFramework()
    {
        var (exitCode, output, error) = Omctl.Run("simulate", Repository.Example("drf-paper.json"));

        Assert.Equal((ExitCodes.Success, string.Empty), (exitCode, error));
        var rows = TableRows(output);
        Assert.Contains(["Framework", "Role", "Tasks", "CPUs", "Memory", "Disk", "GPUs", "Dominant share"], rows);
        Assert.Contains(["A", "default", "3", "3", "12 GiB", "0 MiB", "0", "66.7%"], rows);
        Assert.Contains(["B", "default", "2", "6", "2 GiB", "0 MiB", "0", "66.7%"], rows);
        Assert.Contains(["default", "1", "9", "14 GiB", "0 MiB", "0", "100.0%", "100.0%"], rows);
        Assert.Contains(["cpus", "9", "9", "100.0%"], rows);
        Assert.Contains(["mem", "18 GiB", "14 GiB", "77.8%"], rows);
        Assert.Equal(["A", "B"], rows.Where(r => r.Length == 4 && r[2] == "WaitingForResources").Select(r => r[0]));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void ShippedExamples_RunWithExit0_InBothFormats(string example)
    {
        var table = Omctl.Run("simulate", Repository.Example(example));
        var json = Omctl.Run("simulate", Repository.Example(example), "--output", "json");

        Assert.Equal((ExitCodes.Success, string.Empty), (table.ExitCode, table.Error));
        Assert.Equal((ExitCodes.Success, string.Empty), (json.ExitCode, json.Error));
        using var document = JsonDocument.Parse(json.Output);
        Assert.NotEmpty(document.RootElement.GetProperty("frameworks").EnumerateArray());
    }

    // 4 GPU nodes with 4 GPUs each: the trainer (2 GPUs a task) gets 8 tasks and all 16 GPUs;
    // render asks for a GPU without being GPU-capable, so the GPU guard keeps it off every node.
    [Fact]
    public void CapacityPlanExample_ShowsWhyDemandIsUnmet()
    {
        var (exitCode, output, _) = Omctl.Run("simulate", Repository.Example("capacity-plan.json"), "-o", "json");

        Assert.Equal(ExitCodes.Success, exitCode);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        var trainer = root.GetProperty("frameworks").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "trainer");
        Assert.Equal(8, trainer.GetProperty("tasks").GetInt32());
        Assert.Equal(16, trainer.GetProperty("allocated").GetProperty("gpus").GetInt32());
        Assert.Equal(1, root.GetProperty("cluster").GetProperty("utilization").GetProperty("gpus").GetDouble());
        var render = root.GetProperty("unmet").EnumerateArray().Single(u => u.GetProperty("framework").GetString() == "render");
        Assert.Equal((4, "NoNodeCanFit"), (render.GetProperty("remaining").GetInt32(), render.GetProperty("code").GetString()));
        Assert.EndsWith("never fit: the framework is not GPU-capable", render.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("simulate", "examples/drf-paper.json", "-o", "xml")]
    [InlineData("simulate")]
    [InlineData("simulate", "a.json", "b.json")]
    [InlineData]
    public void BadCommandLine_ExitsWith2(params string[] args)
    {
        var (exitCode, _, error) = Omctl.Run(args);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.NotEqual(string.Empty, error);
    }

    [Fact]
    public void FailureToWrite_IsAnUnexpectedError_WithExit1()
    {
        using var error = new StringWriter();

        var exitCode = Program.Run(["simulate", Repository.Example("drf-paper.json"), "-o", "json"], new BrokenWriter(), error);

        Assert.Equal(ExitCodes.UnexpectedError, exitCode);
        Assert.StartsWith("error: unexpected failure: System.IO.IOException: the pipe is gone", error.ToString(), StringComparison.Ordinal);
    }

    private static void AssertFramework(JsonElement framework, string id, int tasks, double cpus, double memMiB)
    {
        Assert.Equal(id, framework.GetProperty("id").GetString());
        Assert.Equal("default", framework.GetProperty("role").GetString());
        Assert.Equal(tasks, framework.GetProperty("tasks").GetInt32());
        var allocated = framework.GetProperty("allocated");
        Assert.Equal(["cpus", "memMiB", "diskMiB", "gpus"], allocated.EnumerateObject().Select(p => p.Name));
        Assert.Equal(cpus, allocated.GetProperty("cpus").GetDouble());
        Assert.Equal(memMiB, allocated.GetProperty("memMiB").GetDouble());
        Assert.Equal(0, allocated.GetProperty("diskMiB").GetDouble());
        Assert.Equal(0, allocated.GetProperty("gpus").GetInt32());
        Assert.Equal(2.0 / 3, framework.GetProperty("dominantShare").GetDouble(), 9);
    }

    /// <summary>The cells of every table row in <paramref name="output"/>, trimmed.</summary>
    private static List<string[]> TableRows(string output) =>
        [.. output.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith('│'))
            .Select(line => line.Trim('│').Split('│').Select(cell => cell.Trim()).ToArray())];

    private sealed class BrokenWriter : StringWriter
    {
        public override void Write(char value) => throw new IOException("the pipe is gone");

        public override void Write(string? value) => throw new IOException("the pipe is gone");

        public override void WriteLine(string? value) => throw new IOException("the pipe is gone");
    }
}
