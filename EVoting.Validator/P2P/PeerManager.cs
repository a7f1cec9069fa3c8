using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using EVoting.Chain;
using EVoting.Validator.Storage;

namespace EVoting.Validator.P2P;

/// <summary>What the peer layer needs from the node.</summary>
public interface IPeerHost
{
    (ulong Height, Hash32 BestHash) Head { get; }

    void OnPeerAuthenticated(PeerConnection peer);

    void OnPeerMessage(PeerConnection peer, P2PMessage message);
}

/// <summary>
/// The validator's P2P layer: listens, dials known peers with backoff, authenticates both ways,
/// keeps one connection per remote validator, and sends or broadcasts messages.
/// </summary>
public sealed class PeerManager(
    EthKey key, string nodeId, Genesis genesis, string advertiseHost, int rpcPort,
    ILogger<PeerManager> logger, int maxFrameBytes = FrameCodec.DefaultMaxFrameBytes)
{
    private readonly ConcurrentDictionary<Address, PeerConnection> _peers = new();
    private readonly ConcurrentDictionary<Address, PeerRecord> _known = new();
    private readonly ConcurrentDictionary<(string, int), (int Failures, DateTime NextTry)> _dialState = new();
    private readonly ConcurrentDictionary<PeerConnection, byte> _pending = new();

    /// <summary>
    /// Connections not yet authenticated (inbound and outbound): beyond this an inbound one is closed at once. Each
    /// costs a socket and a handshake timer for at most <see cref="PeerConnection.HandshakeTimeout"/>, so a flood of
    /// idle sockets cannot pile up, and real validators (a few per node) never come near it.
    /// </summary>
    public const int MaxPendingConnections = 64;
    private TcpListener? _listener;
    private IPeerHost? _host;

    public int MaxFrameBytes => maxFrameBytes;

    public int ListenPort { get; private set; }

    public int PeerCount => _peers.Count;

    public IReadOnlyCollection<PeerConnection> Peers => _peers.Values.ToList();

    public IReadOnlyCollection<PeerRecord> KnownPeers => _known.Values.ToList();

    public long RejectedConnections;

    /// <summary>Static peers to dial (host, port) without knowing their address yet.</summary>
    public List<(string Host, int Port)> StaticPeers { get; } = [];

    public void Start(IPeerHost host, string listenHost, int listenPort, CancellationToken stopping)
    {
        _host = host;
        var address = listenHost is "0.0.0.0" or "*" ? IPAddress.Any : IPAddress.Parse(listenHost);
        _listener = new TcpListener(address, listenPort);
        _listener.Start();
        ListenPort = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(() => AcceptLoopAsync(stopping), CancellationToken.None);
        _ = Task.Run(() => DialLoopAsync(stopping), CancellationToken.None);
    }

    public void Remember(PeerRecord peer)
    {
        if (peer.Address != key.Address && genesis.IsValidator(peer.Address))
            _known[peer.Address] = peer;
    }

    public PeerHello CreateHello(byte[] nonce)
    {
        var (height, best) = _host!.Head;
        return new PeerHello(nodeId, key.Address, genesis.Hash, height, best, nonce, advertiseHost, ListenPort, rpcPort);
    }

    /// <summary>Why a hello is refused, or null.</summary>
    public string? CheckHello(PeerHello hello)
    {
        if (hello.GenesisHash != genesis.Hash)
            return "wrong genesis";
        if (!genesis.IsValidator(hello.Address))
            return "unknown validator key";
        if (hello.Address == key.Address)
            return "connected to self";
        return null;
    }

    public Hash32 Transcript(byte[] dialerHello, byte[] listenerHello) => Handshake.Transcript(genesis.Hash, dialerHello, listenerHello);

    public Signature Prove(Hash32 transcript, Handshake.Role role) => Handshake.Prove(key, transcript, role);

    public void OnAuthenticated(PeerConnection peer)
    {
        _pending.TryRemove(peer, out _);
        var address = peer.RemoteAddress!.Value;
        // Both sides may dial at once: keep the connection dialed by the smaller address, on both ends.
        // Two connections dialed by the same side mean the dialer reconnected (it restarted, or its
        // old connection died without a FIN reaching us): the new one wins, or a peer coming back
        // would be refused until our side noticed its old connection was dead.
        if (_peers.TryGetValue(address, out var existing) && existing != peer)
        {
            var (dialer, existingDialer) = (DialerOf(peer), DialerOf(existing));
            var keepNew = dialer == existingDialer || string.CompareOrdinal(dialer, existingDialer) < 0;
            var loser = keepNew ? existing : peer;
            loser.Close("duplicate connection");
            if (!keepNew)
                return;
        }
        _peers[address] = peer;
        var hello = peer.Hello!;
        if (hello.P2PPort > 0)
            Remember(new PeerRecord(hello.NodeId, hello.Host, hello.P2PPort, hello.RpcPort, address, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        logger.LogInformation("peer {NodeId} {Address} connected ({Direction})", hello.NodeId, address, peer.Outbound ? "out" : "in");
        _host!.OnPeerAuthenticated(peer);
    }

    private string DialerOf(PeerConnection c) => (c.Outbound ? key.Address : c.RemoteAddress!.Value).ToString().ToLowerInvariant();

    public void OnMessage(PeerConnection peer, P2PMessage message)
    {
        if (_peers.TryGetValue(peer.RemoteAddress!.Value, out var current) && current == peer)
            _host!.OnPeerMessage(peer, message);
    }

    public void OnClosed(PeerConnection peer)
    {
        _pending.TryRemove(peer, out _);
        if (peer.RemoteAddress is { } address)
            _peers.TryRemove(new KeyValuePair<Address, PeerConnection>(address, peer));
        if (!peer.Authenticated)
            Interlocked.Increment(ref RejectedConnections);
        logger.LogInformation("peer connection closed ({Peer}): {Reason}", peer.Hello?.NodeId ?? "unauthenticated", peer.CloseReason);
    }

    /// <summary>Sends <paramref name="message"/> to every authenticated peer but <paramref name="except"/>, encoded once.</summary>
    public void Broadcast(P2PMessage message, Address? except = null)
    {
        byte[]? frame = null;
        foreach (var (address, peer) in _peers)
            if (address != except)
                peer.SendFrame(frame ??= MessageCodec.EncodeFrame(message));
    }

    /// <summary>Closes the current session with <paramref name="address"/>, if any.</summary>
    public void Disconnect(Address address, string reason)
    {
        if (_peers.TryGetValue(address, out var peer))
            peer.Close(reason);
    }

    public bool SendTo(Address address, P2PMessage message)
    {
        if (!_peers.TryGetValue(address, out var peer))
            return false;
        peer.Send(message);
        return true;
    }

    private async Task AcceptLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener!.AcceptTcpClientAsync(stopping);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                break;
            }
            if (_pending.Count >= MaxPendingConnections)
            {
                Interlocked.Increment(ref RejectedConnections);
                client.Dispose();
                continue;
            }
            Run(new PeerConnection(client, outbound: false, this), stopping);
        }
        _listener?.Stop();
    }

    private void Run(PeerConnection connection, CancellationToken stopping)
    {
        _pending[connection] = 0;
        _ = Task.Run(() => connection.RunAsync(stopping), CancellationToken.None);
    }

    /// <summary>Reconnects to every known peer that is not connected, with exponential backoff per endpoint (1 s .. 10 s).</summary>
    private async Task DialLoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                var targets = _known.Values.Where(p => !_peers.ContainsKey(p.Address)).Select(p => (p.Host, p.P2PPort))
                    .Concat(StaticPeers.Where(sp => !_peers.Values.Any(c => c.Hello?.Host == sp.Host && c.Hello?.P2PPort == sp.Port)))
                    .Distinct().ToList();
                foreach (var target in targets)
                {
                    var state = _dialState.GetValueOrDefault(target);
                    if (DateTime.UtcNow < state.NextTry)
                        continue;
                    _ = DialAsync(target, state.Failures, stopping);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task DialAsync((string Host, int Port) target, int failures, CancellationToken stopping)
    {
        _dialState[target] = (failures, DateTime.UtcNow.AddSeconds(Math.Min(10, 1 << Math.Min(failures, 4))));
        var client = new TcpClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await client.ConnectAsync(target.Host, target.Port, timeout.Token);
            _dialState[target] = (0, DateTime.UtcNow.AddSeconds(2));
            Run(new PeerConnection(client, outbound: true, this), stopping);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            client.Dispose();
            _dialState[target] = (failures + 1, DateTime.UtcNow.AddSeconds(Math.Min(10, 1 << Math.Min(failures + 1, 4))));
        }
    }
}
