using Microsoft.Extensions.Hosting;

namespace ConcurrencyDemo.Upstream;

/// <summary>
/// A host lifetime that reacts to no signal: the upstream servers live inside the tool's process, and
/// the tool decides when they stop. ASP.NET Core's default console lifetime would stop them on Ctrl+C
/// at once, turning the calls still in flight — which the run gives a grace period — into resets.
/// </summary>
internal sealed class ToolOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
