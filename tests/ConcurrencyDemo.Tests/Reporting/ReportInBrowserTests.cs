using System.Diagnostics;
using System.Text.RegularExpressions;
using ConcurrencyDemo.Tests.Cli;
using SkiaSharp;

namespace ConcurrencyDemo.Tests.Reporting;

/// <summary>
/// Opens a generated report.html in a real browser (headless Chromium, Debian's <c>chromium</c>
/// package, installed on first use when missing) and checks that the table and every chart rendered.
/// </summary>
public sealed partial class ReportInBrowserTests : IDisposable
{
    private static readonly TimeSpan s_browserTimeout = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("cdb-report-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Report_RendersInChromium_WithTheTableAndEveryChart()
    {
        (int code, _, string stderr) = CliRunner.Run("--output", _folder, "--quiet", "reproduce", "--quick", "--virtual-only");
        Assert.True(code == 0, stderr);
        string report = Path.Combine(_folder, "report.html");
        string html = File.ReadAllText(report);
        int images = ImgTag().Count(html);
        Assert.True(images >= 10, $"expected the charts of E1-E8, found {images} img elements");
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);

        string chromium = FindChromium();
        string dom = RunChromium(chromium, "--dump-dom", new Uri(report).AbsoluteUri);

        // Set by the page's own script once every image has decoded (naturalWidth > 0).
        Assert.Contains($"data-images-loaded=\"{images}/{images}\"", dom, StringComparison.Ordinal);
        Assert.Contains("data-all-images-loaded=\"true\"", dom, StringComparison.Ordinal);
        Assert.Contains("<table id=\"summary\">", dom, StringComparison.Ordinal);
        foreach (string id in new[] { "E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9" })
        {
            Assert.Contains($"<section id=\"{id}\">", dom, StringComparison.Ordinal);
        }

        string screenshot = Path.Combine(_folder, "report.png");
        RunChromium(chromium, $"--screenshot={screenshot}", "--window-size=1400,3000", new Uri(report).AbsoluteUri);
        using SKBitmap shot = SKBitmap.Decode(screenshot);
        Assert.Equal(1400, shot.Width);
        Assert.Equal(3000, shot.Height);
        string keep = Environment.GetEnvironmentVariable("REPORT_SCREENSHOT") ?? "";
        if (keep.Length > 0)
        {
            File.Copy(screenshot, keep, overwrite: true);
        }
    }

    private static string FindChromium() => s_chromium.Value;

    // The browser is a test dependency: installed from Debian's package on first use when missing,
    // so that `dotnet test` alone works on a fresh machine.
    private static readonly Lazy<string> s_chromium = new(() =>
    {
        string[] candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
        string? found = candidates.FirstOrDefault(File.Exists);
        if (found is not null)
        {
            return found;
        }

        foreach (string command in new[] { "apt-get update -qq", "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium" })
        {
            using Process install = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { UseShellExecute = false })!;
            install.WaitForExit();
        }

        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("chromium not found and could not be installed: apt-get update && apt-get install -y chromium");
    });

    private string RunChromium(string chromium, params string[] args)
    {
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string flag in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic", $"--user-data-dir={Path.Combine(_folder, $"chromium-profile-{Guid.NewGuid():N}")}",
        })
        {
            start.ArgumentList.Add(flag);
        }

        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(s_browserTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium did not finish within {s_browserTimeout.TotalSeconds:0} s");
        }

        Assert.True(process.ExitCode == 0, $"chromium exit {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    [GeneratedRegex("<img ")]
    private static partial Regex ImgTag();
}
