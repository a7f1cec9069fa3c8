using EVoting.Api.Data;
using EVoting.Api.Votes;

namespace EVoting.Tests.Api.Services;

/// <summary>
/// The outbox's contract kept in memory: one row per voter and election, admitted only while the
/// election is open. Rows are copied in and out, as the database does.
/// </summary>
internal sealed class InMemoryVoteStore : IVoteStore
{
    private readonly InMemoryElectionStore _elections;

    public InMemoryVoteStore(InMemoryElectionStore elections)
    {
        _elections = elections;
        elections.Votes = this;
    }

    public List<VoteTransaction> Rows { get; } = [];

    /// <summary>The spoiled list admission consults, when the harness has one.</summary>
    public InMemorySpoiledBallotStore? Spoiled { get; set; }

    /// <summary>Runs just before an admission, inside the window a concurrent request could use.</summary>
    public Action? BeforeAdmit { get; set; }

    public Task<VoteTransaction?> FindAsync(int voterId, int electionId, CancellationToken ct) =>
        Task.FromResult(Rows.SingleOrDefault(v => v.VoterId == voterId && v.ElectionId == electionId) is { } row ? Copy(row) : null);

    public Task<VoteTransaction?> FindByTxHashAsync(string txHash, CancellationToken ct) =>
        Task.FromResult(Rows.SingleOrDefault(v => v.TxHash == txHash) is { } row ? Copy(row) : null);

    public Task<IReadOnlySet<int>> ElectionsVotedInAsync(int voterId, CancellationToken ct) =>
        Task.FromResult<IReadOnlySet<int>>(Rows.Where(v => v.VoterId == voterId).Select(v => v.ElectionId).ToHashSet());

    public Task<IReadOnlyDictionary<string, string>> SubmitVerdictsAsync(IReadOnlyList<string> txHashes, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(Rows.Where(v => txHashes.Contains(v.TxHash))
            .ToDictionary(v => v.TxHash, v => _elections.Elections[v.ElectionId].PublicKey));

    public Task<VoteAdmission> AdmitAsync(VoteTransaction row, CancellationToken ct)
    {
        BeforeAdmit?.Invoke();
        var status = _elections.Elections[row.ElectionId].Status;
        if (status != ElectionStatus.Open)
            return Task.FromResult<VoteAdmission>(new VoteAdmission.ElectionNotOpen(status));
        if (Spoiled?.Contains(row.ElectionId, row.BallotHash) == true)
            return Task.FromResult<VoteAdmission>(new VoteAdmission.Spoiled());
        if (Rows.SingleOrDefault(v => v.VoterId == row.VoterId && v.ElectionId == row.ElectionId) is { } winner)
            return Task.FromResult<VoteAdmission>(new VoteAdmission.AlreadyVoted(Copy(winner)));
        row.Id = Rows.Count + 1;
        Rows.Add(Copy(row));
        return Task.FromResult<VoteAdmission>(new VoteAdmission.Stored());
    }

    public Task RecordSendAsync(int rowId, string? acceptedBy, string? error, CancellationToken ct)
    {
        var row = Rows.Single(v => v.Id == rowId);
        row.Attempts++;
        row.AcceptedBy ??= acceptedBy;
        row.LastError = error;
        return Task.CompletedTask;
    }

    public static VoteTransaction Copy(VoteTransaction v) => new()
    {
        Id = v.Id, VoterId = v.VoterId, ElectionId = v.ElectionId, TxHash = v.TxHash, BlockNumber = v.BlockNumber, BlockHash = v.BlockHash,
        TxIndex = v.TxIndex, BallotHash = v.BallotHash, Status = v.Status, Payload = v.Payload, SubmittedAt = v.SubmittedAt,
        AcceptedBy = v.AcceptedBy, Attempts = v.Attempts, LastError = v.LastError, FinalizedAt = v.FinalizedAt,
        TraceParent = v.TraceParent, TraceState = v.TraceState,
    };
}
