using EVoting.Api.Blockchain;
using EVoting.Api.Data;
using EVoting.Api.Outcomes;
using EVoting.Ballots;
using EVoting.Chain;
using Microsoft.Extensions.Options;

namespace EVoting.Api.Elections;

/// <summary>The homomorphic sums of a closed election's valid final ballots, and how many there are.</summary>
public sealed record ElectionAggregate(EncryptedTally Sums, int TotalBallots);

/// <summary>
/// Sums a closed election's ballots from the chain, not the database: every vote of the election in final blocks
/// before its final election_close transaction is decoded and verified (as a batch) and the valid ones are summed.
/// What the tally decrypts, and what guardians are given to decrypt (docs/trustees.md).
/// </summary>
public sealed class ChainAggregates(
    IElectionStore elections, IChainGateway chain, IOptions<TallyOptions> options, TimeProvider clock, ILogger<ChainAggregates> log)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public async Task<Outcome<ElectionAggregate>> SumAsync(ElectionRecord election, CancellationToken ct)
    {
        var id = election.Id;
        if (election.Status is ElectionStatus.Draft or ElectionStatus.Open)
            return new Failure.Conflict($"Election {id} is {election.Status.Text()}; it can be tallied only after it is closed.");
        var close = await WaitForFinalCloseAsync(id, ct);
        if (close is null || close.Status != TxStatus.Final || close.BlockNumber is null)
        {
            var waiting = await elections.CountUnsettledVotesAsync(id, ct);
            return new Failure.Conflict(close is null
                ? $"The election_close transaction is not sent yet: {waiting} accepted vote(s) are not final. Retry shortly."
                : "The election_close transaction is not final yet. Retry shortly.");
        }

        List<Transaction> votes;
        try
        {
            votes = await ReadVotesAsync(election.Id, Hash32.Parse(close.TxHash), (ulong)close.BlockNumber.Value, ct);
        }
        catch (Exception ex) when (ex is ValidatorsUnreachableException or InvalidDataException or FormatException)
        {
            return new Failure.ChainUnavailable("The chain could not be read for the tally: " + ex.Message);
        }

        var ballotElection = election.ToBallotElection();
        var decoded = new List<Ballot>(votes.Count);
        foreach (var vote in votes)
        {
            if (BallotWire.TryDecode(ballotElection.Id, vote.EncryptedVote, vote.Proof, ballotElection.Candidates, ballotElection.MaxSelections, out var ballot, out var reason))
                decoded.Add(ballot!);
            else
                log.LogWarning("Vote {Hash} on chain does not decode: {Reason}", vote.Hash, reason);
        }
        var errors = BallotVerifier.VerifyBatch(decoded.Select(b => (ballotElection, b)).ToArray());
        var valid = decoded.Where((_, i) => errors[i] is null).ToArray();
        if (valid.Length != votes.Count)
            log.LogWarning("Election {Id}: {Invalid} of {Total} ballots on chain are invalid and not counted", id, votes.Count - valid.Length, votes.Count);
        return new ElectionAggregate(TallyAggregator.Aggregate(ballotElection, valid), valid.Length);
    }

    /// <summary>
    /// The election's election_close row once it is final, or as it stands when the wait
    /// (<see cref="TallyOptions.CloseWaitSeconds"/>) runs out. The outbox sender sends it only after
    /// every accepted vote is final and marks it final a block later, so an official who runs the
    /// tally right after closing waits here for those few seconds instead of being told to retry.
    /// </summary>
    private async Task<ElectionEvent?> WaitForFinalCloseAsync(int id, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + options.Value.CloseWait;
        while (true)
        {
            var close = await elections.ReadEventAsync(id, ChainEventKind.Close, ct);
            if (close is { Status: TxStatus.Final, BlockNumber: not null } || clock.GetUtcNow() >= deadline)
                return close;
            await Task.Delay(PollInterval, ct);
        }
    }

    /// <summary>Every vote of the election in final blocks 1..closeBlock, up to the close transaction.</summary>
    private async Task<List<Transaction>> ReadVotesAsync(int electionId, Hash32 closeHash, ulong closeBlock, CancellationToken ct)
    {
        var votes = new List<Transaction>();
        for (ulong n = 1; n <= closeBlock; n++)
        {
            // The gateway returns only blocks it has verified final.
            var block = await chain.GetFinalBlockAsync(n, ct) ?? throw new InvalidDataException($"block {n} is missing");
            foreach (var tx in block.Transactions)
            {
                if (tx.Hash == closeHash)
                    return votes;
                if (tx.Kind == TxKind.Vote && tx.ElectionId == (ulong)electionId)
                    votes.Add(tx);
            }
        }
        throw new InvalidDataException($"the close transaction is not in block {closeBlock}");
    }
}
