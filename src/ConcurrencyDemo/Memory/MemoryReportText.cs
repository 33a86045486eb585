using System.Globalization;
using System.Text;
using ConcurrencyDemo.Reporting;

namespace ConcurrencyDemo.Memory;

/// <summary>Formats a <see cref="MemoryReport"/> as the lines the <c>memory</c> command prints.</summary>
public static class MemoryReportText
{
    /// <summary>The table of thread and async costs, the article's figures beside ours, and why virtual and resident differ.</summary>
    public static string Format(MemoryReport report)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("Blocked threads (sync mode): each N measured in a fresh process (MALLOC_ARENA_MAX=1, as in the article)");
        text.AppendLine(inv, $"{"threads",8} {"virtual",11} {"resident",10} {"peak RSS",10} {"virt/thread",12} {"RSS/thread",11}   {"article (pmap, virtual)",24}");
        AppendRow(text, report.ThreadBaseline, null, ArticleFigures.SyncProcessBytesByThreads.GetValueOrDefault(report.ThreadBaseline.Count));
        foreach (MemoryCost cost in report.Threads)
        {
            AppendRow(text, cost.Sample, cost, ArticleFigures.SyncProcessBytesByThreads.GetValueOrDefault(cost.Sample.Count));
        }

        text.AppendLine();
        text.AppendLine("Pending async requests: each N measured in a fresh process");
        text.AppendLine(inv, $"{"requests",8} {"virtual",11} {"resident",10} {"peak RSS",10} {"virt/req",12} {"RSS/req",11}   {"article (pmap, virtual)",24}");
        AppendRow(text, report.AsyncBaseline, null, ArticleFigures.AsyncProcessBytes);
        foreach (MemoryCost cost in report.Pending)
        {
            AppendRow(text, cost.Sample, cost, 0);
        }

        text.AppendLine();
        text.AppendLine(inv, $"Article: ~{Units.Bytes((long)ArticleFigures.VirtualBytesPerThread)} per thread (pmap total, i.e. virtual); async process {Units.Bytes(ArticleFigures.AsyncProcessBytes)}.");
        if (report.LargestThreadSample is { } largest)
        {
            text.AppendLine(inv, $"Ours: {Units.Bytes((long)largest.VirtualPerUnit)} virtual and {Units.Bytes((long)largest.ResidentPerUnit)} resident per thread (at {largest.Sample.Count} threads).");
        }

        text.AppendLine($"Why two figures: {Explanation(report.StackLimitBytes)}");
        text.AppendLine(inv, $"Process totals are not comparable: a fresh .NET process already reserves {Units.Bytes(report.ThreadBaseline.VirtualBytes)} of address space (mostly the GC's region reservation, untouched), so compare the per-thread and per-request costs.");
        return text.ToString();
    }

    /// <summary>One or two plain sentences on why a thread's virtual and resident costs differ.</summary>
    public static string Explanation(long? stackLimitBytes)
    {
        string limit = stackLimitBytes is { } b ? $"ulimit -s, {Units.Bytes(b)} here" : "ulimit -s";
        return $"Every thread reserves a whole stack in the address space ({limit}; Rust, which the article used, reserves 2 MiB), " +
            "and that reservation is what pmap and VmSize count; but the kernel only gives RAM to the stack pages a thread actually touches, " +
            "and a thread blocked in a call touches a few tens of KB — that is VmRSS, the memory the machine really spends.";
    }

    private static void AppendRow(StringBuilder text, MemorySample s, MemoryCost? cost, long article)
    {
        var inv = CultureInfo.InvariantCulture;
        string perVirtual = cost is null ? "baseline" : Units.Bytes((long)cost.VirtualPerUnit);
        string perResident = cost is null ? "" : Units.Bytes((long)cost.ResidentPerUnit);
        string articleText = article > 0 ? Units.Bytes(article) : "";
        text.AppendLine(inv, $"{s.Count,8} {Units.Bytes(s.VirtualBytes),11} {Units.Bytes(s.ResidentBytes),10} {Units.Bytes(s.PeakResidentBytes),10} {perVirtual,12} {perResident,11}   {articleText,24}");
    }
}
