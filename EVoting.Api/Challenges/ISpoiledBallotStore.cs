using EVoting.Api.Data;

namespace EVoting.Api.Challenges;

/// <summary>The public list of challenged ballots (<see cref="Data.EfSpoiledBallotStore"/> on MariaDB).</summary>
public interface ISpoiledBallotStore
{
    /// <summary>
    /// Adds the row if its election is open, no vote of the election has its tracking code, and the election has fewer
    /// than <paramref name="maxPerElection"/> spoiled ballots; atomically with respect to vote admission, so a ballot
    /// is either cast or spoiled, never both (docs/trustees.md#ballot-challenge).
    /// </summary>
    Task<SpoiledAdmission> AddAsync(SpoiledBallot row, int maxPerElection, CancellationToken ct);

    /// <summary>The election's challenged ballot JSON in posting order, <paramref name="limit"/> from <paramref name="offset"/>.</summary>
    Task<IReadOnlyList<string>> ListAsync(int electionId, int offset, int limit, CancellationToken ct);
}

/// <summary>What <see cref="ISpoiledBallotStore.AddAsync"/> did.</summary>
public abstract record SpoiledAdmission
{
    public sealed record Stored(SpoiledBallot Row) : SpoiledAdmission;
    /// <summary>The same ballot was posted before (a retried request): that row.</summary>
    public sealed record AlreadyPosted(SpoiledBallot Existing) : SpoiledAdmission;
    public sealed record ElectionNotOpen(ElectionStatus Status) : SpoiledAdmission;
    /// <summary>A vote with this tracking code was cast: its nonces must not become public.</summary>
    public sealed record AlreadyCast : SpoiledAdmission;
    public sealed record ListFull : SpoiledAdmission;
}
