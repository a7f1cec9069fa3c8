using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using EVoting.Api.Blockchain;
using EVoting.Api.Challenges;
using EVoting.Api.Crypto;
using EVoting.Api.Data;
using EVoting.Api.Elections;
using EVoting.Api.Roll;
using EVoting.Api.Votes;
using EVoting.Ballots;
using EVoting.Chain;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Options = Microsoft.Extensions.Options.Options;

namespace EVoting.Tests.Api.Services;

/// <summary>
/// The API's election and vote services wired to in-memory stores and an in-memory chain: the
/// business rules with real ballot cryptography, without ASP.NET, MariaDB or validators.
/// </summary>
internal sealed class ServiceHarness
{
    private static readonly ActivitySource Activity = new("EVoting.Tests.Api.Services");

    public ServiceHarness(int openTimeoutSeconds = 30, int closeWaitSeconds = 0, int maxSpoiledPerElection = 10_000)
    {
        var submitter = EthKey.Generate();
        var proposer = EthKey.Generate();
        var genesis = new Genesis { ChainId = 1337, Timestamp = 1_700_000_000, Validators = [proposer.Address], Submitters = [submitter.Address] };
        Clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_100));
        Chain = new InMemoryChain(genesis, proposer);
        Elections = new InMemoryElectionStore();
        Votes = new InMemoryVoteStore(Elections);
        Rolls = new InMemoryRollStore(Elections, new InMemoryVoterStore());
        Transactions = new ChainTransactions(new ChainSettings(genesis, submitter), Clock);
        var sealer = new SecretSealer(KeyDerivation.Derive("test-data-protection-key", "election-secret-v1"));
        Creator = new ElectionCreator(Elections, sealer, new ChainSettings(genesis, submitter), Clock);
        var publisher = new ChainEventPublisher(Elections, Chain, Options.Create(new ChainOptions { OpenTimeoutSeconds = openTimeoutSeconds }), Clock);
        Guardians = new InMemoryGuardianStore(Elections);
        var ceremony = new ElectionCeremony(Creator, Guardians);
        Lifecycle = new ElectionLifecycle(Elections, Transactions, publisher, ceremony, Clock, Activity, NullLogger<ElectionLifecycle>.Instance);
        var aggregates = new ChainAggregates(Elections, Chain, Options.Create(new TallyOptions { CloseWaitSeconds = closeWaitSeconds }), Clock,
            NullLogger<ChainAggregates>.Instance);
        Relay = new GuardianRelay(Elections, Guardians, aggregates, Clock);
        Tally = new TallyService(Elections, aggregates, Creator, ceremony, Transactions, publisher, Clock, Activity, NullLogger<TallyService>.Instance);
        Submitter = new VoteSubmitter(Elections, Votes, Rolls, Transactions, Chain, new Nullifier(KeyDerivation.Derive("test-data-protection-key", "nullifier-v1")),
            new OutboxSendLog(), Clock, Activity, NullLogger<VoteSubmitter>.Instance);
        Receipts = new ReceiptService(Votes, Elections, Chain, NullLogger<ReceiptService>.Instance);
        Queries = new ElectionQueries(Elections, Votes, Rolls);
        Roll = new RollService(Elections, Rolls, Options.Create(new RollOptions()), Clock);
        Spoiled = new InMemorySpoiledBallotStore(Elections, Votes);
        SpoiledBallots = new SpoiledBallotService(Elections, Spoiled, Rolls, Options.Create(new SpoiledBallotOptions { MaxPerElection = maxSpoiledPerElection }), Clock);
    }

    public FakeTimeProvider Clock { get; }
    public InMemoryChain Chain { get; }
    public InMemoryElectionStore Elections { get; }
    public InMemoryVoteStore Votes { get; }
    public InMemoryRollStore Rolls { get; }
    public RollService Roll { get; }
    public ChainTransactions Transactions { get; }
    public ElectionCreator Creator { get; }
    public InMemoryGuardianStore Guardians { get; }
    public GuardianRelay Relay { get; }
    public ElectionLifecycle Lifecycle { get; }
    public TallyService Tally { get; }
    public VoteSubmitter Submitter { get; }
    public ReceiptService Receipts { get; }
    public ElectionQueries Queries { get; }
    public InMemorySpoiledBallotStore Spoiled { get; }
    public SpoiledBallotService SpoiledBallots { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A draft election; open to every account unless <paramref name="eligibility"/> says roll.</summary>
    public async Task<ElectionRecord> DraftAsync(int candidates = 3, int maxSelections = 1, string eligibility = Eligibility.Open)
    {
        var created = await Creator.CreateAsync(new CreateElectionRequest("Board", null, null, null,
            Enumerable.Range(1, candidates).Select(i => (CandidateInput?)new CandidateInput($"Candidate {i}", null)).ToList(), maxSelections, Eligibility: eligibility), Ct);
        return Elections.Elections[created.Value!.Id];
    }

    /// <summary>A draft whose key is held by <paramref name="names"/> as guardians with quorum <paramref name="quorum"/>, and each guardian's client.</summary>
    public async Task<(ElectionRecord Election, RelayGuardian[] Guardians)> DraftWithGuardiansAsync(int quorum, params string[] names)
    {
        var created = (await Creator.CreateAsync(new CreateElectionRequest("Board", null, null, null,
            Enumerable.Range(1, 3).Select(i => (CandidateInput?)new CandidateInput($"Candidate {i}", null)).ToList(), 1,
            names.Select(n => (GuardianInput?)new GuardianInput(n, null)).ToList(), quorum, Eligibility.Open), Ct)).Value!;
        return (Elections.Elections[created.Id], created.GuardianInvitations!.Select(i => new RelayGuardian(this, created.Id, i.Token)).ToArray());
    }

    /// <summary>A draft opened on the (in-memory) chain.</summary>
    public async Task<ElectionRecord> OpenAsync(int candidates = 3, int maxSelections = 1, string eligibility = Eligibility.Open, params string[] roll)
    {
        var election = await DraftAsync(candidates, maxSelections, eligibility);
        if (roll.Length > 0)
            Assert.True((await Roll.UploadAsync(election.Id, PipeReader.Create(new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', roll)))), Ct)).Succeeded);
        Chain.SealOnSend = true;
        var opened = await Lifecycle.OpenAsync(election.Id, Ct);
        Chain.SealOnSend = false;
        Assert.True(opened.Succeeded, opened.ToString());
        return election;
    }

    /// <summary>A ballot for <paramref name="election"/> choosing <paramref name="choices"/> (1-based), as the frontend sends it.</summary>
    public static SubmitVoteRequest Ballot(ElectionRecord election, params int[] choices)
    {
        var ballotElection = election.ToBallotElection();
        var selections = Enumerable.Range(1, ballotElection.Candidates).Select(i => choices.Contains(i) ? 1 : 0).ToArray();
        var json = BallotJson.Serialize(BallotEncryptor.Encrypt(ballotElection, selections));
        return new SubmitVoteRequest(election.Id, JsonDocument.Parse(json).RootElement.Clone());
    }

    /// <summary>What the outbox sender does after the last vote is final: election_close on chain, final.</summary>
    public async Task PutCloseOnChainAsync(int electionId)
    {
        var evt = await Elections.EnsureEventAsync(electionId, ChainEventKind.Close, () => Transactions.Close(electionId), Clock.GetUtcNow().UtcDateTime, Ct);
        await Chain.SendAsync(TransactionJson.Parse(evt.Payload), Ct);
        var block = Chain.Seal();
        evt.Status = TxStatus.Final;
        evt.BlockNumber = (long)block.Index;
    }
}
