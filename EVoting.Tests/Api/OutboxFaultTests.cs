using System.Net;
using System.Text.Json.Nodes;
using EVoting.AppHost;
using EVoting.Chain;
using MySqlConnector;

namespace EVoting.Tests.Api;

/// <summary>
/// A vote the API accepted (201) is never lost and never duplicated: not when every validator is
/// down at submit time, not when the API process is killed right after answering; with validators
/// down the blockchain client fails over to one that answers. Resources are stopped and started with
/// Aspire's resource commands; the API is killed with SIGKILL.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ChainSystems.Name)]
public sealed class OutboxFaultTests(FaultSystem system) : IClassFixture<FaultSystem>
{
    private static readonly IReadOnlyList<string> Validators = ["validator-1", "validator-2", "validator-3"];

    private static string Str(JsonNode? node, string name) => node![name]!.GetValue<string>();

    private async Task StopValidatorsAsync()
    {
        foreach (var v in Validators)
            await system.App.StopResourceAsync(v);
    }

    private async Task StartValidatorsAsync()
    {
        foreach (var v in Validators)
            await system.App.StartResourceAsync(v);
    }

    private async Task<int> OccurrencesOnChainAsync(string txHash) =>
        (await system.ReadChainAsync()).SelectMany(b => b.Transactions).Count(t => t.Hash == Hash32.Parse(txHash));

    [Fact]
    public async Task A_vote_submitted_while_every_validator_is_down_is_accepted_as_pending_and_becomes_final_once_they_are_back()
    {
        var election = await system.CreateElectionAsync();
        var id = election["id"]!.GetValue<int>();
        await system.OpenElectionAsync(id);
        var voter = await system.NewVoterAsync();

        await StopValidatorsAsync();
        string txHash;
        try
        {
            var response = await system.SubmitAsync(voter, id, ApiSystem.Ballot(election, 1));
            var body = await ApiSystem.ReadAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.Created, body?.ToJsonString());
            Assert.Equal("pending", Str(body, "status"));
            txHash = Str(body, "transaction_id");
            var receipt = await ApiSystem.ReadAsync(await system.GetAsync($"/api/votes/receipt/{txHash}"));
            Assert.Equal("pending", Str(receipt, "status"));
        }
        finally
        {
            await StartValidatorsAsync();
        }

        var final = await system.WaitForReceiptAsync(txHash, timeout: TimeSpan.FromSeconds(90));
        Assert.True(final["block_number"]!.GetValue<long>() > 0);
        Assert.Equal(1, await OccurrencesOnChainAsync(txHash));
    }

    [Fact]
    public async Task With_two_validators_down_every_submit_fails_over_to_the_third_health_reports_them_and_the_votes_become_final()
    {
        var election = await system.CreateElectionAsync();
        var id = election["id"]!.GetValue<int>();
        await system.OpenElectionAsync(id);
        string[] stoppedNames = ["validator-1", "validator-2"];
        var live = system.App.GetEndpoint("validator-3", "rpc");

        foreach (var name in stoppedNames)
            await system.App.StopResourceAsync(name);
        var txHashes = new List<string>();
        try
        {
            // Each submit starts at a random validator, so most start at a stopped one and must move
            // on (all five starting at validator-3 has odds 1 in 243).
            for (var i = 0; i < 5; i++)
            {
                var response = await system.SubmitAsync(await system.NewVoterAsync(), id, ApiSystem.Ballot(election, 1 + i % 3));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                txHashes.Add(Str(await ApiSystem.ReadAsync(response), "transaction_id"));
            }
            // The submit's own send records which validator took the vote: validator-3 every time.
            var acceptedBy = await AcceptedByAsync(id);
            Assert.Equal(5, acceptedBy.Count);
            Assert.All(acceptedBy, url => Assert.True(url is not null && new Uri(url).Port == live.Port, $"accepted by {url ?? "nobody"}"));

            var health = (await ApiSystem.ReadAsync(await system.GetAsync("/api/admin/validators/health", await system.AdminTokenAsync())))!.AsArray();
            Assert.Equal(3, health.Count);
            foreach (var v in health)
            {
                var reachable = new Uri(Str(v, "endpoint")).Port == live.Port;
                Assert.True(reachable == v!["reachable"]!.GetValue<bool>(), v.ToJsonString());
                if (!reachable)
                    Assert.False(string.IsNullOrEmpty(Str(v, "error")));
            }
        }
        finally
        {
            foreach (var name in stoppedNames)
                await system.App.StartResourceAsync(name);
        }

        foreach (var tx in txHashes)
        {
            await system.WaitForReceiptAsync(tx, timeout: TimeSpan.FromSeconds(90));
            Assert.Equal(1, await OccurrencesOnChainAsync(tx));
        }
    }

    /// <summary>The outbox's accepted_by column for every vote of the election, read straight from MariaDB.</summary>
    private async Task<List<string?>> AcceptedByAsync(int electionId)
    {
        await using var db = new MySqlConnection(await system.App.GetConnectionStringAsync("evoting"));
        await db.OpenAsync(TestContext.Current.CancellationToken);
        await using var query = new MySqlCommand("SELECT accepted_by FROM vote_transactions WHERE election_id = @id", db);
        query.Parameters.AddWithValue("@id", electionId);
        await using var reader = await query.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var urls = new List<string?>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            urls.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        return urls;
    }

    [Fact]
    public async Task A_vote_accepted_just_before_the_api_is_killed_becomes_final_after_the_restart()
    {
        var election = await system.CreateElectionAsync();
        var id = election["id"]!.GetValue<int>();
        await system.OpenElectionAsync(id);
        var voter = await system.NewVoterAsync();

        // With the validators down the vote exists only in the API's outbox when the API dies.
        await StopValidatorsAsync();
        string txHash;
        try
        {
            var response = await system.SubmitAsync(voter, id, ApiSystem.Ballot(election, 2));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            txHash = Str(await ApiSystem.ReadAsync(response), "transaction_id");
            await system.App.KillResourceAsync("api");
        }
        finally
        {
            await StartValidatorsAsync();
        }
        await system.App.StartResourceAsync("api");

        var final = await system.WaitForReceiptAsync(txHash, timeout: TimeSpan.FromSeconds(90));
        Assert.Equal(id, final["election_id"]!.GetValue<int>());
        Assert.Equal(1, await OccurrencesOnChainAsync(txHash));

        // The restarted API still knows the voter voted, and counts the vote once.
        var again = await system.SubmitAsync(voter, id, ApiSystem.Ballot(election, 1));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var tally = await system.CloseAndTallyAsync(id);
        Assert.Equal(1, tally["total_ballots"]!.GetValue<int>());
        Assert.Equal([0L, 1L, 0L], tally["candidates"]!.AsArray().Select(c => c!["count"]!.GetValue<long>()));
    }

    [Fact]
    public async Task A_ballot_tampered_in_one_validators_store_is_reported_by_the_verifier_for_that_validator_only()
    {
        var election = await system.CreateElectionAsync();
        var id = election["id"]!.GetValue<int>();
        await system.OpenElectionAsync(id);
        var response = await system.SubmitAsync(await system.NewVoterAsync(), id, ApiSystem.Ballot(election, 3));
        var txHash = Str(await ApiSystem.ReadAsync(response), "transaction_id");
        var blockNumber = (await system.WaitForReceiptAsync(txHash))["block_number"]!.GetValue<long>();

        // Flip one byte of the stored ciphertext in validator-3's SQLite store (its blocks table holds BlockJson).
        await system.App.StopResourceAsync("validator-3");
        var dataDirectory = GenesisFile.ValidatorDataDirectory(system.App.StateDirectory, "validator-3");
        TamperStoredVote(Path.Combine(dataDirectory, "chain.db"), blockNumber, txHash);
        await system.App.StartResourceAsync("validator-3");

        var tampered = new StringWriter();
        var exit = await EVoting.Cli.Commands.VerifyCommand.RunAsync(system.Genesis, system.RpcUrl("validator-3"), null, tampered, TestContext.Current.CancellationToken);
        Assert.True(exit == 1, tampered.ToString());
        Assert.Contains($"ERROR block {blockNumber}", tampered.ToString());

        var honest = new StringWriter();
        Assert.Equal(0, await EVoting.Cli.Commands.VerifyCommand.RunAsync(system.Genesis, system.RpcUrl("validator-1"), null, honest, TestContext.Current.CancellationToken));
    }

    private static void TamperStoredVote(string dbPath, long blockNumber, string txHash)
    {
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={dbPath};Pooling=False");
        db.Open();
        using var read = db.CreateCommand();
        read.CommandText = "SELECT body FROM blocks WHERE height = $h";
        read.Parameters.AddWithValue("$h", blockNumber);
        var block = JsonNode.Parse((byte[])read.ExecuteScalar()!)!;
        var tx = block["transactions"]!.AsArray().Single(t => Str(t, "hash") == txHash)!;
        var hex = Str(tx, "encrypted_vote");
        tx["encrypted_vote"] = hex[..^1] + (hex[^1] == '0' ? '1' : '0');
        using var write = db.CreateCommand();
        write.CommandText = "UPDATE blocks SET body = $b WHERE height = $h";
        write.Parameters.AddWithValue("$b", block.ToJsonString()); // as text, the way bodies were stored before blobs: still read
        write.Parameters.AddWithValue("$h", blockNumber);
        Assert.Equal(1, write.ExecuteNonQuery());
    }
}
