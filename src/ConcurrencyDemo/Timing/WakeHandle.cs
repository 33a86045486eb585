using Microsoft.Win32.SafeHandles;

namespace ConcurrencyDemo.Timing;

/// <summary>
/// An eventfd owned as a <see cref="System.Runtime.InteropServices.SafeHandle"/>: once closed, a late
/// wake-up fails instead of writing its 8 bytes to whatever file or socket the kernel gave that
/// descriptor number next, and a wake-up in progress keeps the descriptor open until it is done.
/// </summary>
internal sealed class WakeHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public WakeHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => LinuxTimerNative.CloseDescriptor((int)handle) == 0;
}
