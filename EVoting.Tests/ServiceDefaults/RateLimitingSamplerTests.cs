using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Trace;

namespace EVoting.Tests.ServiceDefaults;

/// <summary>Traces are kept while they are few, dropped beyond the rate under load, and a kept trace's children are always kept.</summary>
public sealed class RateLimitingSamplerTests
{
    private static SamplingParameters Root() =>
        new(default, ActivityTraceId.CreateRandom(), "vote submit", ActivityKind.Server);

    private static SamplingParameters ChildOf(bool sampled) =>
        new(new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None),
            ActivityTraceId.CreateRandom(), "admit", ActivityKind.Internal);

    [Fact]
    public void New_traces_are_kept_up_to_the_rate_then_dropped_until_time_refills_the_bucket()
    {
        var clock = new FakeTimeProvider();
        var sampler = new RateLimitingSampler(10, clock);

        var first = Enumerable.Range(0, 15).Select(_ => sampler.ShouldSample(Root()).Decision).ToList();
        Assert.Equal(10, first.Count(d => d == SamplingDecision.RecordAndSample));
        Assert.Equal(SamplingDecision.Drop, first[^1]);

        clock.Advance(TimeSpan.FromMilliseconds(100)); // one more token
        Assert.Equal(SamplingDecision.RecordAndSample, sampler.ShouldSample(Root()).Decision);
        Assert.Equal(SamplingDecision.Drop, sampler.ShouldSample(Root()).Decision);

        clock.Advance(TimeSpan.FromMinutes(5)); // a quiet spell refills the bucket, but no further than its size
        Assert.Equal(10, Enumerable.Range(0, 30).Count(_ => sampler.ShouldSample(Root()).Decision == SamplingDecision.RecordAndSample));
    }

    [Fact]
    public void Under_the_parent_based_wrapper_a_kept_trace_stays_complete_and_a_dropped_one_stays_dropped()
    {
        var clock = new FakeTimeProvider();
        var sampler = new ParentBasedSampler(new RateLimitingSampler(1, clock));
        Assert.Equal(SamplingDecision.RecordAndSample, sampler.ShouldSample(Root()).Decision);
        Assert.Equal(SamplingDecision.Drop, sampler.ShouldSample(Root()).Decision); // the bucket is empty

        // Spans of a kept vote (in this process or another, through the traceparent) do not ask the bucket.
        Assert.All(Enumerable.Range(0, 50), _ => Assert.Equal(SamplingDecision.RecordAndSample, sampler.ShouldSample(ChildOf(sampled: true)).Decision));
        Assert.Equal(SamplingDecision.Drop, sampler.ShouldSample(ChildOf(sampled: false)).Decision);
    }

    [Theory]
    [InlineData(null, 10)]
    [InlineData("2.5", 2.5)]
    public void The_rate_comes_from_configuration(string? text, double expected)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Telemetry:TracesPerSecond"] = text }).Build();
        Assert.Equal(expected, Extensions.TracesPerSecond(config));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("lots")]
    public void A_bad_rate_stops_the_service_with_a_clear_message(string text)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Telemetry:TracesPerSecond"] = text }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => Extensions.TracesPerSecond(config));
        Assert.Contains("Telemetry:TracesPerSecond", error.Message);
    }
}
