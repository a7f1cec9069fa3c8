using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EVoting.Api.Data;
using EVoting.Api.Votes;

namespace EVoting.Tests.Api;

/// <summary>The submit request's trace context, stored with the outbox row, is the parent of every later send.</summary>
public sealed class VoteTraceContextTests : IDisposable
{
    private readonly ActivitySource _source = new("EVoting.Test.VoteTrace." + Guid.NewGuid().ToString("N"));
    private readonly ActivityListener _listener;

    public VoteTraceContextTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == _source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _source.Dispose();
    }

    private static VoteTransaction Row() => new() { ElectionId = 7, TxHash = "0x" + new string('a', 64), BallotHash = new string('b', 64), Payload = "{}" };

    [Fact]
    public void The_submit_requests_context_is_stored_with_the_row_and_read_back_as_a_remote_parent()
    {
        var row = Row();
        using (var submit = _source.StartActivity("vote submit", ActivityKind.Server)!)
        {
            submit.TraceStateString = "vendor=abc";
            VoteTraceContext.Capture(row, Activity.Current);
            Assert.Equal(submit.Id, row.TraceParent);
            Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$", row.TraceParent);
            Assert.Equal("vendor=abc", row.TraceState);

            var parent = VoteTraceContext.ParentOf(row);
            Assert.Equal(submit.TraceId, parent.TraceId);
            Assert.Equal(submit.SpanId, parent.SpanId);
            Assert.Equal("vendor=abc", parent.TraceState);
            Assert.True(parent.IsRemote);
        }
    }

    [Fact]
    public async Task A_later_send_outside_the_request_is_a_child_of_the_stored_context_and_its_http_call_carries_that_trace_id()
    {
        var row = Row();
        ActivityTraceId voteTrace;
        ActivitySpanId submitSpan;
        using (var submit = _source.StartActivity("vote submit")!)
        {
            VoteTraceContext.Capture(row, submit);
            (voteTrace, submitSpan) = (submit.TraceId, submit.SpanId);
        }
        Assert.Null(Activity.Current); // the background sender runs outside any request

        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var received = ReadOneRequestAsync(server);
        using (var send = VoteTraceContext.StartSend(_source, VoteTraceContext.ParentOf(row), row.ElectionId, row.TxHash)!)
        {
            Assert.Equal(voteTrace, send.TraceId);
            Assert.Equal(submitSpan, send.ParentSpanId);
            Assert.Equal(row.TxHash, send.GetTagItem("evoting.tx_hash"));
            Assert.Equal(7, send.GetTagItem("evoting.election_id"));
            using var http = new HttpClient();
            using var response = await http.PostAsync($"http://127.0.0.1:{((IPEndPoint)server.LocalEndpoint).Port}/rpc",
                new StringContent("{}"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var headers = await received;
        var traceparent = headers.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("traceparent", StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim()).SingleOrDefault();
        Assert.True(traceparent is not null, "the request carried no traceparent:\n" + headers);
        Assert.Equal(voteTrace.ToHexString(), traceparent.Split('-')[1]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-traceparent")]
    public void A_row_without_a_usable_context_gets_a_send_span_in_a_new_trace(string? stored)
    {
        var row = Row();
        row.TraceParent = stored;
        Assert.Equal(default, VoteTraceContext.ParentOf(row));
        using var send = VoteTraceContext.StartSend(_source, VoteTraceContext.ParentOf(row), row.ElectionId, row.TxHash)!;
        Assert.Null(send.Parent);
        Assert.Equal(default, send.ParentSpanId);
    }

    [Fact]
    public void Nothing_is_stored_when_there_is_no_current_activity()
    {
        var row = Row();
        VoteTraceContext.Capture(row, null);
        Assert.Null(row.TraceParent);
        Assert.Null(row.TraceState);
    }

    /// <summary>Accepts one HTTP request on a real socket, answers 200 and returns its header block.</summary>
    private static async Task<string> ReadOneRequestAsync(TcpListener server)
    {
        using var client = await server.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        var buffer = new byte[16 * 1024];
        var text = new StringBuilder();
        while (!text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken);
            if (n == 0)
                break;
            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), TestContext.Current.CancellationToken);
        return text.ToString();
    }
}
