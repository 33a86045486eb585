using ConcurrencyDemo.Engines;
using CsCheck;

namespace ConcurrencyDemo.Tests.Engines;

/// <summary>
/// The simulator's event queue against the plainest model of it: a list from which the event of lowest
/// (priority, order added) is taken. Lanes are a speed hint only: a wrong lane must never change the order.
/// </summary>
public sealed class EventQueueTests
{
    // One step of a run: add an event (at the clock plus its lane's delay, or at an arbitrary priority), take one, or move the clock.
    private readonly record struct Op(int Kind, int Lane, long ArbitraryPriority, bool LaneDelay, int Advance);

    private static readonly Gen<Op> s_op = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 11], Gen.Long[0, 60], Gen.Bool, Gen.Int[0, 3])
        .Select((kind, lane, priority, laneDelay, advance) => new Op(kind, lane, priority, laneDelay, advance));

    [Fact]
    public void AnySequence_ComesOutByPriorityThenOrderAdded()
    {
        s_op.Array[0, 500].Sample(ops =>
        {
            var queue = new EventQueue<int>();
            var model = new List<(long Priority, int Id)>(); // in the order added
            long now = 0;
            int id = 0;
            foreach (Op op in ops)
            {
                switch (op.Kind)
                {
                    case 0 or 1:
                        // More lanes (12) than the queue keeps (8), delays that keep a lane in order, and priorities that do not.
                        long priority = op.LaneDelay ? now + (op.Lane * 5) : op.ArbitraryPriority;
                        queue.Enqueue(id, priority, op.Lane);
                        model.Add((priority, id++));
                        break;
                    case 2 when model.Count > 0:
                        int first = 0;
                        for (int i = 1; i < model.Count; i++)
                        {
                            if (model[i].Priority < model[first].Priority)
                            {
                                first = i;
                            }
                        }

                        Assert.True(queue.TryPeek(out long peeked));
                        Assert.Equal(model[first].Priority, peeked);
                        Assert.Equal(model[first].Id, queue.Dequeue(out long taken));
                        Assert.Equal(model[first].Priority, taken);
                        model.RemoveAt(first);
                        break;
                    default:
                        now += op.Advance;
                        break;
                }

                Assert.Equal(model.Count, queue.Count);
            }

            Assert.Equal(model.Count > 0, queue.TryPeek(out _));
        });
    }

    [Fact]
    public void EqualPriorities_ComeOutInTheOrderAdded_WhateverTheirLanes()
    {
        var queue = new EventQueue<int>();
        queue.Enqueue(1, 10, lane: 0);
        queue.Enqueue(2, 5, lane: 1);
        queue.Enqueue(3, 10, lane: 2);
        queue.Enqueue(4, 5, lane: 0); // out of order in lane 0: the heap
        queue.Enqueue(5, 10, lane: 1);

        int[] order = [.. Enumerable.Range(0, 5).Select(_ => queue.Dequeue(out long _))];

        Assert.Equal([2, 4, 1, 3, 5], order);
        Assert.False(queue.TryPeek(out _));
    }
}
