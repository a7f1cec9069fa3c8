using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using EVoting.Api.Data;

namespace EVoting.Api.Votes;

public sealed record SubmitVoteRequest(long? ElectionId, JsonElement? Ballot);

public sealed record VoteReceiptSummary(int Id, string TransactionId, string BallotHash, DateTime Timestamp, [property: AllowedValues(TxStatusText.Pending, TxStatusText.Included, TxStatusText.Final, TxStatusText.Rejected)] string Status);

public sealed record VoteStatusResponse(bool HasVoted, string? TransactionId, [property: AllowedValues(TxStatusText.Pending, TxStatusText.Included, TxStatusText.Final, TxStatusText.Rejected)] string? Status);

public sealed record ReceiptResponse(
    string TransactionId, string BallotHash, int ElectionId, [property: AllowedValues(TxStatusText.Pending, TxStatusText.Included, TxStatusText.Final, TxStatusText.Rejected)] string Status, long? BlockNumber, string? BlockHash,
    int? TxIndex, IReadOnlyList<string> MerkleProof, string? TransactionsRoot, string? Validator, DateTime? FinalizedAt,
    DateTime SubmittedAt);
