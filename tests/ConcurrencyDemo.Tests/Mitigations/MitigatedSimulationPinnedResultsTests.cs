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
/// <remarks>
/// A field added to the JSON changes every hash: re-pin them only when the headline figures still hold
/// and the hashes of the JSON without the new field are the old ones (done once, for summary.last_success_ms).
/// </remarks>
public sealed class MitigatedSimulationPinnedResultsTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        {
            "sync all 100000/s",
            "ok 100000 timeouts 0 failed 0 last 43841500 rate 23128.333333333332 p99 3284.991; retried 0 refused 0 hedged 3278 won 3278 abandoned 3278; 11111/11111/0/0/0/0; 11113/11113/0/0/0/0; 11111/11111/0/0/0/0; 11116/11116/0/0/0/0; 11104/11104/0/0/0/0; 11118/11118/0/0/0/0; 11114/11114/0/0/0/0; 11100/11100/0/0/0/0; 11113/11113/0/0/0/0; 3278/0/0/0/0/0",
            "FA2F9FCBCDFDC6915174D429CBC992CD61A9F18ACC6B0E92E98F079664A203CB"
        },
        {
            "async all 100000/s",
            "ok 45000 timeouts 100 failed 55000 last 10702200 rate 44371.2592563377 p99 0; retried 20100 refused 54509 hedged 101 won 2 abandoned 2; 12267/5000/0/7267/0/0; 12430/5000/0/7430/0/0; 12447/5000/0/7447/0/0; 12512/5000/0/7512/0/0; 12305/5000/0/7305/0/0; 12463/5000/0/7463/0/0; 12343/5000/0/7343/0/0; 12236/5000/0/7236/0/0; 12400/5000/0/7400/0/0; 8798/0/100/8696/1/1",
            "FFC9272AFB31F35D6B6735945F48F4D34C64656C8F8D3ED8B76B9BF93887E545"
        },
        {
            "sync hedge 100000/s",
            "ok 100000 timeouts 0 failed 0 last 51245900 rate 19683.75 p99 4022.271; retried 0 refused 0 hedged 10717 won 10717 abandoned 10717; 11112/11112/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 10717/0/0/0/0/0",
            "BDD34430C45698D326C5D5F00925CC30E3D08CEE36CDBC6384FB586741958094"
        },
        {
            "async hedge 100000/s",
            "ok 100000 timeouts 0 failed 0 last 10699600 rate 93461.43781075928 p99 50; retried 0 refused 0 hedged 10629 won 10629 abandoned 10629; 11112/11112/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 10629/0/0/0/0/0",
            "B867660477932AF74BB1CDBC51B9FF47421F4CF2FA7DE3E7AC9C91C01B15E6CD"
        },
        {
            "sync all 1000/s",
            "ok 100000 timeouts 0 failed 0 last 1000560000 rate 1000.020202020202 p99 50; retried 0 refused 0 hedged 4510 won 4510 abandoned 4510; 11138/11138/0/0/0/0; 11055/11055/0/0/0/0; 11109/11109/0/0/0/0; 11170/11170/0/0/0/0; 11102/11102/0/0/0/0; 11158/11158/0/0/0/0; 11100/11100/0/0/0/0; 11043/11043/0/0/0/0; 11125/11125/0/0/0/0; 4510/0/0/0/0/0",
            "EB6D43B91BDE27D22A389C2385BE42CFFA23CD32C9629547FDC2EA2E2A746548"
        },
        {
            "async all 1000/s",
            "ok 100000 timeouts 0 failed 0 last 1000560000 rate 1000.020202020202 p99 50; retried 0 refused 0 hedged 4510 won 4510 abandoned 4510; 11138/11138/0/0/0/0; 11055/11055/0/0/0/0; 11109/11109/0/0/0/0; 11170/11170/0/0/0/0; 11102/11102/0/0/0/0; 11158/11158/0/0/0/0; 11100/11100/0/0/0/0; 11043/11043/0/0/0/0; 11125/11125/0/0/0/0; 4510/0/0/0/0/0",
            "320F215329966CFDDEC99057305E6ADFBDBAF5481F0C2C807B9CCB9647C356DB"
        },
        {
            "threadpool all 1000/s",
            "ok 1341 timeouts 41 failed 98659 last 2480020000 rate 0.05327868852459016 p99 246979; retried 19904 refused 98601 hedged 102 won 63 abandoned 1; 13056/148/0/12908/0/0; 13232/149/0/13083/0/0; 13303/149/0/13154/0/0; 13421/148/0/13273/0/0; 13266/149/0/13117/0/0; 13330/150/0/13180/0/0; 13167/150/0/13017/0/0; 13220/148/0/13072/0/0; 13161/150/0/13011/0/0; 850/0/103/746/1/1",
            "43C2754F171894088A19534F60ED03B80E189E8B442E9CC99CB8C1C1745FA0D3"
        },
        {
            "sync guard 1000/s",
            "ok 100000 timeouts 0 failed 0 last 1000190000 rate 1000.989898989899 p99 0; retried 2879 refused 0 hedged 0 won 0 abandoned 0; 11112/11112/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 2879/0/109/2770/2/6",
            "1A081CC12613D16F789D6956D87ECC6E1A99D4F6253C54562E35F0F513D34081"
        },
        {
            "async guard 1000/s",
            "ok 100000 timeouts 0 failed 0 last 1000190000 rate 1000.989898989899 p99 0; retried 2879 refused 0 hedged 0 won 0 abandoned 0; 11112/11112/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 11111/11111/0/0/0/0; 2879/0/109/2770/2/6",
            "3EF51696D6DBB3F3705C94C4DF536270F0E7B7EB826709C7ACAE0AE25872416E"
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
