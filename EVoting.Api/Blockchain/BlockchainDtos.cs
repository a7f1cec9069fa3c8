using System.Text.Json.Serialization;
using EVoting.Chain;

namespace EVoting.Api.Blockchain;

public sealed record StatsValidator(string NodeId, string? Address, bool Healthy, ulong? Height);

/// <summary>
/// total_blocks / finalized_height: the chain as the validators report it; total_votes, chain_valid
/// and avg_block_time_ms: as the API's own audit has verified it, up to verified_height (behind
/// the chain only while that audit catches up: after a restart or under a heavy vote load).
/// </summary>
public sealed record StatsResponse(
    ulong TotalBlocks, int TotalVotes, ulong FinalizedHeight, bool ChainValid,
    IReadOnlyList<StatsValidator> Validators, double? AvgBlockTimeMs, ulong VerifiedHeight);

public sealed record VerifyResponse(bool ChainValid, ulong CheckedBlocks, int TotalVotes, IReadOnlyList<string> Errors);

/// <summary>Block times as the chain's JSON has them: `timestamp` unix seconds, `timestamp_ms` unix milliseconds.</summary>
public sealed record BlockSummary(
    ulong Number, string Hash, string PrevHash, long Timestamp, long TimestampMs, string Validator, int Round, int TxCount,
    string TransactionsRoot, int Precommits);

public sealed record TransactionView(
    string Hash, string Type, ulong ElectionId, long Timestamp, [property: JsonPropertyName("voter_id")] string? Nullifier, string? BallotHash,
    string? EncryptedVote, string? Proof, string? PublicKey, int? Candidates, int? MaxSelections, string? From, string Signature);

public sealed record BlockDetail(
    ulong Number, string Hash, string PrevHash, long Timestamp, long TimestampMs, string Validator, int Round,
    string TransactionsRoot, string Signature, CommitView? Commit, IReadOnlyList<TransactionView> Transactions);

public sealed record CommitView(int Round, IReadOnlyList<string> Precommits);

public static class BlockViews
{
    public static BlockSummary Summary(Block b) => new(
        b.Index, b.Hash.ToString(), b.Header.PrevHash.ToString(), b.Header.TimestampMs / 1000, b.Header.TimestampMs, b.Header.Validator.ToString(),
        b.Header.Round, b.Transactions.Count, b.Header.TransactionsRoot.ToString(), b.Commit?.Precommits.Count ?? 0);

    public static BlockDetail Detail(Block b) => new(
        b.Index, b.Hash.ToString(), b.Header.PrevHash.ToString(), b.Header.TimestampMs / 1000, b.Header.TimestampMs, b.Header.Validator.ToString(),
        b.Header.Round, b.Header.TransactionsRoot.ToString(), b.Signature.IsEmpty ? "" : b.Signature.ToString(),
        b.Commit is { } c ? new CommitView(c.Round, c.Precommits.Select(p => p.ToString()).ToArray()) : null,
        b.Transactions.Select(Tx).ToArray());

    /// <summary>Hex as in the chain's transaction JSON (0x-prefixed).</summary>
    private static TransactionView Tx(Transaction t) => t.Kind switch
    {
        TxKind.Vote => new(t.Hash.ToString(), t.Kind.ToWire(), t.ElectionId, t.Timestamp, t.Nullifier, t.BallotHash.ToString(),
            Hex.Encode(t.EncryptedVote), Hex.Encode(t.Proof), null, null, null, t.Sender?.ToString(), t.Signature.ToString()),
        TxKind.ElectionOpen => new(t.Hash.ToString(), t.Kind.ToWire(), t.ElectionId, t.Timestamp, null, null, null, null,
            Hex.Encode(t.PublicKey), t.Candidates, t.MaxSelections, t.Sender?.ToString(), t.Signature.ToString()),
        _ => new(t.Hash.ToString(), t.Kind.ToWire(), t.ElectionId, t.Timestamp, null, null, null, null, null, null, null,
            t.Sender?.ToString(), t.Signature.ToString()),
    };
}
