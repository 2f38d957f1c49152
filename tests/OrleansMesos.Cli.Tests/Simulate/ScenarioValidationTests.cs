using System.Text.RegularExpressions;
using OrleansMesos.Cli.Simulate;
using OrleansMesos.Errors;

namespace OrleansMesos.Cli.Tests.Simulate;

public sealed class ScenarioValidationTests
{
    private const string Empty = "'roles':[],'frameworks':[]";
    private const string OneRole = "'nodes':[],'roles':[{'name':'r'}]";
    private const string WeightRule = "must be a finite number greater than zero";

    /// <summary>A scenario (single-quoted JSON), the path of the bad value, and the rule it breaks.</summary>
    public static TheoryData<string, string, string> Invalid => new()
    {
        // The shape of the document.
        { "[]", "$", "must be an object" },
        { $"{{{Empty}}}", "$.nodes", "is required" },
        { $"{{'nodes':{{}},{Empty}}}", "$.nodes", "must be an array" },
        { "{'nodes':[],'frameworks':[]}", "$.roles", "is required" },
        { "{'nodes':[],'roles':[]}", "$.frameworks", "is required" },
        { $"{{'nodes':[],'node':[],{Empty}}}", "$.node", "is not a known property" },
        { $"{{'nodes':[{{'id':'m','cpus':1,'memMib':1024}}],{Empty}}}", "$.nodes[0].memMib", "is not a known property" },
        { $"{{'nodes':[{{'id':'m','cpus':1,'cpus':2}}],{Empty}}}", "$.nodes[0].cpus", "must be given once" },
        { $"{{'nodes':[],{Empty},'options':{{'gpuguard':true}}}}", "$.options.gpuguard", "is not a known property" },

        // Required fields.
        { $"{{'nodes':[{{'cpus':1}}],{Empty}}}", "$.nodes[0].id", "is required" },
        { $"{{'nodes':[{{'id':null,'cpus':1}}],{Empty}}}", "$.nodes[0].id", "is required" },
        { $"{{{OneRole},'frameworks':[{{'role':'r'}}]}}", "$.frameworks[0].id", "is required" },
        { $"{{{OneRole},'frameworks':[{{'id':'f'}}]}}", "$.frameworks[0].role", "is required" },
        { $"{{{OneRole},'frameworks':[{{'id':'f','role':'r','demand':[{{'count':1}}]}}]}}", "$.frameworks[0].demand[0].task", "is required" },
        { $"{{{OneRole},'frameworks':[{{'id':'f','role':'r','demand':[{{'task':{{'cpus':1}}}}]}}]}}", "$.frameworks[0].demand[0].count", "is required" },
        { "{'nodes':[],'roles':[{'weight':2}],'frameworks':[]}", "$.roles[0].name", "is required" },

        // Resources: negative, not finite, not a number, too fine, nothing at all.
        { $"{{'nodes':[{{'id':'m','cpus':-1}}],{Empty}}}", "$.nodes[0].cpus", "must not be negative" },
        { $"{{'nodes':[{{'id':'m','cpus':1,'gpus':-2}}],{Empty}}}", "$.nodes[0].gpus", "must not be negative" },
        { $"{{'nodes':[{{'id':'m','cpus':1e999}}],{Empty}}}", "$.nodes[0].cpus", "must be a finite number" },
        { $"{{'nodes':[{{'id':'m','memMiB':-1e999}}],{Empty}}}", "$.nodes[0].memMiB", "must be a finite number" },
        { $"{{'nodes':[{{'id':'m','cpus':'8'}}],{Empty}}}", "$.nodes[0].cpus", "must be a finite number" },
        { $"{{'nodes':[{{'id':'m','cpus':0.0001}}],{Empty}}}", "$.nodes[0].cpus", "must be a whole multiple of a millicore (0.001)" },
        { $"{{'nodes':[{{'id':'m','cpus':1,'gpus':1.5}}],{Empty}}}", "$.nodes[0].gpus", "must be a whole number" },
        { $"{{'nodes':[{{'id':'m'}}],{Empty}}}", "$.nodes[0]", "must offer some resource (cpus, memMiB, diskMiB or gpus)" },
        { "{'nodes':[],'roles':[{'name':'r','guarantee':{'gpus':-1}}],'frameworks':[]}", "$.roles[0].guarantee.gpus", "must not be negative" },
        { "{'nodes':[],'roles':[{'name':'r','limit':{'diskMiB':-5}}],'frameworks':[]}", "$.roles[0].limit.diskMiB", "must not be negative" },
        { "{'nodes':[],'roles':[{'name':'r','limit':{'cpu':5}}],'frameworks':[]}", "$.roles[0].limit.cpu", "is not a known property" },
        {
            $"{{{OneRole},'frameworks':[{{'id':'f0','role':'r'}},{{'id':'f1','role':'r'}},{{'id':'f2','role':'r','demand':[{{'task':{{'cpus':-0.5}},'count':1}}]}}]}}",
            "$.frameworks[2].demand[0].task.cpus", "must not be negative"
        },
        { $"{{{OneRole},'frameworks':[{{'id':'f','role':'r','demand':[{{'task':{{'memMiB':-1}},'count':1}}]}}]}}", "$.frameworks[0].demand[0].task.memMiB", "must not be negative" },
        { $"{{{OneRole},'frameworks':[{{'id':'f','role':'r','demand':[{{'task':{{'cpus':1e400}},'count':1}}]}}]}}", "$.frameworks[0].demand[0].task.cpus", "must be a finite number" },
        { $"{{{OneRole},'frameworks':[{{'id':'f','role':'r','demand':[{{'task':{{}},'count':1}}]}}]}}", "$.frameworks[0].demand[0].task", "must ask for some resource" },
        { $"{{{OneRole},'frameworks':[{{'id':'f','role':'r','demand':[{{'task':{{'cpus':0}},'count':1}}]}}]}}", "$.frameworks[0].demand[0].task", "must ask for some resource" },

        // Counts.
        { $"{{'nodes':[{{'id':'m','count':0,'cpus':1}}],{Empty}}}", "$.nodes[0].count", "must be between 1 and 100000" },
        { $"{{'nodes':[{{'id':'m','count':-3,'cpus':1}}],{Empty}}}", "$.nodes[0].count", "must be between 1 and 100000" },
        { $"{{'nodes':[{{'id':'m','count':2.5,'cpus':1}}],{Empty}}}", "$.nodes[0].count", "must be a whole number" },
        { $"{{{OneRole},'frameworks':[{{'id':'f','role':'r','demand':[{{'task':{{'cpus':1}},'count':-1}}]}}]}}", "$.frameworks[0].demand[0].count", "must not be negative" },

        // Weights.
        { "{'nodes':[],'roles':[{'name':'r','weight':0}],'frameworks':[]}", "$.roles[0].weight", WeightRule },
        { "{'nodes':[],'roles':[{'name':'r','weight':-2}],'frameworks':[]}", "$.roles[0].weight", WeightRule },
        { "{'nodes':[],'roles':[{'name':'r','weight':1e999}],'frameworks':[]}", "$.roles[0].weight", WeightRule },
        { "{'nodes':[],'roles':[{'name':'r','weight':'3'}],'frameworks':[]}", "$.roles[0].weight", WeightRule },

        // Roles, guarantees and limits.
        { "{'nodes':[],'roles':[{'name':'r','guarantee':{'cpus':5},'limit':{'cpus':4}}],'frameworks':[]}", "$.roles[0].guarantee", "must not exceed the limit in any resource" },
        { "{'nodes':[],'roles':[{'name':'r'},{'name':'s'},{'name':'r'}],'frameworks':[]}", "$.roles[2].name", "must be unique" },
        { $"{{{OneRole},'frameworks':[{{'id':'f','role':'prod'}}]}}", "$.frameworks[0].role", "must name a role declared in $.roles" },

        // Ids.
        { $"{{'nodes':[{{'id':'-m','cpus':1}}],{Empty}}}", "$.nodes[0].id", IdRules.Rule },
        { $"{{'nodes':[{{'id':'','cpus':1}}],{Empty}}}", "$.nodes[0].id", IdRules.Rule },
        { $"{{'nodes':[{{'id':7,'cpus':1}}],{Empty}}}", "$.nodes[0].id", "must be a string" },
        { $"{{'nodes':[{{'id':'{new string('m', 127)}','count':2,'cpus':1}}],{Empty}}}", "$.nodes[0].id", IdRules.Rule },
        { $"{{{OneRole},'frameworks':[{{'id':'my framework','role':'r'}}]}}", "$.frameworks[0].id", IdRules.Rule },
        { "{'nodes':[],'roles':[{'name':'r/1'}],'frameworks':[]}", "$.roles[0].name", IdRules.Rule },
        { $"{{{OneRole},'frameworks':[{{'id':'f','role':'r?'}}]}}", "$.frameworks[0].role", IdRules.Rule },

        // Duplicates, including the names a count expands to.
        { $"{{'nodes':[{{'id':'m','cpus':1}},{{'id':'m','cpus':2}}],{Empty}}}", "$.nodes[1].id", "must be unique" },
        { $"{{'nodes':[{{'id':'m','count':2,'cpus':1}},{{'id':'m-0','cpus':1}}],{Empty}}}", "$.nodes[1].id", "must be unique" },
        { $"{{'nodes':[{{'id':'m-1','cpus':1}},{{'id':'m','count':2,'cpus':1}}],{Empty}}}", "$.nodes[1].id", "must be unique" },
        { $"{{{OneRole},'frameworks':[{{'id':'f','role':'r'}},{{'id':'f','role':'r'}}]}}", "$.frameworks[1].id", "must be unique" },

        // Attributes, constraints, flags.
        { $"{{'nodes':[{{'id':'m','cpus':1,'attributes':{{'zone':1}}}}],{Empty}}}", "$.nodes[0].attributes.zone", "must be a string" },
        { $"{{'nodes':[{{'id':'m','cpus':1,'attributes':{{'':'a'}}}}],{Empty}}}", "$.nodes[0].attributes", "keys must not be empty" },
        { $"{{'nodes':[{{'id':'m','cpus':1,'attributes':['a']}}],{Empty}}}", "$.nodes[0].attributes", "must be an object" },
        { $"{{{OneRole},'frameworks':[{{'id':'f','role':'r','demand':[{{'task':{{'cpus':1}},'count':1,'constraints':{{'zone':true}}}}]}}]}}", "$.frameworks[0].demand[0].constraints.zone", "must be a string" },
        { $"{{{OneRole},'frameworks':[{{'id':'f','role':'r','gpuCapable':'yes'}}]}}", "$.frameworks[0].gpuCapable", "must be true or false" },

        // Options.
        { $"{{'nodes':[],{Empty},'options':{{'fairnessExcludedResources':['gpus','memory']}}}}", "$.options.fairnessExcludedResources[1]", "must be one of cpus, mem, disk, gpus" },
        { $"{{'nodes':[],{Empty},'options':{{'fairnessExcludedResources':['cpus','mem','disk','gpus']}}}}", "$.options.fairnessExcludedResources", "must leave at least one resource kind in the dominant share" },
        { $"{{'nodes':[],{Empty},'options':{{'fairnessExcludedResources':'gpus'}}}}", "$.options.fairnessExcludedResources", "must be an array" },
        { $"{{'nodes':[],{Empty},'options':{{'seed':1.5}}}}", "$.options.seed", "must be a whole number" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Parse_NamesThePathAndTheRule(string scenario, string path, string rule)
    {
        var error = Assert.Throws<InvalidFieldException>(() => ScenarioLoader.Parse(SingleQuotes.ToJson(scenario)));

        Assert.Equal(path, error.Field);
        Assert.Equal(rule, error.Rule);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Simulate_ExitsWith2_AndPrintsThePathAndTheRule(string scenario, string path, string rule)
    {
        using var file = new TempScenario(SingleQuotes.ToJson(scenario));

        var (exitCode, output, error) = Omctl.Run("simulate", file.Path, "-o", "json");

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Matches($@"\Aerror: {Regex.Escape(path)}: {Regex.Escape(rule)}( \(.+\))?\r?\n\z", error);
    }

    [Fact]
    public void InvalidJson_NamesTheLineAndPosition()
    {
        using var file = new TempScenario("{\n  \"nodes\": [],\n  \"roles\": [,\n}");

        var (exitCode, output, error) = Omctl.Run("simulate", file.Path);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal("error: $: must be valid JSON (line 3, position 13: ',' is an invalid start of a value.)" + Environment.NewLine, error);
    }

    [Fact]
    public void TrailingComma_IsInvalidJson()
    {
        var error = Assert.Throws<InvalidFieldException>(() => ScenarioLoader.Parse(SingleQuotes.ToJson("{'nodes':[],'roles':[],'frameworks':[],}")));

        Assert.Equal(("$", "must be valid JSON"), (error.Field, error.Rule));
    }

    [Fact]
    public void Comments_AreAllowed()
    {
        var scenario = ScenarioLoader.Parse("// a what-if\n{ \"nodes\": [ /* none yet */ ], \"roles\": [], \"frameworks\": [] }");

        Assert.Empty(scenario.Nodes);
    }

    [Fact]
    public void MissingFile_ExitsWith2()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"omctl-test-{Guid.NewGuid():N}.json");

        var (exitCode, output, error) = Omctl.Run("simulate", missing);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error: scenario: must name a readable file (", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_IsNotAReadableFile()
    {
        var (exitCode, _, error) = Omctl.Run("simulate", Path.GetTempPath());

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.StartsWith("error: scenario: must name a readable file (", error, StringComparison.Ordinal);
    }
}
