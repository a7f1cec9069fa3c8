using EVoting.Api.Data;

namespace EVoting.Api.Roll;

/// <summary>Why a roll could not be replaced (checked under the election row's lock).</summary>
public enum RollReplace { Replaced, NotDraft, Opening, CodesUsed }

/// <summary>How claiming an enrolment code for an account ended.</summary>
public enum RollClaim { Claimed, CodeUsed, AlreadyEnrolled, EmailTaken }

/// <summary>The roll entry an enrolment code names, with its election's code expiry.</summary>
public sealed record CodeMatch(long EntryId, int ElectionId, int? VoterId, DateTime? ExpiresAt);

/// <summary>Voter rolls and enrolment codes (<see cref="Data.EfRollStore"/> on MariaDB).</summary>
public interface IRollStore
{
    /// <summary>
    /// Replaces the election's roll by <paramref name="identifiers"/> in one database transaction
    /// (the enumeration may throw; nothing is then kept), in batched inserts; duplicates are dropped.
    /// Resets the codes (none issued). Refused unless the election is a draft not being opened and
    /// no code of its roll was used.
    /// </summary>
    Task<(RollReplace Result, int Entries)> ReplaceAsync(int electionId, IAsyncEnumerable<string> identifiers, CancellationToken ct);

    /// <summary>Marks the election's codes issued, atomically: false when they already were.</summary>
    Task<bool> MarkCodesIssuedAsync(int electionId, DateTime issuedAt, DateTime expiresAt, CancellationToken ct);

    /// <summary>Up to <paramref name="count"/> entries of the election with an id above <paramref name="afterId"/>, by id.</summary>
    Task<IReadOnlyList<(long Id, string Identifier)>> EntriesAsync(int electionId, long afterId, int count, CancellationToken ct);

    /// <summary>Stores each entry's code hash in one statement.</summary>
    Task SetCodeHashesAsync(IReadOnlyList<(long Id, byte[] Hash)> codes, CancellationToken ct);

    Task<CodeMatch?> FindByCodeHashAsync(byte[] hash, CancellationToken ct);

    /// <summary>Gives the entry to the account, unless another account took it first or the account already has an entry in that election.</summary>
    Task<RollClaim> ClaimAsync(CodeMatch code, int voterId, DateTime now, CancellationToken ct);

    /// <summary>Adds the account and claims the code for it in one transaction: neither happens without the other.</summary>
    Task<RollClaim> AddVoterAndClaimAsync(Voter voter, CodeMatch code, DateTime now, CancellationToken ct);

    Task<bool> IsEnrolledAsync(int electionId, int voterId, CancellationToken ct);

    /// <summary>The elections whose rolls list the account.</summary>
    Task<IReadOnlySet<int>> ElectionsEnrolledInAsync(int voterId, CancellationToken ct);
}
