using System.Diagnostics;
using EVoting.Api.Data;

namespace EVoting.Api.Votes;

/// <summary>
/// A vote is one trace from the submit request to finality. The request's W3C trace context is
/// stored with the outbox row, and every send of the row (by the request or later by the outbox
/// sender, even after a restart) starts its span as a child of it, so the HttpClient's
/// <c>traceparent</c> header carries the vote's trace id to the validator.
/// </summary>
public static class VoteTraceContext
{
    /// <summary>Keeps <paramref name="current"/>'s context (the submit request's span) on the row.</summary>
    public static void Capture(VoteTransaction row, Activity? current)
    {
        if (current is null || current.IdFormat != ActivityIdFormat.W3C)
            return;
        row.TraceParent = current.Id;
        row.TraceState = string.IsNullOrEmpty(current.TraceStateString) ? null : current.TraceStateString;
    }

    /// <summary>The stored context as a (remote) parent; default when the row has none or it is malformed.</summary>
    public static ActivityContext ParentOf(VoteTransaction row) =>
        row.TraceParent is { } traceparent && ActivityContext.TryParse(traceparent, row.TraceState, isRemote: true, out var parent)
            ? parent
            : default;

    /// <summary>
    /// The span around one send of an outbox row: a child of <paramref name="parent"/> (the current
    /// activity's child, or a new trace, when default). It is Activity.Current while the send runs,
    /// which is what the HttpClient propagates.
    /// </summary>
    public static Activity? StartSend(ActivitySource source, ActivityContext parent, int electionId, string txHash)
    {
        var span = source.StartActivity("outbox send", ActivityKind.Internal, parent);
        span?.SetTag("evoting.election_id", electionId);
        span?.SetTag("evoting.tx_hash", txHash);
        return span;
    }
}
