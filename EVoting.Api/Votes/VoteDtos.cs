using System.Text.Json;

namespace EVoting.Api.Votes;

public sealed record SubmitVoteRequest(long? ElectionId, JsonElement? Ballot);

public sealed record VoteReceiptSummary(int Id, string TransactionId, string BallotHash, DateTime Timestamp, string Status);

public sealed record VoteStatusResponse(bool HasVoted, string? TransactionId, string? Status);

public sealed record ReceiptResponse(
    string TransactionId, string BallotHash, int ElectionId, string Status, long? BlockNumber, string? BlockHash,
    int? TxIndex, IReadOnlyList<string> MerkleProof, string? TransactionsRoot, string? Validator, DateTime? FinalizedAt,
    DateTime SubmittedAt);
