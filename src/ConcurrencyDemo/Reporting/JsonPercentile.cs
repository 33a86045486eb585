using System.Text.Json.Serialization;

namespace ConcurrencyDemo.Reporting;

/// <summary>One summary percentile in the JSON document; the overhead is written as null when nothing succeeded.</summary>
/// <param name="Percentile">0..100.</param>
/// <param name="OverheadMs">Overhead in ms, or null when there were no successes.</param>
internal sealed record JsonPercentile(
    double Percentile,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? OverheadMs);
