using System.Net;
using System.Text.Json.Nodes;
using EVoting.AppHost;
using EVoting.Chain;

namespace EVoting.Tests.Api;

/// <summary>
/// A vote the API accepted (201) is never lost and never duplicated: not when every validator is
/// down at submit time, not when the API process is killed right after answering.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ChainSystems.Name)]
public sealed class OutboxFaultTests(FaultSystem system) : IClassFixture<FaultSystem>
{
    private static readonly IReadOnlyList<string> Validators = EVotingAppHost.ValidatorNames();

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
        foreach (var v in Validators)
            await system.App.WaitForResourceHealthyAsync(v, TestContext.Current.CancellationToken);
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
            await system.App.StopResourceAsync("api", kill: true);
        }
        finally
        {
            await StartValidatorsAsync();
        }
        await system.App.StartResourceAsync("api");
        await system.App.WaitForResourceHealthyAsync("api", TestContext.Current.CancellationToken);

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
        var dataDirectory = GenesisFile.ValidatorDataDirectory(system.App.Run, "validator-3");
        TamperStoredVote(Path.Combine(dataDirectory, "chain.db"), blockNumber, txHash);
        await system.App.StartResourceAsync("validator-3");
        await system.App.WaitForResourceHealthyAsync("validator-3", TestContext.Current.CancellationToken);

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
        var block = JsonNode.Parse((string)read.ExecuteScalar()!)!;
        var tx = block["transactions"]!.AsArray().Single(t => Str(t, "hash") == txHash)!;
        var hex = Str(tx, "encrypted_vote");
        tx["encrypted_vote"] = hex[..^1] + (hex[^1] == '0' ? '1' : '0');
        using var write = db.CreateCommand();
        write.CommandText = "UPDATE blocks SET body = $b WHERE height = $h";
        write.Parameters.AddWithValue("$b", block.ToJsonString());
        write.Parameters.AddWithValue("$h", blockNumber);
        Assert.Equal(1, write.ExecuteNonQuery());
    }
}
