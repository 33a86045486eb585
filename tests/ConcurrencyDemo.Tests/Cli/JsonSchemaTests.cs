using System.Text.Json.Nodes;
using Json.Schema;

namespace ConcurrencyDemo.Tests.Cli;

/// <summary>Every JSON file a command writes is valid against its schema in docs/schema/, checked on real outputs.</summary>
[Collection(RealClockCollection.Name)]
public sealed class JsonSchemaTests(EveryCommandOutputs every) : IClassFixture<EveryCommandOutputs>
{
    public static TheoryData<string> CommandNames => [.. EveryCommandOutputs.Commands.Keys];

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void EveryJsonFile_IsValidAgainstItsSchema(string command)
    {
        string folder = every.Results[command].Folder;
        string[] files = Directory.GetFiles(folder, "*.json");
        Assert.NotEmpty(files);
        foreach (string file in files)
        {
            string schemaName = SchemaFor(command, Path.GetFileName(file));
            JsonSchema schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(SchemaFolder, schemaName)));
            EvaluationResults results = schema.Evaluate(JsonNode.Parse(File.ReadAllText(file)), new EvaluationOptions { OutputFormat = OutputFormat.List });

            string errors = string.Join("; ", (results.Details ?? []).Where(d => d.Errors is not null)
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
            Assert.True(results.IsValid, $"{Path.GetFileName(file)} against {schemaName}: {errors}");
        }
    }

    [Fact]
    public void EverySchema_IsUsedByACommand()
    {
        string[] schemas = Directory.GetFiles(SchemaFolder, "*.schema.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

        Assert.Equal(["fanout-sweep.schema.json", "locking.schema.json", "memory.schema.json", "report.schema.json", "run.schema.json", "sweep.schema.json"], schemas);
    }

    /// <summary>Which schema describes a file, by the command that wrote it and the file's name.</summary>
    private static string SchemaFor(string command, string fileName) => command switch
    {
        "run" or "run-mitigated" or "run-real" or "run-upstreams" or "run-threadpool" or "run-threadpool-real" or "run-threadpool-mitigated" or "run-closed" or "run-closed-norate" or "run-closed-duration" or "compare" or "compare-threadpool" => "run.schema.json",
        "sweep-fanout" => "fanout-sweep.schema.json",
        "sweep" => "sweep.schema.json",
        "memory" => "memory.schema.json",
        "locking" => "locking.schema.json",
        "reproduce" => "report.schema.json",
        _ => throw new ArgumentException($"no schema for {command}/{fileName}"),
    };

    private static string SchemaFolder { get; } = FindSchemaFolder();

    private static string FindSchemaFolder()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "docs", "schema");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("docs/schema not found above " + AppContext.BaseDirectory);
    }
}
