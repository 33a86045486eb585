using ConcurrencyDemo.Mitigations;

namespace ConcurrencyDemo.Tests.Mitigations;

public sealed class BalancerTests
{
    [Fact]
    public void RoundRobin_TakesEachInTurn_SkippingEjected()
    {
        var b = new Balancer(BalancerKind.RoundRobin, 4, seed: 0);
        int[] outstanding = new int[4];
        bool[] ejected = [false, true, false, false];
        int[] picks = Enumerable.Range(0, 6).Select(_ => b.Pick(outstanding, ejected, 1)).ToArray();
        Assert.Equal([0, 2, 3, 0, 2, 3], picks);
    }

    [Fact]
    public void LeastOutstanding_PicksTheFewest_TiesGoRoundRobin()
    {
        var b = new Balancer(BalancerKind.LeastOutstanding, 3, seed: 0);
        Assert.Equal(1, b.Pick([2, 0, 1], null, 0));
        Assert.Equal(2, b.Pick([0, 0, 0], null, 0)); // the scan starts after the last pick
        Assert.Equal(0, b.Pick([0, 0, 0], null, 0));
    }

    [Fact]
    public void PowerOfTwoChoices_NeverPicksTheBusierOfTwo()
    {
        var b = new Balancer(BalancerKind.PowerOfTwoChoices, 2, seed: 7);
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(1, b.Pick([5, 0], null, 0));
        }
    }

    [Fact]
    public void PowerOfTwoChoices_OverThree_NeverPicksTheBusiest()
    {
        var b = new Balancer(BalancerKind.PowerOfTwoChoices, 3, seed: 1);
        var picks = Enumerable.Range(0, 300).Select(_ => b.Pick([0, 9, 0], null, 0)).ToList();
        // The busiest loses every pair it is in: it is picked only if drawn with itself, which p2c never does.
        Assert.DoesNotContain(1, picks);
        Assert.Contains(0, picks);
        Assert.Contains(2, picks);
    }

    [Theory]
    [InlineData(BalancerKind.RoundRobin)]
    [InlineData(BalancerKind.Random)]
    [InlineData(BalancerKind.LeastOutstanding)]
    [InlineData(BalancerKind.PowerOfTwoChoices)]
    public void EveryEndpointOut_StillPicksOne(BalancerKind kind)
    {
        var b = new Balancer(kind, 2, seed: 0);
        Assert.InRange(b.Pick([0, 0], [true, true], 2), 0, 1);
    }

    [Theory]
    [InlineData(BalancerKind.Random)]
    [InlineData(BalancerKind.PowerOfTwoChoices)]
    [InlineData(BalancerKind.LeastOutstanding)]
    public void NeverPicksAnEjectedEndpoint(BalancerKind kind)
    {
        var b = new Balancer(kind, 5, seed: 3);
        bool[] ejected = [false, false, true, false, false];
        for (int i = 0; i < 200; i++)
        {
            Assert.NotEqual(2, b.Pick([1, 1, 0, 1, 1], ejected, 1));
        }
    }
}
