namespace ConcurrencyDemo.Tests.Playground;

/// <summary>A test that needs Debian's headless Chromium; skipped, saying why, when it is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath))
        {
            Skip = $"{ChromiumPath} is not installed (apt-get install chromium): this test drives a real browser";
        }
    }
}
