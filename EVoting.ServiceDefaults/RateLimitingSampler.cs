using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Head-based sampling by rate: every new trace is kept while a process starts fewer than
/// <c>perSecond</c> of them a second (a token bucket of that size, refilled continuously), and
/// the excess is dropped under load. It decides only for traces that start here; wrapped in
/// <see cref="ParentBasedSampler"/>, every span of a kept vote — in the API and, through the
/// propagated traceparent, in every validator — is kept too, so a sampled vote's trace stays
/// complete. Why not a ratio: at a few votes a minute every trace should be there, and at 150 a
/// second the dashboard's ingestion cost ~1.8 ms of CPU per vote (docs/benchmarks.md). OpenTelemetry's
/// own rate-limiting sampler lives in a contrib package this machine's registry does not serve
/// (docs/decisions.md).
/// </summary>
public sealed class RateLimitingSampler : Sampler
{
    private readonly double _perSecond;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _last;

    public RateLimitingSampler(double perSecond, TimeProvider? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        _perSecond = perSecond;
        _clock = clock ?? TimeProvider.System;
        _tokens = perSecond;
        _last = _clock.GetTimestamp();
        Description = $"RateLimitingSampler{{{perSecond}/s}}";
    }

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            _tokens = Math.Min(_perSecond, _tokens + _clock.GetElapsedTime(_last, now).TotalSeconds * _perSecond);
            _last = now;
            if (_tokens < 1)
                return new SamplingResult(SamplingDecision.Drop);
            _tokens -= 1;
            return new SamplingResult(SamplingDecision.RecordAndSample);
        }
    }
}
