using System.Text;
using System.Text.Json;

namespace EVoting.Chain;

/// <summary>
/// The network's hard configuration, shared by every node. Its hash (the hash of block 0, whose
/// transactions_root commits to every field here) identifies the network: peers with another
/// genesis are refused.
/// </summary>
public sealed record Genesis
{
    public const string Domain = "EVOTE-GENESIS-V1";

    public required ulong ChainId { get; init; }
    /// <summary>Unix seconds.</summary>
    public required long Timestamp { get; init; }
    public required IReadOnlyList<Address> Validators { get; init; }
    public required IReadOnlyList<Address> Submitters { get; init; }
    public int BlockPeriodMs { get; init; } = 1000;
    public int MaxTxsPerBlock { get; init; } = 2000;
    public int MaxTxBytes { get; init; } = 64 * 1024;
    public int MaxBlockBytes { get; init; } = 8 * 1024 * 1024;
    public int RoundTimeoutMs { get; init; } = 2000;
    public int MaxClockDriftMs { get; init; } = 2000;

    /// <summary>Signatures needed for finality: ceil(2n/3) distinct validators (2 of 3, 3 of 4).</summary>
    public int Quorum => (2 * Validators.Count + 2) / 3;

    public bool IsValidator(Address a) => Validators.Contains(a);
    public bool IsSubmitter(Address a) => Submitters.Contains(a);
    public int IndexOf(Address a) => Validators.ToList().IndexOf(a);

    /// <summary>
    /// "EVOTE-GENESIS-V1" ‖ u64 chain_id ‖ i64 timestamp ‖ u32 n ‖ n×address ‖ u32 m ‖ m×address ‖
    /// u32 block_period_ms ‖ u32 max_txs_per_block ‖ u32 max_tx_bytes ‖ u32 max_block_bytes ‖
    /// u32 round_timeout_ms ‖ u32 max_clock_drift_ms.
    /// </summary>
    public byte[] Encode()
    {
        var w = new CanonicalWriter(Domain).U64(ChainId).I64(Timestamp).U32((uint)Validators.Count);
        foreach (var v in Validators) w.Raw(v.Span);
        w.U32((uint)Submitters.Count);
        foreach (var s in Submitters) w.Raw(s.Span);
        return w.U32((uint)BlockPeriodMs).U32((uint)MaxTxsPerBlock).U32((uint)MaxTxBytes)
            .U32((uint)MaxBlockBytes).U32((uint)RoundTimeoutMs).U32((uint)MaxClockDriftMs).ToArray();
    }

    /// <summary>Block 0: no proposer, no signature; its transactions_root is Keccak of the genesis encoding.</summary>
    public Block GenesisBlock
    {
        get
        {
            var header = new BlockHeader(ChainId, 0, Hash32.Zero, Timestamp * 1000, Keccak.Hash32(Encode()), Address.Zero, 0, 0);
            return new Block(header, [], header.ComputeHash(), default);
        }
    }

    public Hash32 Hash => GenesisBlock.Hash;

    public static Genesis LoadFile(string path) => Load(File.ReadAllText(path));

    public static Genesis Load(string json)
    {
        using var doc = JsonFields.Parse(json);
        var o = JsonFields.Object(doc.RootElement, "genesis");
        JsonFields.RejectUnknown(o, new HashSet<string>
        {
            "chain_id", "timestamp", "validators", "submitters", "block_period_ms", "max_txs_per_block",
            "max_tx_bytes", "max_block_bytes", "round_timeout_ms", "max_clock_drift_ms",
        }, "genesis");
        var g = new Genesis
        {
            ChainId = JsonFields.UInt64(o, "chain_id"),
            Timestamp = JsonFields.Int64(o, "timestamp"),
            Validators = Addresses(o, "validators"),
            Submitters = Addresses(o, "submitters"),
            BlockPeriodMs = Optional(o, "block_period_ms", 1000, 10, 600_000),
            MaxTxsPerBlock = Optional(o, "max_txs_per_block", 2000, 1, 100_000),
            MaxTxBytes = Optional(o, "max_tx_bytes", 64 * 1024, 256, 1024 * 1024),
            MaxBlockBytes = Optional(o, "max_block_bytes", 8 * 1024 * 1024, 1024, 12 * 1024 * 1024),
            RoundTimeoutMs = Optional(o, "round_timeout_ms", 2000, 50, 600_000),
            MaxClockDriftMs = Optional(o, "max_clock_drift_ms", 2000, 0, 600_000),
        };
        g.Check();
        return g;
    }

    /// <summary>Rules a genesis must satisfy; throws FormatException with the reason.</summary>
    public void Check()
    {
        if (ChainId == 0) throw new FormatException("chain_id must be positive");
        if (Validators.Count == 0) throw new FormatException("genesis names no validators");
        if (Validators.Distinct().Count() != Validators.Count) throw new FormatException("a validator is listed twice");
        if (Validators.Any(v => v == Address.Zero)) throw new FormatException("the zero address cannot be a validator");
        if (Submitters.Count == 0) throw new FormatException("genesis names no submitters");
        if (Submitters.Distinct().Count() != Submitters.Count) throw new FormatException("a submitter is listed twice");
    }

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("chain_id", ChainId);
            w.WriteNumber("timestamp", Timestamp);
            w.WriteStartArray("validators");
            foreach (var v in Validators) w.WriteStringValue(v.ToString());
            w.WriteEndArray();
            w.WriteStartArray("submitters");
            foreach (var s in Submitters) w.WriteStringValue(s.ToString());
            w.WriteEndArray();
            w.WriteNumber("block_period_ms", BlockPeriodMs);
            w.WriteNumber("max_txs_per_block", MaxTxsPerBlock);
            w.WriteNumber("max_tx_bytes", MaxTxBytes);
            w.WriteNumber("max_block_bytes", MaxBlockBytes);
            w.WriteNumber("round_timeout_ms", RoundTimeoutMs);
            w.WriteNumber("max_clock_drift_ms", MaxClockDriftMs);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static IReadOnlyList<Address> Addresses(JsonElement o, string name)
    {
        var arr = JsonFields.Required(o, name);
        if (arr.ValueKind != JsonValueKind.Array) throw new FormatException($"'{name}' must be an array of addresses");
        var list = new List<Address>();
        foreach (var e in arr.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.String || !Address.TryParse(e.GetString(), out var a))
                throw new FormatException($"'{name}' must be an array of 0x addresses");
            list.Add(a);
        }
        return list;
    }

    private static int Optional(JsonElement o, string name, int fallback, int min, int max) =>
        o.TryGetProperty(name, out _) ? JsonFields.Int32(o, name, min, max) : fallback;
}
