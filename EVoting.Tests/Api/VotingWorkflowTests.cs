using System.Net;
using System.Text.Json.Nodes;
using EVoting.Chain;
using EVoting.Cli;

namespace EVoting.Tests.Api;

/// <summary>
/// Voting through the real API into real validators: the seed's workflow, double voting, invalid
/// ballots, and a tally that the independent verifier checks against the chain.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ChainSystems.Name)]
public sealed partial class VotingWorkflowTests(FullSystem system) : IClassFixture<FullSystem>
{
    private static string Str(JsonNode? node, string name) => node![name]!.GetValue<string>();

    /// <summary>The `evoting` command tree in-process, as an auditor runs it; exit code and stdout + stderr.</summary>
    private static async Task<(int Exit, string Output)> RunCliAsync(params string[] args)
    {
        var output = new StringWriter();
        var exit = await CliApp.RunAsync(args, new System.CommandLine.InvocationConfiguration { Output = output, Error = output });
        return (exit, output.ToString());
    }

    private async Task<(JsonNode Election, int Id)> OpenElectionAsync(int candidates = 3)
    {
        var election = await system.CreateElectionAsync(candidates);
        var id = election["id"]!.GetValue<int>();
        var opened = await system.OpenElectionAsync(id);
        Assert.Equal("open", Str(opened, "status"));
        return (election, id);
    }

    [Fact]
    public async Task A_voter_registers_logs_in_votes_and_the_receipt_reaches_a_final_block_that_holds_the_vote()
    {
        var (election, id) = await OpenElectionAsync();
        var voter = await system.NewVoterAsync();

        var response = await system.SubmitAsync(voter, id, ApiSystem.Ballot(election, 2));
        var submitted = await ApiSystem.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, submitted?.ToJsonString());
        var txHash = Str(submitted, "transaction_id");
        Assert.Matches("^[0-9a-f]{64}$", Str(submitted, "ballot_hash"));

        var receipt = await system.WaitForReceiptAsync(txHash);
        var blockNumber = receipt["block_number"]!.GetValue<long>();
        Assert.True(blockNumber > 0);
        Assert.Equal(id, receipt["election_id"]!.GetValue<int>());
        Assert.Equal(Str(submitted, "ballot_hash"), Str(receipt, "ballot_hash"));

        // The block (through the API and straight from a validator) holds the transaction, and the
        // receipt's Merkle proof ties it to the block's transactions root.
        var block = await ApiSystem.ReadAsync(await system.GetAsync($"/api/blockchain/blocks/{blockNumber}"));
        Assert.Contains(block!["transactions"]!.AsArray(), t => Str(t, "hash") == txHash);
        Assert.Equal(Str(block, "hash"), Str(receipt, "block_hash"));
        var chainBlock = (await system.ReadChainAsync("validator-2"))[(int)blockNumber];
        var index = receipt["tx_index"]!.GetValue<int>();
        Assert.Equal(Hash32.Parse(txHash), chainBlock.Transactions[index].Hash);
        var proof = receipt["merkle_proof"]!.AsArray().Select(h => Hash32.Parse(h!.GetValue<string>())).ToArray();
        Assert.True(MerkleTree.Verify(Hash32.Parse(txHash), index, chainBlock.Transactions.Count, proof, Hash32.Parse(Str(receipt, "transactions_root"))));

        var status = await ApiSystem.ReadAsync(await system.GetAsync($"/api/votes/status?election_id={id}", voter));
        Assert.True(status!["has_voted"]!.GetValue<bool>());
        Assert.Equal(txHash, Str(status, "transaction_id"));
        var read = await ApiSystem.ReadAsync(await system.GetAsync($"/api/elections/{id}", voter));
        Assert.True(read!["has_voted"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_second_vote_conflicts_while_a_retried_identical_request_gets_the_same_receipt()
    {
        var (election, id) = await OpenElectionAsync();
        var voter = await system.NewVoterAsync();
        var ballot = ApiSystem.Ballot(election, 1);
        var first = await ApiSystem.ReadAsync(await system.SubmitAsync(voter, id, ballot));

        var retry = await system.SubmitAsync(voter, id, ballot);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(Str(first, "transaction_id"), Str(await ApiSystem.ReadAsync(retry), "transaction_id"));

        var second = await system.SubmitAsync(voter, id, ApiSystem.Ballot(election, 3));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Twenty_concurrent_submits_by_one_voter_accept_one_and_put_one_transaction_on_chain()
    {
        var (election, id) = await OpenElectionAsync(candidates: 2);
        var voter = await system.NewVoterAsync();
        var ballots = Enumerable.Range(0, 20).Select(i => ApiSystem.Ballot(election, 1 + i % 2)).ToArray();

        var responses = await Task.WhenAll(ballots.Select(b => system.SubmitAsync(voter, id, b)));

        var codes = responses.Select(r => r.StatusCode).ToArray();
        Assert.Single(codes, HttpStatusCode.Created);
        Assert.All(codes.Where(c => c != HttpStatusCode.Created), c => Assert.Equal(HttpStatusCode.Conflict, c));
        var accepted = await ApiSystem.ReadAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Created));
        await system.WaitForReceiptAsync(Str(accepted, "transaction_id"));

        var tally = await system.CloseAndTallyAsync(id);
        Assert.Equal(1, tally["total_ballots"]!.GetValue<int>());
        var votesOnChain = (await system.ReadChainAsync()).SelectMany(b => b.Transactions)
            .Count(t => t.Kind == TxKind.Vote && t.ElectionId == (ulong)id);
        Assert.Equal(1, votesOnChain);
    }

    [Fact]
    public async Task Invalid_ballots_are_refused_with_the_reason_store_nothing_and_the_voter_can_still_vote()
    {
        var (election, id) = await OpenElectionAsync(candidates: 3);
        var (other, _) = await OpenElectionAsync(candidates: 3);
        var (small, _) = await OpenElectionAsync(candidates: 2);
        var voter = await system.NewVoterAsync();

        // A proof scalar changed: well-formed, but the range proof no longer verifies.
        var badProof = ApiSystem.Ballot(election, 1);
        var v = badProof["proofs"]![0]!["v"]!.AsArray();
        v[0] = v[1]!.GetValue<string>();
        // Another election's ballot (same shape) relabelled for this one: its proofs are bound to the other H_E.
        var moved = ApiSystem.Ballot(other, 1);
        moved["election_id"] = id;
        // A ballot for a two-candidate election.
        var wrongCount = ApiSystem.Ballot(small, 1);
        wrongCount["election_id"] = id;

        foreach (var (ballot, reason) in new[] { (badProof, "does not verify"), (moved, "does not verify"), (wrongCount, "number of ciphertexts") })
        {
            var response = await system.SubmitAsync(voter, id, ballot);
            var problem = await ApiSystem.ReadAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, problem?.ToJsonString());
            Assert.Contains(reason, Str(problem, "detail"));
        }
        var status = await ApiSystem.ReadAsync(await system.GetAsync($"/api/votes/status?election_id={id}", voter));
        Assert.False(status!["has_voted"]!.GetValue<bool>());

        var valid = await system.SubmitAsync(voter, id, ApiSystem.Ballot(election, 3));
        Assert.Equal(HttpStatusCode.Created, valid.StatusCode);
    }

    [Fact]
    public async Task The_tally_run_right_after_closing_waits_for_the_close_to_be_final_instead_of_asking_to_retry()
    {
        var (election, id) = await OpenElectionAsync(candidates: 2);
        foreach (var choice in new[] { 1, 2, 2 }) // 1-based candidate numbers (0 abstains)
            Assert.Equal(HttpStatusCode.Created, (await system.SubmitAsync(await system.NewVoterAsync(), id, ApiSystem.Ballot(election, choice))).StatusCode);
        var admin = await system.AdminTokenAsync();
        Assert.Equal(HttpStatusCode.OK, (await system.SendAsync(HttpMethod.Post, $"/api/elections/{id}/close", token: admin)).StatusCode);

        // At this moment the votes are not final and election_close is not even sent: one request
        // still gets the published result (what an official clicking "Run the tally" expects).
        var response = await system.SendAsync(HttpMethod.Post, $"/api/elections/{id}/tally", token: admin);
        var tally = await ApiSystem.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, tally?.ToJsonString());
        Assert.Equal([1L, 2L], tally!["candidates"]!.AsArray().Select(c => c!["count"]!.GetValue<long>()));
    }

    [Fact]
    public async Task The_tally_of_known_choices_publishes_those_counts_with_proofs_that_an_independent_verifier_accepts()
    {
        var (election, id) = await OpenElectionAsync(candidates: 3);
        int[] choices = [1, 2, 2, 3, 2, 0];
        var receipts = new List<string>();
        foreach (var choice in choices)
        {
            var response = await system.SubmitAsync(await system.NewVoterAsync(), id, ApiSystem.Ballot(election, choice));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            receipts.Add(Str(await ApiSystem.ReadAsync(response), "transaction_id"));
        }

        var tally = await system.CloseAndTallyAsync(id);

        Assert.Equal("tallied", Str(tally, "status"));
        Assert.Equal(choices.Length, tally["total_ballots"]!.GetValue<int>());
        Assert.Equal([1L, 3L, 1L], tally["candidates"]!.AsArray().Select(c => c!["count"]!.GetValue<long>()));
        Assert.True(tally["verified"]!.GetValue<bool>());
        // `evoting tally verify --api` checks the published decryption proofs with nothing but the public key.
        var (verifyExit, verifyOut) = await RunCliAsync("tally", "verify", "--api", system.App.GetEndpoint("api").ToString(), "--election-id", id.ToString());
        Assert.True(verifyExit == 0, verifyOut);
        Assert.Contains($"valid: election {id}, {choices.Length} ballots, counts 1: 1, 2: 3, 3: 1", verifyOut);
        // Idempotent, and the public results are the same.
        var again = await system.SendAsync(HttpMethod.Post, $"/api/elections/{id}/tally", token: await system.AdminTokenAsync());
        Assert.Equal(tally["decryption"]!.ToJsonString(), (await ApiSystem.ReadAsync(again))!["decryption"]!.ToJsonString());
        var results = await ApiSystem.ReadAsync(await system.GetAsync($"/api/elections/{id}/results"));
        Assert.Equal(tally["candidates"]!.ToJsonString(), results!["candidates"]!.ToJsonString());
        foreach (var tx in receipts)
            Assert.Equal("final", Str(await ApiSystem.ReadAsync(await system.GetAsync($"/api/votes/receipt/{tx}")), "status"));

        // The auditor's command against a validator (its bare base URL: /rpc is added) and the API:
        // the chain and every published tally verify.
        var (exit, output) = await RunCliAsync("verify", "--rpc", system.App.GetEndpoint("validator-1", "rpc").ToString(),
            "--api", system.App.GetEndpoint("api").ToString(), "--genesis", system.GenesisPath);
        Assert.True(exit == 0, output);
        Assert.Contains("tallies verified", output);

        // The threshold record of the tally is on chain: checked from the chain alone, with the chain's names.
        Assert.False(string.IsNullOrEmpty(tally["tally_transaction"]?.GetValue<string>()), tally.ToJsonString());
        Assert.Equal([1], tally["guardians"]!.AsArray().Select(g => g!.GetValue<int>()));
        var (chainExit, chainOut) = await RunCliAsync("tally", "verify", "--rpc", system.App.GetEndpoint("validator-3", "rpc").ToString(),
            "--election-id", id.ToString(), "--genesis", system.GenesisPath);
        Assert.True(chainExit == 0, chainOut);
        Assert.Contains($"valid from the chain: election {id} \"Test election\": {choices.Length} ballots; Candidate 1 1, Candidate 2 3, Candidate 3 1 (guardians 1)", chainOut);

        var verify = await ApiSystem.ReadAsync(await system.GetAsync("/api/blockchain/verify"));
        Assert.True(verify!["chain_valid"]!.GetValue<bool>(), verify.ToJsonString());
        // /stats answers within its budget with what its audit has verified; it catches up with the chain.
        JsonNode? stats;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            stats = await ApiSystem.ReadAsync(await system.GetAsync("/api/blockchain/stats"));
            if (stats!["verified_height"]!.GetValue<ulong>() == stats["finalized_height"]!.GetValue<ulong>())
                break;
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Equal(stats["finalized_height"]!.GetValue<ulong>(), stats["verified_height"]!.GetValue<ulong>());
        Assert.True(stats["chain_valid"]!.GetValue<bool>());
        Assert.True(stats["total_votes"]!.GetValue<int>() >= choices.Length);
        Assert.Equal(3, stats["validators"]!.AsArray().Count(x => x!["healthy"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task A_roll_election_fixes_its_roll_size_on_chain_refuses_off_roll_voters_and_verify_reports_its_turnout()
    {
        var election = await system.CreateElectionAsync(candidates: 2, eligibility: "roll");
        var id = election["id"]!.GetValue<int>();
        await system.UploadRollAsync(id, ["ada@example.org", "bob@example.org", "cy@example.org"]);
        var codes = await system.RollCodesAsync(id);
        var email = $"ada-{Guid.NewGuid():N}@example.org";
        Assert.Equal(HttpStatusCode.Created, (await system.RegisterAsync(email, codes["ada@example.org"])).StatusCode);
        var enrolled = await system.LoginAsync(email, "Passw0rd!");
        await system.OpenElectionAsync(id);

        var offRoll = await system.SubmitAsync(await system.NewVoterAsync(), id, ApiSystem.Ballot(election, 1));
        var cast = await system.SubmitAsync(enrolled, id, ApiSystem.Ballot(election, 2));

        Assert.Equal(HttpStatusCode.Forbidden, offRoll.StatusCode);
        Assert.Equal(HttpStatusCode.Created, cast.StatusCode);
        await system.WaitForReceiptAsync(Str(await ApiSystem.ReadAsync(cast), "transaction_id"));
        var open = (await system.ReadChainAsync()).SelectMany(b => b.Transactions)
            .Single(t => t.Kind == TxKind.ElectionOpen && t.ElectionId == (ulong)id);
        Assert.Equal(3UL, open.RollSize);
        var (exit, output) = await RunCliAsync("verify", "--rpc", system.App.GetEndpoint("validator-1", "rpc").ToString(), "--genesis", system.GenesisPath);
        Assert.True(exit == 0, output);
        Assert.Contains($"election {id}: 1 ballots of 3 on the roll (33.3 %)", output);
    }

    [Fact]
    public async Task Swapping_two_candidates_names_in_the_database_after_voting_makes_verify_fail()
    {
        var (election, id) = await OpenElectionAsync(candidates: 3);
        var response = await system.SubmitAsync(await system.NewVoterAsync(), id, ApiSystem.Ballot(election, 1));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await system.CloseAndTallyAsync(id);
        string[] verifyArgs = ["verify", "--rpc", system.App.GetEndpoint("validator-1", "rpc").ToString(),
            "--api", system.App.GetEndpoint("api").ToString(), "--genesis", system.GenesisPath];
        var (exit, output) = await RunCliAsync(verifyArgs);
        Assert.True(exit == 0, output);

        // Whoever can write the API's database swaps candidates 1 and 2: the API now reports candidate 1's vote as
        // candidate 2's. The chain's election_open fixed the names before the vote.
        await SwapNamesAsync(id);
        try
        {
            var results = await ApiSystem.ReadAsync(await system.GetAsync($"/api/elections/{id}/results"));
            Assert.Equal("Candidate 2", Str(results!["candidates"]![0], "name"));
            (exit, output) = await RunCliAsync(verifyArgs);
            Assert.True(exit == 1, output);
            Assert.Contains($"ERROR election {id} candidate 1: the API names it \"Candidate 2\" but the chain's election_open says \"Candidate 1\"", output);
            Assert.Contains($"ERROR election {id} candidate 2: the API names it \"Candidate 1\" but the chain's election_open says \"Candidate 2\"", output);
            // From the chain alone the count stays with its name.
            var (chainExit, chainOut) = await RunCliAsync("tally", "verify", "--rpc", system.App.GetEndpoint("validator-2", "rpc").ToString(),
                "--election-id", id.ToString(), "--genesis", system.GenesisPath);
            Assert.True(chainExit == 0, chainOut);
            Assert.Contains("Candidate 1 1, Candidate 2 0, Candidate 3 0", chainOut);
        }
        finally
        {
            await SwapNamesAsync(id); // the other tests of this system verify every election
        }
    }

    private async Task SwapNamesAsync(int electionId)
    {
        await using var db = new MySqlConnector.MySqlConnection(await system.App.GetConnectionStringAsync("evoting"));
        await db.OpenAsync(TestContext.Current.CancellationToken);
        var ct = TestContext.Current.CancellationToken;
        var names = new List<string>();
        await using (var read = new MySqlConnector.MySqlCommand("SELECT name FROM candidate WHERE election_id = @id AND position IN (1, 2) ORDER BY position", db))
        {
            read.Parameters.AddWithValue("@id", electionId);
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                names.Add(reader.GetString(0));
        }
        for (var position = 1; position <= 2; position++)
        {
            await using var write = new MySqlConnector.MySqlCommand("UPDATE candidate SET name = @name WHERE election_id = @id AND position = @position", db);
            write.Parameters.AddWithValue("@name", names[2 - position]);
            write.Parameters.AddWithValue("@id", electionId);
            write.Parameters.AddWithValue("@position", position);
            Assert.Equal(1, await write.ExecuteNonQueryAsync(ct));
        }
    }
}
