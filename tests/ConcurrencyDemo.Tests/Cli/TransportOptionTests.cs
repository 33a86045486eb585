using ConcurrencyDemo.Cli;

namespace ConcurrencyDemo.Tests.Cli;

public sealed class TransportOptionTests
{
    [Fact]
    public void HttpWithVirtualClock_OneLineUserError_Exit2()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int exit = CommandLine.Run(
            ["--rate", "100", "--num_req", "10", "--latency", "20ms", "--clock", "virtual", "--transport", "http", "async"], stdout, stderr);

        Assert.Equal(2, exit);
        string[] lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("--transport http", lines[0], StringComparison.Ordinal);
        Assert.Equal("", stdout.ToString());
    }
}
