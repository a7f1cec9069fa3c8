using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using EVoting.Chain;
using EVoting.Validator.Collections;

namespace EVoting.Validator.P2P;

/// <summary>
/// JSON encoding of P2P messages (docs/p2p.md): an object with a "type" field and the message's
/// fields; parsing is strict and throws FormatException with the reason, which closes the connection.
/// </summary>
public static class MessageCodec
{
    public const int MaxSyncBlocks = 64;
    public const int MaxPolVotes = 256;

    /// <summary>The message's payload (UTF-8 JSON), without the frame header.</summary>
    public static byte[] Encode(P2PMessage message) => Write(message, headerBytes: 0);

    /// <summary>
    /// The message as a whole frame (<see cref="FrameCodec"/>: length, then payload) in one array of
    /// exactly its size: encoded once and shared by every peer it is sent to, and written through a
    /// reused buffer, so a block is not copied three times on the large-object heap on its way out
    /// (docs/benchmarks.md, "Memory").
    /// </summary>
    public static byte[] EncodeFrame(P2PMessage message)
    {
        var frame = Write(message, FrameCodec.HeaderBytes);
        FrameCodec.WriteHeader(frame);
        return frame;
    }

    private static byte[] Write(P2PMessage message, int headerBytes)
    {
        using var scratch = ScratchBuffer.Rent();
        var buffer = scratch.Writer;
        buffer.GetSpan(headerBytes)[..headerBytes].Clear(); // the frame header's place, written once the length is known
        buffer.Advance(headerBytes);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            WriteBody(w, message);
            if (message.Traceparent is { } tp)
                w.WriteString("traceparent", tp);
            w.WriteEndObject();
        }
        return scratch.WrittenSpan.ToArray();
    }

    private static void WriteBody(Utf8JsonWriter w, P2PMessage message)
    {
        switch (message)
        {
            case PeerHello h:
                w.WriteString("type", "peer_hello");
                w.WriteString("node_id", h.NodeId);
                w.WriteString("address", h.Address.ToString());
                w.WriteString("genesis_hash", h.GenesisHash.ToString());
                w.WriteNumber("height", h.Height);
                w.WriteNumber("chain_length", h.Height + 1);
                w.WriteString("best_hash", h.BestHash.ToString());
                w.WriteString("nonce", Hex.Encode(h.Nonce));
                w.WriteString("host", h.Host);
                w.WriteNumber("p2p_port", h.P2PPort);
                w.WriteNumber("rpc_port", h.RpcPort);
                break;
            case PeerProof p:
                w.WriteString("type", "peer_proof");
                w.WriteString("signature", p.Signature.ToString());
                break;
            case NewTransaction t:
                w.WriteString("type", "new_transaction");
                w.WritePropertyName("transaction");
                TransactionJson.Write(w, t.Transaction);
                break;
            case NewBlock b:
                w.WriteString("type", "new_block");
                w.WritePropertyName("block");
                BlockJson.Write(w, b.Block);
                break;
            case SyncRequest r:
                w.WriteString("type", "sync_request");
                w.WriteNumber("from_index", r.FromIndex);
                w.WriteNumber("to_index", r.ToIndex);
                break;
            case SyncResponse r:
                w.WriteString("type", "sync_response");
                w.WriteStartArray("blocks");
                foreach (var block in r.Blocks)
                    BlockJson.Write(w, block);
                w.WriteEndArray();
                break;
            case VoteMessage v:
                WriteVote(w, v, withType: true);
                break;
            case ProposalMessage p:
                w.WriteString("type", "proposal");
                w.WriteNumber("height", p.Height);
                w.WriteNumber("round", p.Round);
                w.WriteNumber("pol_round", p.PolRound);
                w.WriteString("signature", p.Signature.ToString());
                w.WritePropertyName("block");
                BlockJson.Write(w, p.Block);
                w.WriteStartArray("pol_votes");
                foreach (var vote in p.PolVotes)
                {
                    w.WriteStartObject();
                    WriteVote(w, vote, withType: false);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                break;
            default:
                throw new ArgumentException("unknown message " + message.GetType().Name);
        }
    }

    private static void WriteVote(Utf8JsonWriter w, VoteMessage v, bool withType)
    {
        if (withType)
            w.WriteString("type", v.Type == VoteType.Prevote ? "prevote" : "precommit");
        w.WriteNumber("height", v.Height);
        w.WriteNumber("round", v.Round);
        if (v.BlockHash is { } hash)
            w.WriteString("block_hash", hash.ToString());
        else
            w.WriteNull("block_hash");
        w.WriteString("validator", v.Validator.ToString());
        w.WriteString("signature", v.Signature.ToString());
    }

    /// <summary>The message in a payload; what it returns holds no reference to <paramref name="payload"/> (a pooled frame's).</summary>
    public static P2PMessage Decode(ReadOnlyMemory<byte> payload)
    {
        // Checked and parsed as UTF-8 where it lies: a block's payload is megabytes, and a UTF-16 copy of it would be twice that.
        if (!Utf8.IsValid(payload.Span))
            throw new FormatException("message is not UTF-8");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new FormatException("message is not JSON: " + e.Message);
        }
        using (doc)
        {
            var o = doc.RootElement;
            if (o.ValueKind != JsonValueKind.Object)
                throw new FormatException("message must be a JSON object");
            var type = JsonRead.String(o, "type");
            P2PMessage message = type switch
            {
                "peer_hello" => new PeerHello(
                    JsonRead.String(o, "node_id"), JsonRead.Address(o, "address"), JsonRead.Hash(o, "genesis_hash"),
                    JsonRead.UInt64(o, "height"), JsonRead.Hash(o, "best_hash"), JsonRead.Bytes(o, "nonce", 32),
                    JsonRead.String(o, "host"), JsonRead.Int32(o, "p2p_port", 0), JsonRead.Int32(o, "rpc_port", 0)),
                "peer_proof" => new PeerProof(JsonRead.Signature(o, "signature")),
                "new_transaction" => new NewTransaction(TransactionJson.Parse(JsonRead.Field(o, "transaction"))),
                "new_block" => new NewBlock(BlockJson.Parse(JsonRead.Field(o, "block"))),
                "sync_request" => new SyncRequest(JsonRead.UInt64(o, "from_index"), JsonRead.UInt64(o, "to_index")),
                "sync_response" => new SyncResponse(JsonRead.Array(o, "blocks", MaxSyncBlocks).EnumerateArray().Select(BlockJson.Parse).ToList()),
                "prevote" => ReadVote(o, VoteType.Prevote),
                "precommit" => ReadVote(o, VoteType.Precommit),
                "proposal" => new ProposalMessage(
                    JsonRead.UInt64(o, "height"), JsonRead.Int32(o, "round", 0), JsonRead.Int32(o, "pol_round", -1),
                    BlockJson.Parse(JsonRead.Field(o, "block")), JsonRead.Signature(o, "signature"),
                    JsonRead.Array(o, "pol_votes", MaxPolVotes).EnumerateArray().Select(v => ReadVote(v, VoteType.Prevote)).ToList()),
                _ => throw new FormatException($"unknown message type '{type}'"),
            };
            return message with { Traceparent = JsonRead.OptionalString(o, "traceparent") };
        }
    }

    private static VoteMessage ReadVote(JsonElement o, VoteType type) => new(
        type, JsonRead.UInt64(o, "height"), JsonRead.Int32(o, "round", 0), JsonRead.OptionalHash(o, "block_hash"),
        JsonRead.Address(o, "validator"), JsonRead.Signature(o, "signature"));
}
