using EVoting.Api.Data;

namespace EVoting.Api.Votes;

/// <summary>The outbox of accepted votes (<see cref="Data.EfVoteStore"/> on MariaDB). Rows it returns are not tracked.</summary>
public interface IVoteStore
{
    Task<VoteTransaction?> FindAsync(int voterId, int electionId, CancellationToken ct);

    Task<VoteTransaction?> FindByTxHashAsync(string txHash, CancellationToken ct);

    /// <summary>Ids of the elections the voter has a vote in.</summary>
    Task<IReadOnlySet<int>> ElectionsVotedInAsync(int voterId, CancellationToken ct);

    /// <summary>
    /// Adds the row if its election is open and the ballot was not challenged (docs/trustees.md#ballot-challenge),
    /// atomically with respect to closing the election (a close waits for it) and to posting a spoiled ballot; a
    /// concurrent row of the same voter and election wins over it.
    /// </summary>
    Task<VoteAdmission> AdmitAsync(VoteTransaction row, CancellationToken ct);

    /// <summary>Records a send of the row by the submit request: only the send's own columns.</summary>
    Task RecordSendAsync(int rowId, string? acceptedBy, string? error, CancellationToken ct);

    /// <summary>
    /// Of <paramref name="txHashes"/>, the votes this API accepted, each with the election key (hex)
    /// its ballot proofs were checked against at submit: a row exists only after that check passed.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> SubmitVerdictsAsync(IReadOnlyList<string> txHashes, CancellationToken ct);
}

/// <summary>What <see cref="IVoteStore.AdmitAsync"/> did.</summary>
public abstract record VoteAdmission
{
    public sealed record Stored : VoteAdmission;
    public sealed record ElectionNotOpen(ElectionStatus Status) : VoteAdmission;
    /// <summary>The voter already has a row for the election (a concurrent submit stored it first).</summary>
    public sealed record AlreadyVoted(VoteTransaction Existing) : VoteAdmission;
    /// <summary>The ballot's tracking code is on the election's spoiled list: it was challenged and can never be cast.</summary>
    public sealed record Spoiled : VoteAdmission;
}
