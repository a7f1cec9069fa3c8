using System.CommandLine;
using System.Text.Json.Nodes;
using EVoting.Audit;
using EVoting.Ballots;
using EVoting.Chain;

namespace EVoting.Cli.Commands;

/// <summary>
/// `evoting verify --rpc URL [--api URL] [--genesis FILE]`: an auditor's independent check of the chain a validator
/// serves (hashes, links, proposer signatures, commit certificates, transaction roots, every transaction and ballot
/// proof) and of every election's record on it: the ceremony proofs of its election_open and the threshold tally of
/// its election_tally against the ballots on chain (<see cref="ElectionRecordAudit"/>), from the chain alone. With
/// --api, also what the API publishes: every election's title and candidate names must be those the chain fixed, and
/// every published tally must match the ballots on chain. Exit code 0: all verified; 1: problems found (listed); 2:
/// could not read.
/// </summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var chain = new ChainAuditOptions();
        chain.Rpc.Required = true;
        var api = new Option<string?>("--api") { Description = "The API base URL, to check what it publishes against the chain (e.g. http://localhost:8000)" };
        var command = new Command("verify", "Independently verify the chain, every election record on it, and what the API publishes");
        chain.AddTo(command);
        command.Options.Add(api);
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (await chain.ResolveAsync(parse, "verify", error) is not { } resolved)
                return CliApp.UsageError;
            var (rpcUrl, genesis) = resolved;
            Uri? apiUrl = null;
            if (parse.GetValue(api) is { } a && !HttpUrl.TryParse(a, out apiUrl))
            {
                await error.WriteLineAsync("verify: --rpc and --api must be absolute http(s) URLs.");
                return CliApp.UsageError;
            }
            return await RunAsync(genesis, rpcUrl, apiUrl is null ? null : HttpUrl.AsBase(apiUrl), parse.InvocationConfiguration.Output, ct);
        });
        return command;
    }

    public static async Task<int> RunAsync(Genesis genesis, Uri rpc, Uri? api, TextWriter output, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        AuditReport report;
        var errors = new List<string>();
        try
        {
            report = await ChainAuditOptions.AuditAsync(http, genesis, rpc, ct);
            errors.AddRange(report.Errors);
            foreach (var election in report.Elections.Values)
                errors.AddRange(ElectionRecordAudit.Check(election));
            if (api is not null)
                errors.AddRange(await CheckApiAsync(new VerifyApiReader(http, api), report, ct));
        }
        catch (Exception ex) when (ChainAuditOptions.IsReadFailure(ex))
        {
            await output.WriteLineAsync($"verify: could not read: {ex.Message}");
            return 2;
        }

        await output.WriteLineAsync($"checked {report.CheckedBlocks} blocks, {report.TotalVotes} votes, {report.Elections.Count} elections");
        foreach (var (id, election) in report.Elections.OrderBy(e => e.Key))
            await output.WriteLineAsync($"election {id}: {election.DescribeTurnout()}");
        foreach (var election in report.Elections.Values.Where(e => e.Tally is not null).OrderBy(e => e.Election.Id))
            await output.WriteLineAsync(TallyLine(election));
        foreach (var e in errors)
            await output.WriteLineAsync("ERROR " + e);
        await output.WriteLineAsync(errors.Count == 0
            ? "chain valid, election records verified" + (api is null ? "" : ", tallies verified")
            : $"{errors.Count} problem(s) found");
        return errors.Count == 0 ? 0 : 1;
    }

    /// <summary>"election 7 "Title": 6 ballots; Alice 1, Bob 3 (guardians 1, 3)" with the names and counts the chain holds.</summary>
    public static string TallyLine(AuditedElection election)
    {
        try
        {
            var results = ElectionRecordAudit.Results(election);
            var counts = string.Join(", ", results.Select((r, i) => $"{CandidateName(election, i)} {r.Count}"));
            var guardians = string.Join(", ", results.SelectMany(r => r.Set).Distinct().Order());
            return $"election {election.Election.Id} \"{election.Title}\": {election.Tally!.TotalBallots} ballots; {counts} (guardians {guardians})";
        }
        catch (BallotFormatException e)
        {
            return $"election {election.Election.Id}: election_tally does not parse ({e.Reason})";
        }
    }

    private static string CandidateName(AuditedElection election, int index) =>
        index < election.CandidateNames.Count ? election.CandidateNames[index] : $"candidate {index + 1}";

    /// <summary>The API's titles and candidate names against the chain's, then its published tallies against the ballots on chain.</summary>
    private static async Task<List<string>> CheckApiAsync(VerifyApiReader reader, AuditReport report, CancellationToken ct)
    {
        var errors = new List<string>();
        var elections = await reader.ReadElectionsAsync(ct);
        foreach (var listed in elections)
        {
            var id = listed!["id"]!.GetValue<ulong>();
            if (report.Elections.TryGetValue(id, out var onChain) && onChain.CandidateNames.Count > 0)
                errors.AddRange(CompareNames(id, listed, onChain));
        }
        foreach (var (id, results) in await reader.ReadTalliesAsync(elections, ct))
        {
            if (!report.Elections.TryGetValue(id, out var election))
            {
                errors.Add($"election {id}: a tally is published but the election is not on chain");
                continue;
            }
            if (election.Tally is not null)
                errors.AddRange(CompareCounts(id, results, election));
            // With guardians the API publishes no single-trustee decryption proofs: the chain's record is the proof.
            if (election.Tally is not null && results["decryption"] is JsonArray { Count: 0 })
                continue;
            try
            {
                // The public key comes from the chain's election_open, not from the API.
                var published = TallyJson.ParseResults(id, election.Election.PublicKey, null, results);
                errors.AddRange(TallyAudit.Check(election, published));
            }
            catch (Exception ex) when (ex is BallotFormatException or InvalidOperationException or FormatException)
            {
                errors.Add($"election {id}: the published results do not parse: {ex.Message}");
            }
        }
        return errors;
    }

    /// <summary>The API's published total and counts against the election_tally on chain (itself checked by <see cref="ElectionRecordAudit"/>).</summary>
    private static IEnumerable<string> CompareCounts(ulong id, JsonObject results, AuditedElection onChain)
    {
        IReadOnlyList<long> chainCounts;
        try
        {
            chainCounts = ElectionRecordAudit.Results(onChain).Select(r => r.Count).ToArray();
        }
        catch (BallotFormatException)
        {
            yield break; // already reported by the record's own check
        }
        if (results["total_ballots"]?.GetValue<int>() != onChain.Tally!.TotalBallots)
            yield return $"election {id}: the API publishes total_ballots {results["total_ballots"]} but election_tally on chain says {onChain.Tally.TotalBallots}";
        var counts = results["candidates"]?.AsArray().Select(c => c!["count"]!.GetValue<long>()).ToArray() ?? [];
        if (!counts.SequenceEqual(chainCounts))
            yield return $"election {id}: the API publishes counts {string.Join(", ", counts)} but election_tally on chain says {string.Join(", ", chainCounts)}";
    }

    /// <summary>A candidate renamed or two swapped in the API's database after the election opened shows here.</summary>
    private static IEnumerable<string> CompareNames(ulong id, JsonNode listed, AuditedElection onChain)
    {
        if (listed["title"]?.GetValue<string>() != onChain.Title)
            yield return $"election {id}: the API's title \"{listed["title"]}\" is not the chain's \"{onChain.Title}\"";
        var names = listed["candidates"]?.AsArray().OrderBy(c => c!["position"]!.GetValue<int>()).Select(c => c!["name"]!.GetValue<string>()).ToArray() ?? [];
        if (names.Length != onChain.CandidateNames.Count)
        {
            yield return $"election {id}: the API lists {names.Length} candidates, the chain {onChain.CandidateNames.Count}";
            yield break;
        }
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i] != onChain.CandidateNames[i])
                yield return $"election {id} candidate {i + 1}: the API names it \"{names[i]}\" but the chain's election_open says \"{onChain.CandidateNames[i]}\"";
        }
    }
}
