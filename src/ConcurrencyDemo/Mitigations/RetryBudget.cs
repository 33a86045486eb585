namespace ConcurrencyDemo.Mitigations;

/// <summary>
/// The balance of a <see cref="RetryBudgetSettings"/>: Finagle's leaky token bucket, whose deposits
/// and withdrawals are kept in ten time slices of ttl / 10 and expire with their slice (Finagle's
/// <c>TokenBucket.newLeakyBucket</c> over a <c>WindowedAdder</c> of ten slices).
/// Amounts are in thousandths of a retry, as Finagle's are, so that 20 % of a retry is a whole number.
/// Not thread-safe: <see cref="EndpointPolicy"/> locks. Time is integer ticks since the run's zero,
/// never decreasing.
/// </summary>
internal sealed class RetryBudget
{
    private const int Slices = 10;
    private const long RetryAmount = 1000;

    private readonly long _deposit;
    private readonly long _reserve;
    private readonly long _sliceTicks;
    private readonly long[] _slices = new long[Slices];
    private long _currentSlice;

    public RetryBudget(RetryBudgetSettings settings)
    {
        _deposit = (long)Math.Round(settings.Percent / 100 * RetryAmount);
        _reserve = (long)Math.Round(settings.MinPerSecond * settings.Ttl.TotalSeconds) * RetryAmount;
        _sliceTicks = Math.Max(1, settings.Ttl.Ticks / Slices);
    }

    /// <summary>A request was sent at <paramref name="nowTicks"/>: it adds its share of a retry.</summary>
    public void Deposit(long nowTicks)
    {
        Advance(nowTicks);
        _slices[_currentSlice % Slices] += _deposit;
    }

    /// <summary>Takes one retry from the budget at <paramref name="nowTicks"/>; false (nothing taken) when the budget has less than one.</summary>
    public bool TryWithdraw(long nowTicks)
    {
        Advance(nowTicks);
        long balance = _reserve;
        foreach (long amount in _slices)
        {
            balance += amount;
        }

        if (balance < RetryAmount)
        {
            return false;
        }

        _slices[_currentSlice % Slices] -= RetryAmount;
        return true;
    }

    // Slices older than ttl expire: those the clock has moved past are cleared before reuse.
    private void Advance(long nowTicks)
    {
        long slice = nowTicks / _sliceTicks;
        for (long s = Math.Max(_currentSlice + 1, slice - Slices + 1); s <= slice; s++)
        {
            _slices[s % Slices] = 0;
        }

        _currentSlice = Math.Max(_currentSlice, slice);
    }
}
