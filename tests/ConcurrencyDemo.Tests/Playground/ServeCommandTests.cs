using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using ConcurrencyDemo.Tests.Cli;

namespace ConcurrencyDemo.Tests.Playground;

/// <summary><c>serve</c> as a user starts it: loopback only by default, its URL printed, Ctrl+C stops it cleanly.</summary>
[Collection(PlaygroundCollection.Name)]
public sealed class ServeCommandTests
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Serve_ListensOnLoopbackOnly_AndStopsCleanlyOnCtrlC()
    {
        using Process process = Process.Start(CliProcess.StartInfo(["serve"], Path.GetTempPath(), defaultSigint: true))!;
        try
        {
            Uri url = await ReadUrlAsync(process);
            Assert.Equal("127.0.0.1", url.Host);
            Assert.NotEqual(0, url.Port);
            using (var client = new HttpClient())
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
            }

            // Not reachable on this machine's other addresses.
            foreach (IPAddress other in OtherAddresses())
            {
                using var socket = new TcpClient(other.AddressFamily);
                await Assert.ThrowsAnyAsync<SocketException>(() => socket.ConnectAsync(other, url.Port));
            }

            var stopwatch = Stopwatch.StartNew();
            using (Process kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)])!)
            {
                await kill.WaitForExitAsync();
            }

            CliProcess.Result result = await CliProcess.FinishAsync(process, TimeSpan.FromSeconds(15));
            Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed} to stop");
            Assert.Contains("Playground stopped.", result.Stdout, StringComparison.Ordinal);
            Assert.Equal("", result.Stderr);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Serve_BadPortAndAddress_OneLineEach_Exit2()
    {
        CliProcess.Result result = await CliProcess.RunAsync(["serve", "--port", "70000", "--listen", "example.com"], Path.GetTempPath(), s_startTimeout);
        Assert.Equal(2, result.ExitCode);
        string[] lines = result.Stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(
            [
                "concurrency-demo-benchmarks: error: --port: \"70000\" is not a port — expected a whole number from 0 to 65535, e.g. 8080 (0: a free port)",
                "concurrency-demo-benchmarks: error: --listen: \"example.com\" is not an IP address — expected e.g. 127.0.0.1, ::1 or 0.0.0.0",
            ],
            lines);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void Serve_TakesNoScenarioOptions()
    {
        (int code, _, string stderr) = CliRunner.Run("--rate", "5", "serve");
        Assert.Equal(2, code);
        Assert.StartsWith("concurrency-demo-benchmarks: error: --rate does not apply to serve", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServeHelp_ListsOnlyItsOwnOptions_AsTheReadmeShowsThem()
    {
        // A real process, as the README's output was taken (in-process help wraps differently).
        CliProcess.Result result = await CliProcess.RunAsync(["serve", "--help"], Path.GetTempPath(), s_startTimeout);
        Assert.Equal(0, result.ExitCode);
        string stdout = result.Stdout;
        string options = stdout[stdout.IndexOf("Options:", StringComparison.Ordinal)..];
        string[] names = [.. options.Split('\n').Skip(1).Where(l => l.StartsWith("  -", StringComparison.Ordinal)).Select(l => l.Trim().Split(' ')[0])];
        Assert.Equal(["--port", "--listen", "-?,"], names);

        string readme = File.ReadAllText(Path.Combine(LayeringTests.RepositoryRoot(), "README.md"));
        Assert.Contains(stdout.ReplaceLineEndings("\n").TrimEnd(), readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_APortInUse_OneLine_Exit2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        CliProcess.Result result = await CliProcess.RunAsync(["serve", "--port", port.ToString(CultureInfo.InvariantCulture)], Path.GetTempPath(), s_startTimeout);
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stderr}");
        string line = Assert.Single(result.Stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"concurrency-demo-benchmarks: error: --port: cannot listen on 127.0.0.1:{port}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_AnAddressNotOnThisMachine_OneLine_Exit2()
    {
        // 192.0.2.1 is reserved for documentation (RFC 5737): no machine has it.
        CliProcess.Result result = await CliProcess.RunAsync(["serve", "--listen", "192.0.2.1"], Path.GetTempPath(), s_startTimeout);
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stderr}");
        string line = Assert.Single(result.Stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
        Assert.StartsWith("concurrency-demo-benchmarks: error: --listen: cannot listen on 192.0.2.1", line, StringComparison.Ordinal);
        Assert.Contains("expected an address of this machine", line, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    /// <summary>Reads "Playground: URL (Ctrl+C stops it)" from a starting serve.</summary>
    internal static async Task<Uri> ReadUrlAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(s_startTimeout);
        string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        Assert.NotNull(line);
        Assert.StartsWith("Playground: http://", line, StringComparison.Ordinal);
        return new Uri(line.Split(' ')[1]);
    }

    private static IEnumerable<IPAddress> OtherAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => !IPAddress.IsLoopback(a) && a.AddressFamily == AddressFamily.InterNetwork);
}
