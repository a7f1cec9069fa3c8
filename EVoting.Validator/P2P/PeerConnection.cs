using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading.Channels;
using EVoting.Chain;

namespace EVoting.Validator.P2P;

/// <summary>
/// One TCP connection to a peer: the handshake (hello, proof of key possession), then a read loop
/// handing messages to the manager and a writer draining a bounded queue (when full, new messages
/// are dropped: consensus re-sends, and the client's outbox re-sends transactions). Any protocol
/// violation closes the connection.
/// </summary>
public sealed class PeerConnection : IAsyncDisposable
{
    public const int SendQueueCapacity = 2048;
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The largest frame read before the peer has proved its key: a hello or a proof is a few hundred bytes, so a
    /// stranger cannot make the node allocate the post-handshake limit (16 MiB) per socket.
    /// </summary>
    public const int MaxHandshakeFrameBytes = 4 * 1024;

    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly PeerManager _manager;
    private readonly Channel<byte[]> _outbox = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(SendQueueCapacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });
    private readonly CancellationTokenSource _cts = new();
    private readonly byte[] _nonce = RandomNumberGenerator.GetBytes(32);

    public PeerConnection(TcpClient client, bool outbound, PeerManager manager)
    {
        _client = client;
        _client.NoDelay = true;
        _stream = client.GetStream();
        Outbound = outbound;
        _manager = manager;
    }

    public bool Outbound { get; }

    public PeerHello? Hello { get; private set; }

    public Address? RemoteAddress => Hello?.Address;

    public bool Authenticated { get; private set; }

    public long Dropped { get; private set; }

    public string? CloseReason { get; private set; }

    public void Send(P2PMessage message) => SendFrame(MessageCodec.EncodeFrame(message));

    /// <summary>Queues a whole frame (<see cref="MessageCodec.EncodeFrame"/>); one frame may be queued to many peers.</summary>
    public void SendFrame(byte[] frame)
    {
        if (!_outbox.Writer.TryWrite(frame))
            Dropped++;
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, _cts.Token);
        var ct = linked.Token;
        var writer = Task.Run(() => WriteLoopAsync(ct), CancellationToken.None);
        try
        {
            var myHello = MessageCodec.Encode(_manager.CreateHello(_nonce));
            SendFrame(FrameCodec.Encode(myHello));
            using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                handshake.CancelAfter(HandshakeTimeout);
                await HandshakeAsync(myHello, handshake.Token);
            }
            _manager.OnAuthenticated(this);
            while (!ct.IsCancellationRequested)
            {
                P2PMessage message;
                using (var frame = await FrameCodec.ReadAsync(_stream, _manager.MaxFrameBytes, ct))
                {
                    if (frame is null)
                    {
                        CloseReason ??= "peer closed the connection";
                        break;
                    }
                    message = MessageCodec.Decode(frame.Payload);
                }
                if (message is PeerHello or PeerProof)
                    throw new InvalidDataException("handshake message after the handshake");
                _manager.OnMessage(this, message);
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            CloseReason ??= e is OperationCanceledException && !stopping.IsCancellationRequested ? "handshake timed out" : e.Message;
        }
        finally
        {
            _cts.Cancel();
            _client.Close();
            await writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _manager.OnClosed(this);
        }
    }

    /// <summary>Both hellos, then both proofs over the transcript of the two (see <see cref="Handshake"/>).</summary>
    private async Task HandshakeAsync(byte[] myHello, CancellationToken ct)
    {
        var (first, theirHello) = await ReadMessageAsync(ct);
        if (first is not PeerHello hello)
            throw new InvalidDataException("expected peer_hello");
        var refusal = _manager.CheckHello(hello);
        if (refusal is not null)
            throw new InvalidDataException(refusal);
        Hello = hello;
        var transcript = Outbound ? _manager.Transcript(myHello, theirHello) : _manager.Transcript(theirHello, myHello);
        var (mine, theirs) = Outbound ? (Handshake.Role.Dialer, Handshake.Role.Listener) : (Handshake.Role.Listener, Handshake.Role.Dialer);
        Send(new PeerProof(_manager.Prove(transcript, mine)));
        var (second, _) = await ReadMessageAsync(ct);
        if (second is not PeerProof proof)
            throw new InvalidDataException("expected peer_proof");
        if (!Handshake.Verify(transcript, theirs, hello.Address, proof.Signature))
            throw new InvalidDataException("bad handshake signature");
        Authenticated = true;
    }

    private async Task<(P2PMessage Message, byte[] Payload)> ReadMessageAsync(CancellationToken ct)
    {
        using var frame = await FrameCodec.ReadAsync(_stream, MaxHandshakeFrameBytes, ct)
            ?? throw new InvalidDataException("peer closed the connection during the handshake");
        var payload = frame.Payload.ToArray(); // the transcript keeps the hello's bytes
        return (MessageCodec.Decode(payload), payload);
    }

    private async Task WriteLoopAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var frame in _outbox.Reader.ReadAllAsync(ct))
                await _stream.WriteAsync(frame, ct);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            _cts.Cancel();
        }
    }

    public void Close(string reason)
    {
        CloseReason ??= reason;
        _cts.Cancel();
    }

    public ValueTask DisposeAsync()
    {
        Close("disposed");
        _client.Dispose();
        _cts.Dispose();
        return ValueTask.CompletedTask;
    }
}
