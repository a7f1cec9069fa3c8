using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EVoting.Validator.Telemetry;

/// <summary>
/// The validator's spans and metrics. The ActivitySource is ServiceDefaults' singleton
/// ("EVoting.Validator"); the Meter has the same name. Attribute names are the project's
/// (evoting.tx_hash, evoting.election_id, evoting.block_number, evoting.validator).
/// </summary>
public sealed class ValidatorTelemetry : IDisposable
{
    public const string Name = "EVoting.Validator";
    public const string TxHash = "evoting.tx_hash";
    public const string ElectionId = "evoting.election_id";
    public const string BlockNumber = "evoting.block_number";
    public const string Validator = "evoting.validator";

    private readonly Meter _meter = new(Name);

    public ValidatorTelemetry(ActivitySource source, Func<NodeMetrics> read)
    {
        Source = source;
        _meter.CreateObservableGauge("evoting.validator.height", () => (long)read().Height, description: "height being decided (head + 1)");
        _meter.CreateObservableGauge("evoting.validator.finalized_height", () => (long)read().FinalizedHeight, description: "height of the last final block");
        _meter.CreateObservableGauge("evoting.validator.peers", () => read().Peers, description: "authenticated peer connections");
        _meter.CreateObservableGauge("evoting.validator.mempool_size", () => read().MempoolSize, description: "transactions waiting");
        RoundChanges = _meter.CreateCounter<long>("evoting.validator.round_changes", description: "rounds started after round 0");
        Equivocations = _meter.CreateCounter<long>("evoting.validator.equivocations", description: "conflicting signed messages detected");
        EventLoopLag = _meter.CreateHistogram<double>("evoting.validator.event_loop.lag", unit: "ms", description: "time between posting a no-op to the event loop and its run");
    }

    public ActivitySource Source { get; }

    public Counter<long> RoundChanges { get; }

    public Counter<long> Equivocations { get; }

    public Histogram<double> EventLoopLag { get; }

    /// <summary>A span continuing the W3C traceparent carried by a message (or the current trace when none).</summary>
    public Activity? StartFrom(string name, ActivityKind kind, string? traceparent)
    {
        if (traceparent is not null && ActivityContext.TryParse(traceparent, null, out var parent))
            return Source.StartActivity(name, kind, parent);
        return Source.StartActivity(name, kind);
    }

    public void Dispose() => _meter.Dispose();
}

public readonly record struct NodeMetrics(ulong Height, ulong FinalizedHeight, int Peers, int MempoolSize);
