using ConcurrencyDemo.Playground;

namespace ConcurrencyDemo.Tests.Playground;

public sealed class SimulationGateTests
{
    [Fact]
    public async Task HoldAll_WaitsForTheRunningSimulation_ThenKeepsNewOnesOut_UntilDisposed()
    {
        using var gate = new SimulationGate(running: 2, waiting: 8);
        IDisposable running = (await gate.EnterAsync(TimeSpan.Zero, CancellationToken.None))!;

        Task<IDisposable> hold = gate.HoldAllAsync(CancellationToken.None);
        Assert.False(hold.IsCompleted); // a simulation is still running
        running.Dispose();
        IDisposable held = await hold;
        Assert.True(gate.HeldByARealRun);

        Assert.Null(await gate.EnterAsync(TimeSpan.Zero, CancellationToken.None)); // kept out
        Task<IDisposable?> waiting = gate.EnterAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        held.Dispose();
        Assert.False(gate.HeldByARealRun);
        using IDisposable? admitted = await waiting;
        Assert.NotNull(admitted);
    }

    [Fact]
    public async Task HoldAll_Cancelled_GivesBackTheSlotsItHadTaken()
    {
        using var gate = new SimulationGate(running: 2, waiting: 8);
        IDisposable running = (await gate.EnterAsync(TimeSpan.Zero, CancellationToken.None))!;
        using var cancel = new CancellationTokenSource();

        Task<IDisposable> hold = gate.HoldAllAsync(cancel.Token); // takes the free slot, waits for the other
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hold);
        Assert.False(gate.HeldByARealRun);

        // The slot it took is free again: with the running one, two simulations fit.
        using IDisposable? second = await gate.EnterAsync(TimeSpan.Zero, CancellationToken.None);
        Assert.NotNull(second);
        running.Dispose();
    }
}
