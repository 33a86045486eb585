using ConcurrencyDemo.Mitigations;

namespace ConcurrencyDemo.Tests.Mitigations;

/// <summary>Finagle's retry budget: deposits per request, one withdrawal per retry, a reserve, deposits expiring after ttl.</summary>
public sealed class RetryBudgetTests
{
    private static readonly long s_second = TimeSpan.TicksPerSecond;

    [Fact]
    public void TwentyPercent_NoReserve_AllowsTwoRetriesPerTenRequests()
    {
        var budget = new RetryBudget(new RetryBudgetSettings(20, TimeSpan.FromSeconds(10), 0));
        for (int i = 0; i < 10; i++)
        {
            budget.Deposit(i);
        }

        Assert.True(budget.TryWithdraw(10));
        Assert.True(budget.TryWithdraw(11));
        Assert.False(budget.TryWithdraw(12));
    }

    [Fact]
    public void TheReserve_AllowsMinPerSecondTimesTtl_WithoutAnyRequest()
    {
        var budget = new RetryBudget(new RetryBudgetSettings(20, TimeSpan.FromSeconds(10), 10));
        int allowed = 0;
        while (budget.TryWithdraw(allowed))
        {
            allowed++;
        }

        Assert.Equal(100, allowed);
    }

    [Fact]
    public void Deposits_ExpireAfterTheTtl_AndWithdrawalsWithThem()
    {
        var budget = new RetryBudget(new RetryBudgetSettings(50, TimeSpan.FromSeconds(10), 0));
        budget.Deposit(0);
        budget.Deposit(0);
        Assert.True(budget.TryWithdraw(0));
        Assert.False(budget.TryWithdraw(5 * s_second));

        // 11 s later the deposits and the withdrawal have left the window: nothing to draw on.
        Assert.False(budget.TryWithdraw(11 * s_second));
        budget.Deposit(11 * s_second);
        budget.Deposit(11 * s_second);
        Assert.True(budget.TryWithdraw(11 * s_second));
    }
}
