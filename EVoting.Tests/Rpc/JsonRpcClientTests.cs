using System.Net;
using EVoting.Chain;
using EVoting.Rpc;
using EVoting.Tests.Chain;

namespace EVoting.Tests.Rpc;

/// <summary>The shared JSON-RPC client's three kinds of failure, and which error codes are worth another try.</summary>
public sealed class JsonRpcClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonRpcClient Client(Func<string, HttpResponseMessage> answer) =>
        new(new HttpClient(new FakeRpcHandler((_, method, _, _) => Task.FromResult(answer(method)))), new Uri("http://validator-a:8001/rpc"));

    [Theory]
    [InlineData(RpcErrorCodes.PoolFull, true)]
    [InlineData(RpcErrorCodes.Internal, true)]
    [InlineData(RpcErrorCodes.Rejected, false)]
    [InlineData(RpcErrorCodes.BadSignature, false)]
    [InlineData(RpcErrorCodes.Duplicate, false)]
    [InlineData(RpcErrorCodes.InvalidBallot, false)]
    [InlineData(RpcErrorCodes.ElectionState, false)]
    [InlineData(RpcErrorCodes.InvalidParams, false)]
    [InlineData(RpcErrorCodes.MethodNotFound, false)]
    public void Whether_a_refusal_can_pass_is_decided_by_its_code(int code, bool transient)
    {
        Assert.Equal(transient, RpcErrorCodes.IsTransient(code));
        // The message plays no part: a "busy" pool message on a verdict code is still a verdict.
        Assert.Equal(transient, new RpcException(code, "pool busy, try again").IsTransient);
    }

    [Fact]
    public async Task A_json_rpc_error_is_an_RpcException_with_its_code_and_message()
    {
        var client = Client(_ => FakeRpcHandler.Error(RpcErrorCodes.InvalidBallot, "invalid ballot: proof"));
        var tx = new TestChain().Vote(1, 1);

        var e = await Assert.ThrowsAsync<RpcException>(() => client.SendTransactionAsync(tx, Ct));

        Assert.Equal((RpcErrorCodes.InvalidBallot, "invalid ballot: proof"), (e.Code, e.Message));
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task An_error_object_on_an_http_error_status_is_still_the_validators_answer()
    {
        var client = Client(_ => FakeRpcHandler.Error(RpcErrorCodes.InvalidRequest, "request body exceeds 4194304 bytes", HttpStatusCode.RequestEntityTooLarge));

        var response = await client.CallAsync("eth_blockNumber", null, Ct);

        Assert.Equal(RpcErrorCodes.InvalidRequest, response.Error?.Code);
    }

    [Theory]
    [InlineData("<html>bad gateway</html>", HttpStatusCode.BadGateway)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1}", HttpStatusCode.OK)]
    [InlineData("[1,2]", HttpStatusCode.OK)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1\"}", HttpStatusCode.BadGateway)]
    public async Task An_answer_that_is_not_a_json_rpc_response_is_a_transport_failure(string body, HttpStatusCode status)
    {
        var client = Client(_ => FakeRpcHandler.Json(body, status));

        var e = await Assert.ThrowsAsync<RpcTransportException>(() => client.CallAsync("eth_blockNumber", null, Ct));

        Assert.Equal(new Uri("http://validator-a:8001/rpc"), e.Endpoint);
    }

    [Fact]
    public async Task A_result_of_the_wrong_shape_is_a_transport_failure_not_a_value()
    {
        var client = Client(_ => FakeRpcHandler.Result("\"twelve\""));

        await Assert.ThrowsAsync<RpcTransportException>(() => client.BlockNumberAsync(Ct));
        await Assert.ThrowsAsync<RpcTransportException>(() => client.GetTransactionReceiptAsync(Keccak.Hash32("t"u8), Ct));
    }

    [Fact]
    public async Task A_refused_connection_is_a_transport_failure()
    {
        var client = new JsonRpcClient(new HttpClient(new FakeRpcHandler((_, _, _, _) => throw new HttpRequestException("connection refused"))), new Uri("http://validator-a:8001/rpc"));

        var e = await Assert.ThrowsAsync<RpcTransportException>(() => client.BlockNumberAsync(Ct));

        Assert.Contains("connection refused", e.Message);
    }

    [Fact]
    public async Task Quantities_and_null_results_come_back_typed()
    {
        var client = Client(method => FakeRpcHandler.Result(method == "eth_blockNumber" ? "\"0x1a\"" : "null"));

        Assert.Equal(26UL, await client.BlockNumberAsync(Ct));
        Assert.Null(await client.GetBlockAsync(99, Ct));
        Assert.Null(await client.GetTransactionReceiptAsync(Keccak.Hash32("t"u8), Ct));
    }

    [Fact]
    public async Task A_full_block_is_read_from_the_streamed_answer_as_the_block_it_was()
    {
        var chain = new TestChain();
        chain.Commit(chain.Open(1));
        var block = chain.Commit(chain.Vote(1, 1), chain.Vote(1, 2));
        var client = Client(_ => FakeRpcHandler.Result(EthFormat.Block(block, fullTransactions: true).ToJsonString()));

        var read = await client.GetBlockAsync(2, Ct);

        Assert.Equal(block.Hash, read!.Hash);
        Assert.Equal(block.Transactions.Select(t => t.Hash), read.Transactions.Select(t => t.Hash));
    }

    [Fact]
    public async Task A_body_that_stops_after_the_headers_fails_within_the_clients_timeout()
    {
        // The body is read as a stream (not buffered by HttpClient), so the client's own timeout must still cover it.
        var stalled = new FakeRpcHandler((_, _, _, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new StallingStream("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":"u8.ToArray())),
        }));
        var client = new JsonRpcClient(new HttpClient(stalled) { Timeout = TimeSpan.FromMilliseconds(300) }, new Uri("http://validator-a:8001/rpc"));

        var e = await Assert.ThrowsAsync<RpcTransportException>(() => client.BlockNumberAsync(Ct));

        Assert.Contains("no answer within", e.Message);
    }

    /// <summary>Gives its prefix, then waits for cancellation: a validator that hangs mid-answer.</summary>
    private sealed class StallingStream(byte[] prefix) : ReadOnlyStream
    {
        private int _position;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            if (_position < prefix.Length)
            {
                var n = Math.Min(buffer.Length, prefix.Length - _position);
                prefix.AsMemory(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }
            await Task.Delay(Timeout.Infinite, ct);
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData(10)]
    [InlineData(3_000_000)] // grows the read buffer through many sizes
    public async Task An_answer_of_any_size_is_read_whole_again_and_again(int length)
    {
        var value = new string('a', length - 1) + "z";
        var client = Client(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent($"{{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"{value}\"}}"),
        });

        for (var i = 0; i < 3; i++)
            Assert.Equal(value, (await client.CallAsync("x", null, Ct)).Result.GetString());
    }

    [Fact]
    public async Task An_answer_without_end_is_cut_off_at_the_bound_as_a_transport_failure()
    {
        var client = Client(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new EndlessSpaces()) });

        var e = await Assert.ThrowsAsync<RpcTransportException>(() => client.CallAsync("x", null, Ct));

        Assert.Contains("larger than 64 MiB", e.Message);
    }

    /// <summary>A body that never ends (whitespace: still valid JSON so far), as a hostile or broken validator might send.</summary>
    private sealed class EndlessSpaces : ReadOnlyStream
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)' ');
            return count;
        }
    }
}
