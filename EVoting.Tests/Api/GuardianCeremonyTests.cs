using System.Net;
using System.Text.Json.Nodes;
using EVoting.Ballots;
using EVoting.Ballots.Trustees;
using EVoting.Chain;
using EVoting.Cli;
using EVoting.Cli.Guardians;
using MySqlConnector;

namespace EVoting.Tests.Api;

/// <summary>
/// Three guardians with a quorum of two run the key ceremony and the tally through `evoting guardian join|shares|decrypt`
/// (the command tree in-process, as each guardian runs it) against the real API, MariaDB and validators; one guardian
/// stays away at the tally; the tally is checked from the chain alone; and what the API (its database and environment)
/// and one guardian alone can no longer do. And a guardian who sends a wrong share: the complaint removes it, and the
/// other two restart the ceremony, open and tally; one whose share does not decrypt is removed too (docs/trustees.md
/// "A complaint").
/// </summary>
[Trait("Category", "Integration")]
[Collection(ChainSystems.Name)]
public sealed class GuardianCeremonyTests(FullSystem system) : IClassFixture<FullSystem>, IDisposable
{
    private const string Passphrase = "correct horse battery staple";
    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("evoting-guardians-");

    public void Dispose() => _keys.Delete(recursive: true);

    private static string Str(JsonNode? node, string name) => node![name]!.GetValue<string>();

    private static async Task<(int Exit, string Output)> RunCliAsync(params string[] args)
    {
        var output = new StringWriter();
        var exit = await CliApp.RunAsync(args, new System.CommandLine.InvocationConfiguration { Output = output, Error = output });
        return (exit, output.ToString());
    }

    private string Api => system.App.GetEndpoint("api").ToString();

    private string KeyFile(int guardian) => Path.Combine(_keys.FullName, $"guardian-{guardian}.key");

    private async Task<(int Exit, string Output)> GuardianAsync(string step, int id, int guardian, params string[] more) =>
        await RunCliAsync(["guardian", step, "--api", Api, "--election", id.ToString(), "--key", KeyFile(guardian), .. more]);

    [Fact]
    public async Task Three_guardians_with_a_quorum_of_two_hold_the_key_and_two_of_them_tally_what_the_chain_alone_verifies()
    {
        var (admin, election, tokens) = await CreateAsync("Guarded election");
        var id = election["id"]!.GetValue<int>();
        // Shown once: reading the election again has no tokens.
        Assert.Null((await ApiSystem.ReadAsync(await system.GetAsync($"/api/elections/{id}")))!["guardian_invitations"]);

        // The election cannot open before the ceremony is complete.
        var early = await system.SendAsync(HttpMethod.Post, $"/api/elections/{id}/open", token: admin);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("cannot open before its key ceremony is complete", (await ApiSystem.ReadAsync(early))!["detail"]!.GetValue<string>());
        // A post without a guardian's token is refused.
        var anonymous = await system.SendAsync(HttpMethod.Post, $"/api/elections/{id}/ceremony/commitments", new { commitments = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        for (var g = 1; g <= 3; g++)
        {
            var (exit, output) = await GuardianAsync("join", id, g, "--token", tokens[g - 1]);
            Assert.True(exit == 0, output);
            Assert.Contains($"joined election {id} as guardian {g}", output);
        }
        // Each guardian's `shares` posts its own, then waits for the others' before checking the ones sent to it.
        var shares = await Task.WhenAll(Enumerable.Range(1, 3).Select(g => GuardianAsync("shares", id, g, "--wait", "120")));
        Assert.All(shares, s => Assert.True(s.Exit == 0, s.Output));
        var ceremony = await ApiSystem.ReadAsync(await system.GetAsync($"/api/elections/{id}/ceremony"));
        Assert.Equal("complete", Str(ceremony, "phase"));

        var opened = await OpenVoteAndCloseAsync(id, ceremony!, admin);

        // The API holds no secret for this election: nothing sealed in its database, and its key store refuses.
        Assert.Empty(await SealedSecretAsync(id));

        // Guardian 1 decrypts; one share is fewer than the quorum: the tally is refused and says why.
        var (decrypted, decryptOut) = await GuardianAsync("decrypt", id, 1);
        Assert.True(decrypted == 0, decryptOut);
        var refused = await system.SendAsync(HttpMethod.Post, $"/api/elections/{id}/tally", token: admin);
        var problem = await ApiSystem.ReadAsync(refused);
        Assert.True(refused.StatusCode == HttpStatusCode.Conflict, problem?.ToJsonString());
        Assert.Contains("needs partial decryptions from 2 of the 3 guardians; 1 posted (guardians: 1 (Alice))", Str(problem, "detail"));

        // One guardian's share of a single ballot yields nothing: β − s_1·α is neither 0·K nor 1·K.
        await OneShareDecryptsNothingAsync(id, opened);

        // A wrong passphrase is a clear error, and nothing is posted.
        Environment.SetEnvironmentVariable(GuardianKey.PassphraseVariable, "not the passphrase at all");
        var (wrong, wrongOut) = await GuardianAsync("decrypt", id, 2);
        Assert.Equal(1, wrong);
        Assert.Contains("wrong passphrase, or the key file was altered", wrongOut);
        Environment.SetEnvironmentVariable(GuardianKey.PassphraseVariable, Passphrase);

        // Guardian 3 decrypts; guardian 2 never does. Two of three suffice.
        (decrypted, decryptOut) = await GuardianAsync("decrypt", id, 3);
        Assert.True(decrypted == 0, decryptOut);
        var tally = await ApiSystem.ReadAsync(await system.SendAsync(HttpMethod.Post, $"/api/elections/{id}/tally", token: admin));
        Assert.Equal([1L, 2L, 0L], tally!["candidates"]!.AsArray().Select(c => c!["count"]!.GetValue<long>()));
        Assert.Equal([1, 3], tally["guardians"]!.AsArray().Select(g => g!.GetValue<int>()));
        Assert.True(tally["verified"]!.GetValue<bool>(), tally.ToJsonString());

        // From the chain alone: the ceremony of election_open and the threshold record of election_tally.
        Assert.Contains($"valid from the chain: election {id} \"Guarded election\": 3 ballots; Ada 1, Ben 2, Cy 0 (guardians 1, 3)", await VerifyFromChainAsync(id));
        var (exit3, verifyOut) = await RunCliAsync("verify", "--rpc", system.App.GetEndpoint("validator-1", "rpc").ToString(),
            "--api", Api, "--genesis", system.GenesisPath);
        Assert.True(exit3 == 0, verifyOut);
    }

    [Fact]
    public async Task A_guardian_whose_share_fails_its_commitments_is_removed_and_the_other_two_restart_through_the_cli_open_and_tally()
    {
        // The middle guardian cheats, so that the one after it moves down from 3 to 2 (key files keep their first numbers).
        var (admin, election, tokens) = await CreateAsync("Restarted ceremony");
        var id = election["id"]!.GetValue<int>();
        // Bob cheats: his share for Alice is P_2(1) + 1.
        var (bob, commitments, shares) = await JoinAndCheatAsync(id, tokens, wrongValue: true);

        // Carol posts her shares; Alice's are still missing, so she cannot check hers yet.
        var (carolExit, carolOut) = await GuardianAsync("shares", id, 3);
        Assert.True(carolExit == 1 && carolOut.Contains("waiting for every guardian's shares"), carolOut);
        // Alice posts hers, finds Bob's wrong and complains with the share's shared point S and its proof; the relay
        // decrypts the share itself: upheld, Bob is removed, the ceremony restarts.
        const string ruling = "Guardian 1 (Alice) complained about the share from guardian 2 (Bob) in round 1: it fails Bob's commitments, so Bob is removed and the ceremony restarts with the other 2 guardians (round 2).";
        var (aliceExit, aliceOut) = await GuardianAsync("shares", id, 1);
        Assert.Equal(1, aliceExit);
        Assert.Contains($"the share from guardian 2 is refused: {TrusteeErrors.ShareMismatch}; my complaint is upheld: {ruling} Run `evoting guardian join` again, then `shares`.", aliceOut);
        // Carol's next `shares` says so too, instead of checking round 1's shares.
        (carolExit, carolOut) = await GuardianAsync("shares", id, 3);
        Assert.True(carolExit == 1 && carolOut.Contains($"the ceremony restarted (round 2; my key file is from round 1): {ruling}"), carolOut);

        // Bob's token is refused with the reason; the ceremony and the election show the restart, Carol now guardian 2.
        var who = await AsGuardianAsync(HttpMethod.Get, $"/api/elections/{id}/ceremony/me", tokens[1]);
        Assert.Equal(HttpStatusCode.Forbidden, who.StatusCode);
        Assert.Equal($"Bob is no longer a guardian of election {id}: {ruling}", Str(await ApiSystem.ReadAsync(who), "detail"));
        var restarted = await ApiSystem.ReadAsync(await system.GetAsync($"/api/elections/{id}/ceremony"));
        Assert.Equal((2, 2, "commitments"), (restarted!["round"]!.GetValue<int>(), restarted["guardians"]!.GetValue<int>(), Str(restarted, "phase")));
        Assert.Equal(["1 Alice", "2 Carol"], restarted["members"]!.AsArray().Select(m => $"{m!["index"]} {Str(m, "name")}"));
        var shown = await ApiSystem.ReadAsync(await system.GetAsync($"/api/elections/{id}"));
        Assert.Equal((2, 2), (shown!["guardians"]!.GetValue<int>(), shown["ceremony_round"]!.GetValue<int>()));
        var complaint = Assert.Single(shown["ceremony_complaints"]!.AsArray())!;
        Assert.Equal(("Alice", "Bob", "restarted", ruling), (Str(complaint, "by_name"), Str(complaint, "accused_name"), Str(complaint, "ruling"), Str(complaint, "reason")));
        // Anyone who kept round 1's posted share re-checks the ruling from the record: S is proved to be a_{1,0}·R,
        // and it decrypts Bob's share to P_2(1) + 1, the value the record shows, which fails his commitments.
        var proof = new ComplaintProof(P256.DecodePoint(LowerHex.Decode(Str(complaint, "shared_point"), "shared_point")),
            P256.DecodeScalar(LowerHex.Decode(Str(complaint["proof"], "c"), "c")), P256.DecodeScalar(LowerHex.Decode(Str(complaint["proof"], "v"), "v")));
        Assert.Null(proof.Verify(bob.Parameters, 1, shares[0], commitments[0][0].Commitment));
        var (plain, fault) = proof.Judge(bob.Parameters, shares[0], commitments[1].Select(k => k.Commitment).ToArray());
        Assert.Equal((ShareFault.Mismatch, GuardianKey.Hex(P256.Mod(bob.Polynomial.ShareFor(1).Add(Org.BouncyCastle.Math.BigInteger.One)))), (fault, LowerHex.Encode(plain!)));
        Assert.Equal(LowerHex.Encode(plain!), Str(complaint, "share"));

        // Round 2: Alice and Carol join again (the token from their key files, a new polynomial each) and complete.
        var (rejoined, rejoinOut) = await GuardianAsync("join", id, 1);
        Assert.True(rejoined == 0, rejoinOut);
        Assert.Contains($"joined election {id} as guardian 1 (Alice) of 2, quorum 2 (round 2)", rejoinOut);
        Assert.Contains("my round 1 polynomial is replaced by a new one", rejoinOut);
        // Joined in this round already: nothing is redrawn; a key file with another guardian's token is refused.
        (rejoined, rejoinOut) = await GuardianAsync("join", id, 1);
        Assert.True(rejoined == 1 && rejoinOut.Contains("already holds my key for round 2") && rejoinOut.Contains("run `evoting guardian shares`"), rejoinOut);
        (rejoined, rejoinOut) = await GuardianAsync("join", id, 3, "--token", tokens[0]);
        Assert.True(rejoined == 1 && rejoinOut.Contains("holds another invitation token than the one given"), rejoinOut);
        (rejoined, rejoinOut) = await GuardianAsync("join", id, 3);
        Assert.True(rejoined == 0 && rejoinOut.Contains($"joined election {id} as guardian 2 (Carol) of 2, quorum 2 (round 2)"), rejoinOut);
        var round2 = await Task.WhenAll(new[] { 1, 3 }.Select(g => GuardianAsync("shares", id, g, "--wait", "120")));
        Assert.All(round2, r => Assert.True(r.Exit == 0, r.Output));
        var ceremony = await ApiSystem.ReadAsync(await system.GetAsync($"/api/elections/{id}/ceremony"));
        Assert.Equal("complete", Str(ceremony, "phase"));
        Assert.Equal(2, ceremony!["record"]!["guardians"]!.GetValue<int>());

        await OpenVoteAndCloseAsync(id, ceremony, admin);
        Assert.All(await Task.WhenAll(new[] { 1, 3 }.Select(g => GuardianAsync("decrypt", id, g))), r => Assert.True(r.Exit == 0, r.Output));
        var tally = await ApiSystem.ReadAsync(await system.SendAsync(HttpMethod.Post, $"/api/elections/{id}/tally", token: admin));
        Assert.Equal([1L, 2L, 0L], tally!["candidates"]!.AsArray().Select(c => c!["count"]!.GetValue<long>()));
        Assert.Equal([1, 2], tally["guardians"]!.AsArray().Select(g => g!.GetValue<int>()));
        Assert.True(tally["verified"]!.GetValue<bool>(), tally.ToJsonString());
        Assert.Contains($"valid from the chain: election {id} \"Restarted ceremony\": 3 ballots; Ada 1, Ben 2, Cy 0 (guardians 1, 2)", await VerifyFromChainAsync(id));
    }

    [Fact]
    public async Task A_share_that_does_not_decrypt_is_complained_about_by_the_cli_and_upheld()
    {
        var (_, election, tokens) = await CreateAsync("Garbage share");
        var id = election["id"]!.GetValue<int>();
        // Bob's share for Alice is garbage: its GCM tag fails under any key.
        await JoinAndCheatAsync(id, tokens, wrongValue: false);
        Assert.Equal(1, (await GuardianAsync("shares", id, 3)).Exit); // Carol posts hers, then waits for Alice's

        var (aliceExit, aliceOut) = await GuardianAsync("shares", id, 1);

        const string ruling = "Guardian 1 (Alice) complained about the share from guardian 2 (Bob) in round 1: it does not decrypt with the key its proven shared point gives, so Bob is removed and the ceremony restarts with the other 2 guardians (round 2).";
        Assert.Equal(1, aliceExit);
        Assert.Contains($"the share from guardian 2 is refused: {TrusteeErrors.ShareUnreadable}; my complaint is upheld: {ruling}", aliceOut);
        var ceremony = await ApiSystem.ReadAsync(await system.GetAsync($"/api/elections/{id}/ceremony"));
        Assert.Equal((2, "commitments"), (ceremony!["round"]!.GetValue<int>(), Str(ceremony, "phase")));
        var complaint = Assert.Single(ceremony["complaints"]!.AsArray())!;
        Assert.Equal(("restarted", ruling, null), (Str(complaint, "ruling"), Str(complaint, "reason"), complaint["share"]));
    }

    /// <summary>
    /// Every guardian joins; Bob then posts, with his token as a modified client would, shares made with the real
    /// cryptography from his sealed key in which the one for Alice carries P_2(1) + 1 (<paramref name="wrongValue"/>)
    /// or has a flipped ciphertext byte, so that it does not decrypt. Bob's key, the commitments and his shares.
    /// </summary>
    private async Task<(GuardianKey Bob, IReadOnlyList<CoefficientCommitment>[] Commitments, EncryptedShare[] Shares)> JoinAndCheatAsync(int id, string[] tokens, bool wrongValue)
    {
        for (var g = 1; g <= 3; g++)
            Assert.Equal(0, (await GuardianAsync("join", id, g, "--token", tokens[g - 1])).Exit);
        var bob = await GuardianKey.LoadAsync(KeyFile(2), Passphrase, TestContext.Current.CancellationToken);
        var commitments = (await ApiSystem.ReadAsync(await system.GetAsync($"/api/elections/{id}/ceremony")))!["commitments"]!.AsArray()
            .Select((c, i) => GuardianMessages.ParseCommitments(c!.ToJsonString(), i + 1)).ToArray();
        var shares = new[] { 1, 3 }.Select(l =>
        {
            var value = l == 1 && wrongValue ? P256.Mod(bob.Polynomial.ShareFor(l).Add(Org.BouncyCastle.Math.BigInteger.One)) : bob.Polynomial.ShareFor(l);
            var share = EncryptedShare.Encrypt(bob.Parameters, 2, l, value, commitments[l - 1][0].Commitment);
            return l == 1 && !wrongValue ? share with { Ciphertext = [(byte)(share.Ciphertext[0] ^ 1), .. share.Ciphertext[1..]] } : share;
        }).ToArray();
        var posted = await AsGuardianAsync(HttpMethod.Post, $"/api/elections/{id}/ceremony/shares", tokens[1], new JsonObject { ["shares"] = JsonNode.Parse(GuardianMessages.SerializeShares(shares)) });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        return (bob, commitments, shares);
    }

    /// <summary>An election with guardians Alice, Bob and Carol and a quorum of two: the admin's token, the election and the three invitation tokens.</summary>
    private async Task<(string Admin, JsonNode Election, string[] Tokens)> CreateAsync(string title)
    {
        Environment.SetEnvironmentVariable(GuardianKey.PassphraseVariable, Passphrase);
        var admin = await system.AdminTokenAsync();
        var created = await system.SendAsync(HttpMethod.Post, "/api/elections", new
        {
            title,
            candidates = new[] { new { name = "Ada" }, new { name = "Ben" }, new { name = "Cy" } },
            guardians = new[] { new { name = "Alice", email = "alice@example.org" }, new { name = "Bob", email = "" }, new { name = "Carol", email = "" } },
            quorum = 2,
            eligibility = "open", // the guardians are under test, not the roll: any account votes (docs/voter-roll.md)
        }, admin);
        var election = await ApiSystem.ReadAsync(created);
        Assert.True(created.StatusCode == HttpStatusCode.Created, election?.ToJsonString());
        Assert.Equal((3, 2, true, ""), (election!["guardians"]!.GetValue<int>(), election["quorum"]!.GetValue<int>(), election["external_guardians"]!.GetValue<bool>(), Str(election, "public_key")));
        var tokens = election["guardian_invitations"]!.AsArray().Select(g => Str(g, "token")).ToArray();
        Assert.Equal(3, tokens.Length);
        return (admin, election, tokens);
    }

    /// <summary>Opens the election with the completed ceremony's key, casts votes for Ada, Ben, Ben, and closes it.</summary>
    private async Task<JsonNode> OpenVoteAndCloseAsync(int id, JsonNode ceremony, string admin)
    {
        var opened = await system.OpenElectionAsync(id);
        Assert.Equal(Str(ceremony["record"], "election_key"), Str(opened, "public_key"));
        int[] choices = [1, 2, 2];
        foreach (var choice in choices)
            Assert.Equal(HttpStatusCode.Created, (await system.SubmitAsync(await system.NewVoterAsync(), id, ApiSystem.Ballot(opened, choice))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await system.SendAsync(HttpMethod.Post, $"/api/elections/{id}/close", token: admin)).StatusCode);
        return opened;
    }

    /// <summary>`evoting tally verify --rpc`: the election's ceremony and tally checked from the chain alone; its output.</summary>
    private async Task<string> VerifyFromChainAsync(int id)
    {
        var (exit, output) = await RunCliAsync("tally", "verify", "--rpc", system.App.GetEndpoint("validator-2", "rpc").ToString(),
            "--election-id", id.ToString(), "--genesis", system.GenesisPath);
        Assert.True(exit == 0, output);
        return output;
    }

    private Task<HttpResponseMessage> AsGuardianAsync(HttpMethod method, string path, string token, JsonObject? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(GuardianApiClient.TokenHeader, token);
        return system.Api.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<byte[]> SealedSecretAsync(int id)
    {
        await using var db = new MySqlConnection(await system.App.GetConnectionStringAsync("evoting"));
        await db.OpenAsync(TestContext.Current.CancellationToken);
        await using var query = new MySqlCommand("SELECT encrypted_secret_key FROM election WHERE id = @id", db);
        query.Parameters.AddWithValue("@id", id);
        return (byte[])(await query.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private async Task OneShareDecryptsNothingAsync(int id, JsonNode opened)
    {
        var key = await GuardianKey.LoadAsync(KeyFile(1), Passphrase, TestContext.Current.CancellationToken);
        var vote = (await system.ReadChainAsync()).SelectMany(b => b.Transactions).First(t => t.Kind == TxKind.Vote && t.ElectionId == (ulong)id);
        var electionKey = ApiSystem.BallotElection(opened).Key;
        var ballot = BallotWire.Decode((ulong)id, vote.EncryptedVote, vote.Proof, 3, 1);
        for (var i = 0; i < 3; i++)
        {
            var rest = ballot.Ciphertexts[i].Beta.Subtract(P256.MultiplyFixed(ballot.Ciphertexts[i].Alpha, key.SecretShare!)).Normalize();
            Assert.False(rest.IsInfinity);
            Assert.NotEqual(electionKey, rest);
        }
    }
}
