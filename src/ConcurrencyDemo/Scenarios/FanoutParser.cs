using System.Globalization;

namespace ConcurrencyDemo.Scenarios;

/// <summary>Parses <c>--fanout K</c> or <c>--fanout K/Q</c>.</summary>
public static class FanoutParser
{
    /// <param name="text">The option's value.</param>
    /// <param name="endpoints">How many endpoints --latency lists: K may not exceed it.</param>
    /// <param name="fanout">The parsed value, when valid.</param>
    /// <param name="error">Otherwise one line naming the problem and the valid form.</param>
    public static bool TryParse(string text, int endpoints, out Fanout fanout, out string error)
    {
        string form = $"K or K/Q, whole numbers with 1 ≤ Q ≤ K ≤ {endpoints} (the --latency endpoints), e.g. 10 or 10/9";
        fanout = Fanout.None;
        string[] parts = text.Split('/');
        if (parts.Length > 2 || !Whole(parts[0], out int k) || (parts.Length == 2 && !Whole(parts[1], out _)))
        {
            error = $"--fanout: \"{text}\" is not K or K/Q — expected {form}";
            return false;
        }

        int q = k;
        if (parts.Length == 2)
        {
            _ = Whole(parts[1], out q);
        }

        if (k < 1 || k > endpoints)
        {
            error = $"--fanout: K = {k} but --latency lists {endpoints} endpoint{(endpoints == 1 ? "" : "s")} — expected {form}";
            return false;
        }

        if (q < 1 || q > k)
        {
            error = $"--fanout: Q = {q} is not from 1 to K = {k} — expected {form}";
            return false;
        }

        fanout = new Fanout(k, q);
        error = "";
        return true;
    }

    private static bool Whole(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
