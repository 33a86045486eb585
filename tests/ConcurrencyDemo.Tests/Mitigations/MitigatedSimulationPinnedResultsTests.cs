using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Mitigations;

/// <summary>
/// The exact results of a few mitigated virtual-clock runs, pinned before the simulator was made faster
/// (issue 14): a speed-up must change nothing a run reports. Each case states its headline figures (so
/// a failure says what moved) and the SHA-256 of its whole JSON report (so nothing else can move unseen).
/// </summary>
public sealed class MitigatedSimulationPinnedResultsTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        {
            "sync all 100000/s",
            "ok 100000 timeouts 0 failed 0 last 43841500 rate 23128.333333333332 p99 3284.991; retried 0 refused 0 hedged 3278 won 3278 abandoned 3278; 11111/11111/0/0/0/0; 11113/11113/0/0/0/0; 11111/11111/0/0/0/0; 11116/11116/0/0/0/0; 11104/11104/0/0/0/0; 11118/11118/0/0/0/0; 11114/11114/0/0/0/0; 11100/11100/0/0/0/0; 11113/11113/0/0/0/0; 3278/0/0/0/0/0",
            "5FC9C958705E6DFED81441B278225B5F71F3D575CC3495D914D884CEBFD521A5"
        },
        {
            "async all 100000/s",
            "ok 45000 timeouts 100 failed 55000 last 10702200 rate 44371.2592563377 p99 0; retried 20100 refused 54509 hedged 101 won 2 abandoned 2; 12267/5000/0/7267/0/0; 12430/5000/0/7430/0/0; 12447/5000/0/7447/0/0; 12512/5000/0/7512/0/0; 12305/5000/0/7305/0/0; 12463/5000/0/7463/0/0; 12343/5000/0/7343/0/0; 12236/5000/0/7236/0/0; 12400/5000/0/7400/0/0; 8798/0/100/8696/1/1",
            "27B38FC257B878E5474B4BF0A981E72096D073C102341743BE89E30E71F0CC2E"
        },
        {
            "sync hedge 100000/s",
            "ok 100000 timeouts 0 failed 0 last 51245900 rate 19683.75 p99 4022.271; retried 0 refused 0 hedged 10717 won 10717 abandoned 10717; 11112/11112/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 10717/0/0/0/0/0",
            "EB1B63D3DC59C11C49C046B4E2036AA5478213E81B05F03C0A7BB1EA660C33AF"
        },
        {
            "async hedge 100000/s",
            "ok 100000 timeouts 0 failed 0 last 10699600 rate 93461.43781075928 p99 50; retried 0 refused 0 hedged 10629 won 10629 abandoned 10629; 11112/11112/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 10629/0/0/0/0/0",
            "855D27D61D42D7D70D970692129BB25AAADA0C8C8E1988114BC024F3B0C53913"
        },
        {
            "sync all 1000/s",
            "ok 100000 timeouts 0 failed 0 last 1000560000 rate 1000.020202020202 p99 50; retried 0 refused 0 hedged 4510 won 4510 abandoned 4510; 11138/11138/0/0/0/0; 11055/11055/0/0/0/0; 11109/11109/0/0/0/0; 11170/11170/0/0/0/0; 11102/11102/0/0/0/0; 11158/11158/0/0/0/0; 11100/11100/0/0/0/0; 11043/11043/0/0/0/0; 11125/11125/0/0/0/0; 4510/0/0/0/0/0",
            "CE105114BCE6717993F8743E94E81D470E1D84C636C7D5B76ACD542203F88670"
        },
        {
            "async all 1000/s",
            "ok 100000 timeouts 0 failed 0 last 1000560000 rate 1000.020202020202 p99 50; retried 0 refused 0 hedged 4510 won 4510 abandoned 4510; 11138/11138/0/0/0/0; 11055/11055/0/0/0/0; 11109/11109/0/0/0/0; 11170/11170/0/0/0/0; 11102/11102/0/0/0/0; 11158/11158/0/0/0/0; 11100/11100/0/0/0/0; 11043/11043/0/0/0/0; 11125/11125/0/0/0/0; 4510/0/0/0/0/0",
            "25FE97452EFF1F51320EEA8A966BA1BE0D31A903A80CC43310F7A467F82357DC"
        },
        {
            "threadpool all 1000/s",
            "ok 1341 timeouts 41 failed 98659 last 2480020000 rate 0.05327868852459016 p99 246979; retried 19904 refused 98601 hedged 102 won 63 abandoned 1; 13056/148/0/12908/0/0; 13232/149/0/13083/0/0; 13303/149/0/13154/0/0; 13421/148/0/13273/0/0; 13266/149/0/13117/0/0; 13330/150/0/13180/0/0; 13167/150/0/13017/0/0; 13220/148/0/13072/0/0; 13161/150/0/13011/0/0; 850/0/103/746/1/1",
            "DE7AEBDA3B64994E08A2D0190BB7E1C26E0108E6894B0720B0338850D46F1FD7"
        },
        {
            "sync guard 1000/s",
            "ok 100000 timeouts 0 failed 0 last 1000190000 rate 1000.989898989899 p99 0; retried 2879 refused 0 hedged 0 won 0 abandoned 0; 11112/11112/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 2879/0/109/2770/2/6",
            "0C999E7D35BF3B7704E78FAEFC26D51A04F3005D98181163807E86FA7C3464FC"
        },
        {
            "async guard 1000/s",
            "ok 100000 timeouts 0 failed 0 last 1000190000 rate 1000.989898989899 p99 0; retried 2879 refused 0 hedged 0 won 0 abandoned 0; 11112/11112/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 2879/0/109/2770/2/6",
            "D3F342AF987D209CAF06872893F979C024BC8CB0D4E417F096D8B38B63B94444"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MitigatedRun_GivesThePinnedResults(string name, string headline, string jsonSha256)
    {
        RunResult r = new ScenarioRun(Build(name)).Run(CancellationToken.None);

        Assert.Equal(headline, Headline(r));
        Assert.Equal(jsonSha256, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonReport.Serialize(r)))));
    }

    // "<engine> <mitigation> <rate>/s": E3 with a 1 s timeout, 100 000 requests; "all" and "hedge" are the benchmark's mitigations.
    private static Scenario Build(string name)
    {
        string[] parts = name.Split(' ');
        EngineKind engine = parts[0] switch { "sync" => EngineKind.Sync, "async" => EngineKind.Async, _ => EngineKind.ThreadPool };
        Scenario scenario = new ScenarioBuilder
        {
            Name = "pinned",
            Rate = parts[2].TrimEnd("/s".ToCharArray()),
            RequestCount = "100000",
            Latency = "20ms*9,30s",
            Timeout = "1s",
            Engine = engine,
            Threads = engine == EngineKind.Async ? null : "500",
            Clock = ClockKind.Virtual,
        }.Build();
        MitigationSettings mitigations = parts[1] switch
        {
            "hedge" => MitigationSettings.None with { HedgeAfter = TimeSpan.FromMilliseconds(50) },
            // Without a hedge to hide the dead endpoint, ejection, the breaker and the retry budget all act.
            "guard" => new MitigationSettings(BalancerKind.RoundRobin, EjectionSettings.Default)
            {
                Breaker = BreakerSettings.Default,
                Retries = 2,
                RetryBudget = RetryBudgetSettings.Share(20),
            },
            _ => new MitigationSettings(BalancerKind.PowerOfTwoChoices, EjectionSettings.Default)
            {
                Breaker = BreakerSettings.Default,
                Bulkhead = 100,
                Retries = 2,
                RetryBudget = RetryBudgetSettings.Share(20),
                HedgeAfter = TimeSpan.FromMilliseconds(50),
            },
        };
        return scenario with { Mitigations = mitigations };
    }

    private static string Headline(RunResult r)
    {
        RunStatistics s = r.Statistics;
        MitigationCounters c = r.MitigationCounters!;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"ok {s.Successes} timeouts {s.Timeouts} failed {s.Failures} last {s.LastCompletion.Ticks} rate {s.Rate.Average:R} p99 {s.OverheadMsAt(99):R}");
        text.Append(CultureInfo.InvariantCulture, $"; retried {c.Retried} refused {c.RetriesRefused} hedged {c.Hedged} won {c.HedgesWon} abandoned {c.Abandoned}");
        foreach (EndpointStatistics e in r.Endpoints!)
        {
            text.Append(CultureInfo.InvariantCulture, $"; {e.Requests}/{e.Successes}/{e.Failures}/{e.FastFails}/{e.Ejections}/{e.BreakerOpened}");
        }

        return text.ToString();
    }
}
