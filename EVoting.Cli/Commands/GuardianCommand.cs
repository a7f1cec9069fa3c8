using System.CommandLine;
using System.Text.Json.Nodes;
using EVoting.Ballots;
using EVoting.Ballots.Trustees;
using EVoting.Cli.Guardians;
using Org.BouncyCastle.Math;

namespace EVoting.Cli.Commands;

/// <summary>
/// `evoting guardian join|shares|decrypt --api URL --election N --key FILE`: a guardian's part in the key ceremony and
/// the tally (docs/trustees.md "Guardians in the product"), run on the guardian's own machine. The secret stays in the
/// sealed key file; only public messages go to the API's relay. Exit 0 done, 1 refused or not possible yet (the reason
/// is printed), 2 usage error.
/// </summary>
public static class GuardianCommand
{
    public const string TokenVariable = "EVOTING_GUARDIAN_TOKEN";

    public static Command Create()
    {
        var guardian = new Command("guardian", "A guardian's key ceremony and partial decryption");
        guardian.Subcommands.Add(Step("join", "Draw my polynomial, seal it in --key with a passphrase, post my commitments (needs my invitation token)", JoinAsync, withToken: true));
        guardian.Subcommands.Add(Step("shares", "Post my encrypted shares, then check the ones sent to me and accept them or complain", SharesAsync));
        guardian.Subcommands.Add(Step("decrypt", "After the close: post my partial decryptions of the tally's aggregates with proofs", DecryptAsync));
        return guardian;
    }

    /// <summary>What every step needs; <paramref name="Key"/> is the opened key file (null for the first `join`).</summary>
    private sealed record Context(GuardianApiClient Api, int ElectionId, string KeyPath, string Passphrase, string Token, GuardianKey? Key, TimeSpan Wait, TextWriter Output);

    private static Command Step(string name, string description, Func<Context, CancellationToken, Task> run, bool withToken = false)
    {
        var api = new Option<string>("--api") { Description = "The API base URL, e.g. http://localhost:8000", Required = true };
        var election = new Option<int>("--election") { Description = "The election id", Required = true };
        var key = new Option<FileInfo>("--key") { Description = "My sealed key file (join creates it)", Required = true };
        var token = new Option<string?>("--token") { Description = $"My invitation token (default: ${TokenVariable}; after a restart, the key file's)" };
        var wait = new Option<int>("--wait") { Description = "Seconds to wait for the other guardians before giving up (default 0: do what can be done now)", DefaultValueFactory = _ => 0 };
        var command = new Command(name, description) { api, election, key, wait };
        if (withToken)
            command.Options.Add(token);
        command.SetAction(async (parse, ct) =>
        {
            var io = parse.InvocationConfiguration;
            if (!Commands.HttpUrl.TryParse(parse.GetValue(api), out var apiUrl))
            {
                await io.Error.WriteLineAsync($"guardian {name}: --api must be an absolute http(s) URL.");
                return CliApp.UsageError;
            }
            var path = parse.GetValue(key)!.FullName;
            // join makes the key file; after a restart it finds it and takes the token from it.
            var newKey = withToken && !File.Exists(path);
            var tokenValue = withToken ? parse.GetValue(token) ?? Environment.GetEnvironmentVariable(TokenVariable) : null;
            if (newKey && string.IsNullOrEmpty(tokenValue))
            {
                await io.Error.WriteLineAsync($"guardian {name}: my invitation token is needed: --token or ${TokenVariable}.");
                return CliApp.UsageError;
            }
            try
            {
                var passphrase = Passphrase.Read(io.Error, confirm: newKey);
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
                var stored = newKey ? null : await GuardianKey.LoadAsync(path, passphrase, ct);
                var electionId = parse.GetValue(election);
                if (stored is not null && stored.ElectionId != electionId)
                    throw new GuardianException($"the key file {path} is guardian {stored.Guardian}'s key for election {stored.ElectionId}, not {electionId}");
                if (stored is not null && !string.IsNullOrEmpty(tokenValue) && tokenValue != stored.Token)
                    throw new GuardianException($"the key file {path} holds another invitation token than the one given: it is another guardian's key");
                var myToken = stored?.Token ?? tokenValue!;
                var client = new GuardianApiClient(http, HttpUrl.AsBase(apiUrl), electionId, myToken);
                await run(new Context(client, electionId, path, passphrase, myToken, stored, TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(wait))), io.Output), ct);
                return 0;
            }
            catch (GuardianException e)
            {
                await io.Error.WriteLineAsync($"guardian {name}: {e.Message}");
                return 1;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await io.Error.WriteLineAsync($"guardian {name}: cannot reach the API: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>
    /// Joins the ceremony's current round: a new polynomial sealed in the key file, then its commitments posted. After a
    /// restart the key file of the earlier round is re-sealed with a new polynomial for the new index and g (never the old
    /// one: the removed guardian holds shares of it); the token and passphrase stay. In the same round nothing is redrawn.
    /// </summary>
    private static async Task JoinAsync(Context c, CancellationToken ct)
    {
        var me = await c.Api.MeAsync(ct);
        var ceremony = await c.Api.CeremonyAsync(ct);
        if (ceremony["phase"]!.GetValue<string>() == "failed")
            throw Failed(ceremony);
        var round = ceremony["round"]!.GetValue<int>();
        var index = me["index"]!.GetValue<int>();
        if (c.Key is { } old && old.Round == round)
        {
            if (me["commitments_posted"]!.GetValue<bool>())
                throw new GuardianException($"{c.KeyPath} already holds my key for round {round} of election {c.ElectionId}, and my commitments are posted: run `evoting guardian shares`");
            // Sealed but not posted (join stopped in between): post the sealed polynomial's commitments.
            await PostCommitmentsAsync(c, old.Polynomial, ct);
            await c.Output.WriteLineAsync($"joined election {c.ElectionId} as guardian {index} ({me["name"]}) of {old.Guardians}, quorum {old.Quorum} (round {round}); my key was already sealed in {c.KeyPath}");
            return;
        }
        var parameters = new CeremonyParameters((ulong)c.ElectionId, ceremony["guardians"]!.GetValue<int>(), ceremony["quorum"]!.GetValue<int>());
        var polynomial = GuardianPolynomial.Generate(parameters, index);
        var key = new GuardianKey(c.ElectionId, round, index, parameters.Guardians, parameters.Quorum, c.Token, polynomial.Coefficients, null);
        // Sealed before anything is posted: commitments the guardian could not back with its secret would block the ceremony.
        await key.SaveAsync(c.KeyPath, c.Passphrase, ct);
        await PostCommitmentsAsync(c, polynomial, ct);
        var restarted = c.Key is { } earlier ? $"; the ceremony restarted (round {round}), so my round {earlier.Round} polynomial is replaced by a new one" : "";
        await c.Output.WriteLineAsync($"joined election {c.ElectionId} as guardian {index} ({me["name"]}) of {parameters.Guardians}, quorum {parameters.Quorum} (round {round}); my key is sealed in {c.KeyPath}{restarted}");
    }

    private static Task PostCommitmentsAsync(Context c, GuardianPolynomial polynomial, CancellationToken ct) =>
        c.Api.PostAsync("ceremony/commitments", new JsonObject { ["commitments"] = JsonNode.Parse(GuardianMessages.SerializeCommitments(polynomial.Commit())) }, ct);

    private static async Task SharesAsync(Context c, CancellationToken ct)
    {
        var key = c.Key!;
        var ceremony = await WaitForAsync(c, key, phase => phase != "commitments", "every guardian's commitments", ct);
        var commitments = Commitments(key, ceremony);
        var record = CeremonyRecord.From(CeremonyResult.FromCommitments(key.Parameters, commitments), commitments);
        var me = Member(ceremony, key.Guardian);
        if (!me["shares_posted"]!.GetValue<bool>())
        {
            var polynomial = key.Polynomial;
            var shares = Enumerable.Range(1, key.Guardians).Where(l => l != key.Guardian)
                .Select(l => EncryptedShare.Encrypt(key.Parameters, key.Guardian, l, polynomial.ShareFor(l), commitments[l - 1][0].Commitment));
            ceremony = await c.Api.PostAsync("ceremony/shares", new JsonObject { ["shares"] = JsonNode.Parse(GuardianMessages.SerializeShares(shares)) }, ct);
            await c.Output.WriteLineAsync($"posted my shares for the {key.Guardians - 1} other guardians");
        }
        if (me["verdict"] is { } given && given.GetValue<string>() is { } verdict)
        {
            await c.Output.WriteLineAsync($"my verdict is already given: {verdict}");
            return;
        }
        ceremony = await WaitForAsync(c, key, phase => phase is not ("commitments" or "shares"), "every guardian's shares", ct);
        var secretShare = key.Polynomial.ShareFor(key.Guardian);
        foreach (var node in ceremony["shares"]!.AsArray().Where(s => s!["to"]!.GetValue<int>() == key.Guardian))
        {
            var share = EncryptedShareJson.Parse(node!.ToJsonString());
            var (value, reason) = TrusteeVerifier.OpenShare(record, share, key.Coefficients[0]);
            if (value is null)
                throw await RefuseShareAsync(c, key, share, reason!, ct);
            secretShare = P256.Mod(secretShare.Add(value));
        }
        await (key with { SecretShare = secretShare }).SaveAsync(c.KeyPath, c.Passphrase, ct);
        ceremony = await c.Api.PostAsync("ceremony/verdict", new JsonObject { ["round"] = key.Round, ["accept"] = true }, ct);
        await c.Output.WriteLineAsync($"every share sent to me matches its sender's commitments: accepted; my secret share is sealed in {c.KeyPath}; ceremony {ceremony["phase"]}");
    }

    /// <summary>
    /// A share that does not decrypt, or decrypts but fails its sender's commitments, is published as a complaint: the
    /// share's shared point S = a_{ℓ,0}·R with a proof that it is (docs/trustees.md "A complaint"), from which the relay
    /// (and anyone) decrypts the share and judges it; upheld, it removes the sender and restarts the ceremony, or fails it.
    /// </summary>
    private static async Task<GuardianException> RefuseShareAsync(Context c, GuardianKey key, EncryptedShare share, string reason, CancellationToken ct)
    {
        var refused = $"the share from guardian {share.From} is refused: {reason}";
        var proof = ComplaintProof.Create(key.Parameters, key.Round, share, key.Coefficients[0]);
        var ceremony = await c.Api.PostAsync("ceremony/verdict", new JsonObject
        {
            ["round"] = key.Round,
            ["from"] = share.From,
            ["shared_point"] = LowerHex.Encode(P256.Encode(proof.SharedPoint)),
            ["proof"] = new JsonObject { ["c"] = GuardianKey.Hex(proof.C), ["v"] = GuardianKey.Hex(proof.V) },
        }, ct);
        return new GuardianException($"{refused}; my complaint is upheld: {LastReason(ceremony)}"
            + (ceremony["phase"]!.GetValue<string>() == "failed" ? "" : " Run `evoting guardian join` again, then `shares`."));
    }

    private static async Task DecryptAsync(Context c, CancellationToken ct)
    {
        var key = c.Key!;
        if (key.SecretShare is not { } secretShare)
            throw new GuardianException("my key file holds no secret share yet: run `evoting guardian shares` first");
        var ceremony = await c.Api.CeremonyAsync(ct);
        if (ceremony["round"]!.GetValue<int>() != key.Round)
            throw new GuardianException($"my key file is from round {key.Round} of the ceremony, which is now in round {ceremony["round"]}: run `evoting guardian join` again, then `shares`");
        if (ceremony["record"] is not JsonObject recordJson)
            throw new GuardianException($"the ceremony is not complete (phase {ceremony["phase"]})");
        // The record is checked here, not trusted: my verification key must be the one my secret share gives.
        var result = CeremonyJson.Parse(recordJson.ToJsonString()).Verify();
        var verificationKey = result.VerificationKey(key.Guardian);
        if (!P256.MultiplyG(secretShare).Normalize().Equals(verificationKey))
            throw new GuardianException("the ceremony record's verification key for me is not the one my secret share gives");
        var info = await c.Api.ElectionAsync(ct);
        var election = new Election((ulong)c.ElectionId, P256.Encode(result.ElectionKey), info["candidates"]!.AsArray().Count, info["max_selections"]!.GetValue<int>());
        var aggregates = await c.Api.AggregatesAsync(ct);
        var decryptions = aggregates["aggregate"]!.AsArray().Select(a => PartialDecryption.Create(election, key.Guardian, secretShare, verificationKey,
            P256.DecodeTallyPoint(LowerHex.Decode(a!["alpha"]!.GetValue<string>(), BallotErrors.PointNotHex)),
            P256.DecodeTallyPoint(LowerHex.Decode(a["beta"]!.GetValue<string>(), BallotErrors.PointNotHex)))).ToArray();
        await c.Api.PostAsync("decryptions", new JsonObject { ["decryptions"] = JsonNode.Parse(GuardianMessages.SerializePartialDecryptions(decryptions)) }, ct);
        await c.Output.WriteLineAsync($"posted my partial decryptions of {decryptions.Length} candidates' sums over {aggregates["total_ballots"]} ballots");
    }

    /// <summary>
    /// The ceremony once <paramref name="reached"/> holds for its phase, polling up to --wait; else what is still awaited.
    /// A failed ceremony, or one that restarted since my key's round, stops it with what to do.
    /// </summary>
    private static async Task<JsonObject> WaitForAsync(Context c, GuardianKey key, Func<string, bool> reached, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + c.Wait;
        while (true)
        {
            var ceremony = await c.Api.CeremonyAsync(ct);
            var phase = ceremony["phase"]!.GetValue<string>();
            if (phase == "failed")
                throw Failed(ceremony);
            if (ceremony["round"]!.GetValue<int>() is var round && round != key.Round)
                throw new GuardianException($"the ceremony restarted (round {round}; my key file is from round {key.Round}): {LastReason(ceremony)} Run `evoting guardian join` again, then `shares`.");
            if (reached(phase))
                return ceremony;
            if (DateTime.UtcNow >= deadline)
                throw new GuardianException($"waiting for {what} (phase {phase}); run this again later, or with --wait SECONDS");
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
    }

    private static GuardianException Failed(JsonObject ceremony) => new($"the ceremony has failed: {LastReason(ceremony)}");

    private static string LastReason(JsonObject ceremony) => ceremony["complaints"]!.AsArray()[^1]!["reason"]!.GetValue<string>();

    private static JsonNode Member(JsonObject ceremony, int index) =>
        ceremony["members"]!.AsArray().Single(m => m!["index"]!.GetValue<int>() == index)!;

    /// <summary>Every guardian's commitments from the relay; their proofs are checked when the record is built from them.</summary>
    private static IReadOnlyList<IReadOnlyList<CoefficientCommitment>> Commitments(GuardianKey key, JsonObject ceremony) =>
        ceremony["commitments"]!.AsArray()
            .Select((c, i) => GuardianMessages.ParseCommitments(c!.ToJsonString(), i + 1))
            .ToArray();
}
