using System.Collections.Concurrent;

namespace ConcurrencyDemo.Playground;

/// <summary>The page, its script and its style sheet, embedded in the assembly: the page needs nothing from the internet.</summary>
internal static class PlaygroundAssets
{
    private static readonly ConcurrentDictionary<string, byte[]> s_cache = new();

    /// <summary>The bytes of asset <paramref name="name"/> (a file of Playground/Assets).</summary>
    public static ReadOnlyMemory<byte> Read(string name) => s_cache.GetOrAdd(name, static n =>
    {
        using Stream stream = typeof(PlaygroundAssets).Assembly.GetManifestResourceStream($"Playground.Assets.{n}")
            ?? throw new InvalidOperationException($"embedded asset {n} is missing");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    });
}
