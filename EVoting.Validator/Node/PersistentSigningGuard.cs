using System.Buffers;
using System.Text;
using System.Text.Json;
using EVoting.Chain;
using EVoting.Validator.Collections;
using EVoting.Validator.Consensus;
using EVoting.Validator.P2P;
using EVoting.Validator.Storage;

namespace EVoting.Validator.Node;

/// <summary>
/// The node's signing guard: applies <see cref="SigningRules"/> and writes the new state through the store
/// (SQLite with synchronous=FULL in the node: fsynced) before allowing the signature; before the first state it
/// writes the store's "has signed" marker. The state holds the slots signed at the latest height and the lock
/// with its locked block and the prevotes that justified it. The simulation runs this same class over its
/// in-memory store.
/// </summary>
public sealed class PersistentSigningGuard : ISigningGuard
{
    private readonly IChainStore _store;
    private readonly ConsensusMapping _mapping;
    private bool _marked;

    public PersistentSigningGuard(IChainStore store, ConsensusMapping mapping)
    {
        _store = store;
        _mapping = mapping;
        State = _store.LoadSigningState() is { } body ? Deserialize(body) : null;
    }

    public SigningState? State { get; private set; }

    public bool TryAuthorize(ulong height, int round, ConsensusStep step, Hash32? valueId, LockState lockState)
    {
        var next = SigningRules.Next(State, height, round, step, valueId, lockState);
        if (next is null)
            return false;
        if (next != State)
        {
            if (!_marked && !_store.HasSigned)
                _store.MarkSigned();
            _marked = true;
            using var scratch = ScratchBuffer.Rent();
            Write(scratch.Writer, next);
            _store.SaveSigningState(scratch.WrittenSpan);
        }
        State = next;
        return true;
    }

    /// <summary>
    /// The state as UTF-8 JSON, into the process's reused buffer: it is written on every signed step, and with a
    /// lock it holds the locked block (a megabyte under load; docs/benchmarks.md, "Memory").
    /// </summary>
    private void Write(IBufferWriter<byte> buffer, SigningState state)
    {
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("height", state.Height);
            w.WriteStartArray("slots");
            foreach (var slot in state.Slots)
            {
                w.WriteStartObject();
                w.WriteNumber("round", slot.Round);
                w.WriteNumber("step", (int)slot.Step);
                w.WriteString("value", slot.ValueId?.ToString());
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("lock_round", state.Lock.Round);
            if (state.Lock.Value is BlockValue locked)
            {
                w.WritePropertyName("lock_block");
                BlockJson.Write(w, locked.Block);
            }
            w.WriteStartArray("lock_proof");
            foreach (var vote in state.Lock.Proof)
                w.WriteStringValue(MessageCodec.Encode(_mapping.ToWire(vote))); // UTF-8 JSON, written as a string
            w.WriteEndArray();
            w.WriteEndObject();
        }
    }

    private SigningState Deserialize(byte[] utf8Json)
    {
        using var doc = JsonDocument.Parse(utf8Json);
        var o = doc.RootElement;
        var slots = o.GetProperty("slots").EnumerateArray().Select(s => new SignedSlot(
            s.GetProperty("round").GetInt32(), (ConsensusStep)s.GetProperty("step").GetInt32(),
            s.GetProperty("value").ValueKind == JsonValueKind.Null ? null : Hash32.Parse(s.GetProperty("value").GetString()!))).ToList();
        IConsensusValue? lockedValue = o.TryGetProperty("lock_block", out var b) ? new BlockValue(BlockJson.Parse(b)) : null;
        var proof = o.GetProperty("lock_proof").EnumerateArray()
            .Select(v => MessageCodec.Decode(Encoding.UTF8.GetBytes(v.GetString()!)) as VoteMessage)
            .Select(v => v is null ? null : _mapping.FromWire(v)).OfType<ConsensusVote>().ToList();
        return new SigningState(o.GetProperty("height").GetUInt64(), slots, new LockState(o.GetProperty("lock_round").GetInt32(), lockedValue, proof));
    }
}
