using System.Reflection;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests;

/// <summary>The library's folders depend on each other one way only (issue 11).</summary>
public sealed class LayeringTests
{
    private static readonly Assembly s_library = typeof(Scenario).Assembly;

    [Fact]
    public void OneTheory_NoSecondCapacityComputation()
    {
        Assert.Null(s_library.GetType("ConcurrencyDemo.Reproduction.ArticleTheory"));
    }

    [Theory]
    [InlineData("Sweeps", "Reproduction")]
    [InlineData("Theory", "Reproduction")]
    [InlineData("Theory", "Sweeps")]
    [InlineData("Recording", "Reporting")]
    [InlineData("Reporting", "Sweeps")]
    [InlineData("Reporting", "Memory")]
    [InlineData("Reporting", "Reproduction")]
    [InlineData("Memory", "Reproduction")]
    [InlineData("Memory", "Sweeps")]
    [InlineData("Recording", "Reproduction")]
    [InlineData("Scenarios", "Engines")]
    [InlineData("Reporting", "Playground")]
    [InlineData("Running", "Playground")]
    [InlineData("Playground", "Engines")] // it renders finished runs; only ScenarioRun drives an engine
    public void Folder_DoesNotUseALaterLayer(string folder, string later)
    {
        string root = RepositoryRoot();
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src", "ConcurrencyDemo", folder), "*.cs")
            .Where(f => File.ReadAllText(f).Contains($"ConcurrencyDemo.{later}", StringComparison.Ordinal) || File.ReadAllText(f).Contains($" {later}.", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .ToList();

        Assert.Empty(offenders);
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConcurrencyDemo.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ConcurrencyDemo.slnx not found above " + AppContext.BaseDirectory);
    }
}
