using System.Diagnostics;
using ConcurrencyDemo.Tests.Cli;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ConcurrencyDemo.Tests.Playground;

/// <summary>
/// The playground in a real browser: <c>serve</c> started as a user starts it, the page opened in
/// Debian's headless Chromium driven by Playwright for .NET (its bundled driver, the system's browser;
/// no browser is downloaded). Set PLAYGROUND_SCREENSHOT to a path to keep the screenshot (the README's),
/// PLAYGROUND_REAL_SCREENSHOT for one with the real runs beside the simulations.
/// </summary>
[Collection(PlaygroundCollection.Name)]
public sealed class PlaygroundInBrowserTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cdb-playground-browser-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [ChromiumFact]
    public async Task E3_Threads50To200_RedrawsTheRateChartAndTheSummary_WithTheCommandLinesNumbers()
    {
        using Process serve = Process.Start(CliProcess.StartInfo(["serve", "--port", "0"], _folder))!;
        try
        {
            Uri url = await ServeCommandTests.ReadUrlAsync(serve);
            using IPlaywright playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            await using IBrowser browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ChromiumFactAttribute.ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu"],
            });
            IPage page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1150 } });
            page.SetDefaultTimeout(15_000);

            await page.GotoAsync(new Uri(url, "?" + ConcurrencyDemo.Cli.PlaygroundOptions.E3Query).AbsoluteUri);
            await page.WaitForFunctionAsync("document.body.dataset.renders === '1'");
            Assert.Equal("50", await page.InputValueAsync("#f-threads"));
            string syncBefore = await SummaryAsync(page, "sync");
            string asyncBefore = await SummaryAsync(page, "async");
            string rateBefore = (await page.GetAttributeAsync("#sync .chart[data-chart=rate]", "data-digest"))!;
            await AssertSameAsCommandLineAsync(page, syncBefore, asyncBefore);

            await page.FillAsync("#f-threads", "200");
            await page.WaitForFunctionAsync("document.body.dataset.renders === '2' && document.body.dataset.state === 'ready'");

            string syncAfter = await SummaryAsync(page, "sync");
            string asyncAfter = await SummaryAsync(page, "async");
            string rateAfter = (await page.GetAttributeAsync("#sync .chart[data-chart=rate]", "data-digest"))!;
            Assert.NotEqual(syncBefore, syncAfter);
            Assert.Contains("sync, 200 threads", syncAfter, StringComparison.Ordinal);
            Assert.NotEqual(rateBefore, rateAfter);
            Assert.Equal(asyncBefore, asyncAfter); // async holds no thread: the pool size changes nothing
            Assert.Contains("threads=200", page.Url, StringComparison.Ordinal);
            Assert.EndsWith("compare --threads 200", await page.TextContentAsync("#command"), StringComparison.Ordinal);
            await AssertSameAsCommandLineAsync(page, syncAfter, asyncAfter);

            // Every chart drawn in the page, as wide as its column.
            Assert.Equal(6, await page.EvaluateAsync<int>(DrawnCharts("#sync, #async")));

            // A chart's SVG cannot run code in the page: script and event attributes are dropped.
            Assert.Equal("0 script, 0 handler, 1 circle", await page.EvaluateAsync<string>(
                """
                (() => {
                  const host = chartElement("test", '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="window.hit=1"><script>window.hit=2</script><circle r="3" onclick="window.hit=3"/></svg>', "test");
                  const svg = host.shadowRoot.querySelector("svg");
                  const handlers = [svg, ...svg.querySelectorAll("*")].filter(e => [...e.attributes].some(a => a.name.startsWith("on"))).length;
                  return `${svg.querySelectorAll("script").length} script, ${handlers} handler, ${svg.querySelectorAll("circle").length} circle`;
                })()
                """));

            // A bad value shows the command line's message next to its field.
            await page.FillAsync("#f-threads", "0");
            await page.WaitForFunctionAsync("document.body.dataset.state === 'error'");
            Assert.StartsWith("--threads: ", await page.TextContentAsync("#e-threads"), StringComparison.Ordinal);
            await page.FillAsync("#f-threads", "200");
            await page.WaitForFunctionAsync("document.body.dataset.renders === '3' && document.body.dataset.state === 'ready'");

            // How long a 100 000-request scenario takes from the change to the redrawn page, five times
            // (100 000 and 99 999 in turn): logged, not asserted (a timing on a shared machine is a
            // benchmark, not a test).
            var redraws = new List<int>();
            for (int change = 0; change < 5; change++)
            {
                await page.FillAsync("#f-num_req", change % 2 == 0 ? "100000" : "99999");
                await page.WaitForFunctionAsync($"document.body.dataset.renders === '{4 + change}' && document.body.dataset.state === 'ready'");
                redraws.Add(int.Parse(await page.EvaluateAsync<string>("document.body.dataset.shownMs"), System.Globalization.CultureInfo.InvariantCulture));
                output.WriteLine($"100 000 requests: {await page.TextContentAsync("#status")}");
                await Task.Delay(300); // the page's typing pause and a little more: one change at a time
            }

            output.WriteLine($"100 000 requests, redrawn after (ms): {string.Join(", ", redraws)}; median {redraws.Order().ElementAt(2)}; load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}");
            await page.FillAsync("#f-num_req", "10000");
            await page.WaitForFunctionAsync("document.body.dataset.renders === '9' && document.body.dataset.state === 'ready'");

            await page.EvaluateAsync("window.scrollTo(0, 0)");
            string screenshot = Path.Combine(_folder, "playground.png");
            await page.ScreenshotAsync(new() { Path = screenshot });
            Assert.True(new FileInfo(screenshot).Length > 50_000, "a screenshot of a drawn page");
            string keep = Environment.GetEnvironmentVariable("PLAYGROUND_SCREENSHOT") ?? "";
            if (keep.Length > 0)
            {
                File.Copy(screenshot, keep, overwrite: true);
            }

            // E3 on the real clock would take minutes: the button says why it does not run.
            await page.ClickAsync("#run-real");
            await page.WaitForFunctionAsync("document.querySelector('#real-status').textContent.includes('the playground runs at most')");

            // A short one runs: progress, then the real charts under the simulated ones (0.6 s of load).
            await page.GotoAsync(new Uri(url, "?rate=1000&num_req=300&latency=5ms*2&threads=10").AbsoluteUri);
            await page.WaitForFunctionAsync("document.body.dataset.state === 'ready'");
            await page.ClickAsync("#run-real");
            await page.WaitForFunctionAsync("document.querySelector('#real-status').textContent.startsWith('done in')", null, new() { Timeout = 20_000 });
            Assert.Contains("real clock", await SummaryAsync(page, "real-sync"), StringComparison.Ordinal);
            Assert.Contains("real clock", await SummaryAsync(page, "real-async"), StringComparison.Ordinal);
            await page.WaitForFunctionAsync(DrawnCharts("#real-sync, #real-async") + " === 6");

            // Each real run beside its simulation, in one row: sync, sync real, async, async real.
            double[] xyw = await page.EvaluateAsync<double[]>(
                "['sync', 'real-sync', 'async', 'real-async'].flatMap(id => { const r = document.getElementById(id).getBoundingClientRect(); return [r.x, r.y, r.width]; })");
            Box[] row = [.. xyw.Chunk(3).Select(b => new Box(b[0], b[1], b[2]))];
            Assert.All(row, box => Assert.InRange(box.Y, row[0].Y - 1, row[0].Y + 1));
            Assert.All(row.Zip(row.Skip(1)), pair => Assert.True(pair.Second.X >= pair.First.X + pair.First.Width, $"{pair.First} then {pair.Second}"));
            Assert.All(row, box => Assert.True(box.Width > 150, $"a column of {box.Width} px"));
            Assert.EndsWith(", real clock", await page.TextContentAsync("#real-sync h2"), StringComparison.Ordinal);
            string keepReal = Environment.GetEnvironmentVariable("PLAYGROUND_REAL_SCREENSHOT") ?? "";
            if (keepReal.Length > 0)
            {
                await page.EvaluateAsync("window.scrollTo(0, 0)");
                await page.ScreenshotAsync(new() { Path = keepReal });
            }

            // The threadpool mode is one of the modes the page offers, drawn on the left.
            await page.SelectOptionAsync("#f-mode", "threadpool");
            await page.FillAsync("#f-threads", "");
            await page.FillAsync("#f-min-threads", "20");
            await page.WaitForFunctionAsync("document.body.dataset.state === 'ready' && document.querySelector('#sync h2').textContent.startsWith('threadpool')");
            Assert.Contains("compare --mode threadpool --min-threads 20", await page.TextContentAsync("#command"), StringComparison.Ordinal);
            Assert.True(await page.IsHiddenAsync("#real-sync"), "a real run of another scenario is not left beside this one");
            await AssertSameAsCommandLineAsync(page, await SummaryAsync(page, "sync"), await SummaryAsync(page, "async"));
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
        }
    }

    // A script counting the charts under the sections that are drawn: an SVG with content, at least 150 px wide.
    private static string DrawnCharts(string sections) =>
        $"[...document.querySelectorAll('{sections}')].flatMap(s => [...s.querySelectorAll('.chart')])" +
        ".map(c => c.shadowRoot && c.shadowRoot.querySelector('svg')).filter(svg => svg && svg.querySelectorAll('path, text').length > 10 && svg.getBoundingClientRect().width > 150).length";

    private sealed record Box(double X, double Y, double Width);

    private static async Task<string> SummaryAsync(IPage page, string side) => (await page.TextContentAsync($"#{side} .summary"))!;

    // The command the page shows, run by the command line, prints the numbers the page shows.
    private async Task AssertSameAsCommandLineAsync(IPage page, string sync, string async)
    {
        string command = (await page.TextContentAsync("#command"))!;
        string[] words = PlaygroundTexts.ShellWords(command);
        Assert.Equal("concurrency-demo-benchmarks", words[0]);
        (int code, string stdout, string stderr) = CliRunner.Run(["--output", _folder, "--quiet", .. words[1..]]);
        Assert.True(code == 0, stderr);
        Assert.Equal(PlaygroundTexts.CompareSummary(stdout, "sync"), sync);
        Assert.Equal(PlaygroundTexts.CompareSummary(stdout, "async"), async);
    }
}
