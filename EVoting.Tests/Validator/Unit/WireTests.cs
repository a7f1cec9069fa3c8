using System.Buffers.Binary;
using System.Security.Cryptography;
using EVoting.Chain;
using EVoting.Validator.P2P;
using Xunit;

namespace EVoting.Tests.Validator.Unit;

public sealed class WireTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_frame_round_trips_and_a_stream_ending_between_frames_is_a_clean_end()
    {
        var payload = "{\"type\":\"sync_request\",\"from_index\":1,\"to_index\":2}"u8.ToArray();
        using var stream = new MemoryStream([.. FrameCodec.Encode(payload), .. FrameCodec.Encode(payload)]);
        // Each frame is read into a pooled array (the second most likely into the one the first gave back): its
        // payload is its own length of it.
        using (var first = await FrameCodec.ReadAsync(stream, 1024, Ct))
            Assert.Equal(payload, first!.Payload.ToArray());
        using (var second = await FrameCodec.ReadAsync(stream, 1024, Ct))
            Assert.Equal(payload, second!.Payload.ToArray());
        Assert.Null(await FrameCodec.ReadAsync(stream, 1024, Ct));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1025u)]
    [InlineData(0xFFFFFFFFu)]
    public async Task A_length_prefix_of_zero_or_above_the_limit_is_refused_before_allocating(uint length)
    {
        var header = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(header, length);
        using var stream = new MemoryStream(header);
        await Assert.ThrowsAsync<InvalidDataException>(() => FrameCodec.ReadAsync(stream, 1024, Ct));
    }

    [Fact]
    public async Task A_truncated_frame_is_refused()
    {
        var frame = FrameCodec.Encode(new byte[100]);
        using var stream = new MemoryStream(frame[..50]);
        await Assert.ThrowsAsync<InvalidDataException>(() => FrameCodec.ReadAsync(stream, 1024, Ct));
    }

    [Fact]
    public void Every_message_type_round_trips_with_its_traceparent()
    {
        var key = EthKey.Generate();
        var hash = Keccak.Hash32("x"u8);
        var block = Block.Create(1337, 1, hash, 1000, 0, [], key);
        var vote = new VoteMessage(VoteType.Precommit, 5, 2, hash, key.Address, key.Sign(hash));
        P2PMessage[] messages =
        [
            new PeerHello("n1", key.Address, hash, 7, hash, RandomNumberGenerator.GetBytes(32), "h", 30303, 8001),
            new PeerProof(key.Sign(hash)),
            new SyncRequest(1, 9),
            new SyncResponse([block]),
            new NewBlock(block),
            vote,
            vote with { Type = VoteType.Prevote, BlockHash = null },
            new ProposalMessage(1, 0, -1, block, key.Sign(hash), [vote with { Type = VoteType.Prevote }]),
        ];
        foreach (var message in messages)
        {
            var tagged = message with { Traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" };
            var decoded = MessageCodec.Decode(MessageCodec.Encode(tagged));
            Assert.Equal(tagged.GetType(), decoded.GetType());
            Assert.Equal(tagged.Traceparent, decoded.Traceparent);
            Assert.Equal(MessageCodec.Encode(tagged), MessageCodec.Encode(decoded));
        }
    }

    [Fact]
    public async Task A_frame_encoded_whole_is_the_payload_framed_and_reads_back_after_a_larger_one()
    {
        var key = EthKey.Generate();
        var big = new SyncResponse([.. Enumerable.Range(1, 40).Select(i => Block.Create(1337, (ulong)i, Keccak.Hash32("x"u8), 1000 + i, 0, [], key))]);
        var small = new SyncRequest(1, 9);
        // The encoder reuses its buffer: a small message after a large one must not carry the large one's bytes.
        foreach (var message in new P2PMessage[] { big, small, big })
        {
            var frame = MessageCodec.EncodeFrame(message);
            Assert.Equal(FrameCodec.Encode(MessageCodec.Encode(message)), frame);
            using var stream = new MemoryStream(frame);
            using var read = await FrameCodec.ReadAsync(stream, FrameCodec.DefaultMaxFrameBytes, Ct);
            Assert.Equal(message.GetType(), MessageCodec.Decode(read!.Payload).GetType());
        }
    }

    [Fact]
    public void A_payload_that_is_not_utf8_is_refused_with_a_reason()
    {
        var e = Assert.Throws<FormatException>(() => MessageCodec.Decode(new byte[] { (byte)'{', 0xC3, 0x28, (byte)'}' }));
        Assert.Contains("UTF-8", e.Message);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"no_type\":1}")]
    [InlineData("{\"type\":\"teleport\"}")]
    [InlineData("{\"type\":\"prevote\",\"height\":-1,\"round\":0,\"block_hash\":null,\"validator\":\"0x00\",\"signature\":\"0x00\"}")]
    [InlineData("{\"type\":\"sync_request\",\"from_index\":\"1\",\"to_index\":2}")]
    public void Malformed_messages_are_refused_with_a_reason(string json) =>
        Assert.Throws<FormatException>(() => MessageCodec.Decode(System.Text.Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void A_handshake_proof_binds_the_genesis_both_hellos_the_direction_and_the_signer()
    {
        var (dialer, listener) = (EthKey.Generate(), EthKey.Generate());
        var genesis = Keccak.Hash32("genesis"u8);
        byte[] HelloOf(EthKey key) => MessageCodec.Encode(
            new PeerHello("n", key.Address, genesis, 0, genesis, RandomNumberGenerator.GetBytes(32), "127.0.0.1", 30303, 8001));
        var (dialerHello, listenerHello) = (HelloOf(dialer), HelloOf(listener));
        var transcript = Handshake.Transcript(genesis, dialerHello, listenerHello);
        var proof = Handshake.Prove(dialer, transcript, Handshake.Role.Dialer);

        Assert.True(Handshake.Verify(transcript, Handshake.Role.Dialer, dialer.Address, proof));
        Assert.False(Handshake.Verify(transcript, Handshake.Role.Listener, dialer.Address, proof)); // the other direction
        Assert.False(Handshake.Verify(transcript, Handshake.Role.Dialer, listener.Address, proof));
        Assert.False(Handshake.Verify(Handshake.Transcript(Keccak.Hash32("other"u8), dialerHello, listenerHello), Handshake.Role.Dialer, dialer.Address, proof));
        Assert.False(Handshake.Verify(Handshake.Transcript(genesis, listenerHello, dialerHello), Handshake.Role.Dialer, dialer.Address, proof));
        Assert.False(Handshake.Verify(Handshake.Transcript(genesis, dialerHello, HelloOf(listener)), Handshake.Role.Dialer, dialer.Address, proof)); // another nonce
    }

    /// <summary>The validator signs and the bootnode checks this one definition (EVoting.Chain's PeerRegistration); docs/validator.md pins it.</summary>
    [Fact]
    public void The_bootnode_registration_digest_is_pinned()
    {
        var key = EthKey.Generate();
        var registration = new PeerRegistration("validator-1", "10.0.0.1", 30303, 8001, key.Address, 1_795_000_000);
        var canonical = "EVOTE-BOOTNODE-REGISTER-V1\nvalidator-1\n10.0.0.1\n30303\n8001\n" + key.Address.ToString().ToLowerInvariant() + "\n1795000000";
        Assert.Equal(canonical, registration.CanonicalString());
        Assert.Equal(Keccak.Hash32(System.Text.Encoding.UTF8.GetBytes(canonical)), registration.Digest());
    }

    [Fact]
    public void The_seen_set_remembers_a_bounded_number_of_hashes()
    {
        var seen = new SeenSet(2);
        var (a, b, c) = (Keccak.Hash32("a"u8), Keccak.Hash32("b"u8), Keccak.Hash32("c"u8));
        Assert.True(seen.Add(a));
        Assert.False(seen.Add(a));
        Assert.True(seen.Add(b));
        Assert.True(seen.Add(c));
        Assert.True(seen.Add(a)); // pushed out by c
    }
}
