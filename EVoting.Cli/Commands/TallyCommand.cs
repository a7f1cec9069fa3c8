using System.CommandLine;
using System.Text.Json.Nodes;
using EVoting.Ballots;

namespace EVoting.Cli.Commands;

/// <summary>
/// `evoting tally verify`: checks a published result (decryption proofs, counts, election hash)
/// from a file (format in docs/ballot-crypto.md), straight from the API, or (--rpc) from the chain alone: the
/// election_tally's threshold record against the ceremony and the ballots on chain. Exit 0 valid, 1 invalid, 2 usage error.
/// </summary>
public static class TallyCommand
{
    public static Command Create()
    {
        var tally = new Command("tally", "Published tallies");
        var file = new Argument<FileInfo?>("file") { Description = "Verification file {election_id, public_key, election_hash, results}", Arity = ArgumentArity.ZeroOrOne };
        var api = new Option<string?>("--api") { Description = "API base URL (instead of a file), e.g. http://localhost:8000" };
        var electionId = new Option<ulong?>("--election-id") { Description = "Election id (with --api)" };
        var chain = new ChainAuditOptions();
        var verify = new Command("verify", "Verify a published tally: exit 0 valid, 1 invalid (reason on stderr), 2 usage error") { file, api, electionId };
        chain.AddTo(verify);
        verify.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(file);
            var url = parse.GetValue(api);
            var id = parse.GetValue(electionId);
            var fromChain = parse.GetValue(chain.Rpc) is not null;
            if ((path is null ? 0 : 1) + (url is null ? 0 : 1) + (fromChain ? 1 : 0) != 1 || (path is null && id is null))
            {
                await error.WriteLineAsync("give either FILE, --api URL --election-id N, or --rpc URL --election-id N [--genesis FILE]");
                return CliApp.UsageError;
            }
            if (fromChain)
            {
                if (await chain.ResolveAsync(parse, "tally verify", error) is not { } resolved)
                    return CliApp.UsageError;
                return await VerifyFromChainAsync(resolved.Genesis, resolved.Rpc, id!.Value, parse.InvocationConfiguration, ct);
            }
            Uri? apiUrl = null;
            if (url is not null && !HttpUrl.TryParse(url, out apiUrl))
            {
                await error.WriteLineAsync($"--api must be an absolute http(s) URL, not '{url}'");
                return CliApp.UsageError;
            }
            string json;
            try
            {
                json = path is not null ? await File.ReadAllTextAsync(path.FullName, ct) : await FetchAsync(HttpUrl.AsBase(apiUrl!), id!.Value, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                await error.WriteLineAsync($"cannot read the tally: {e.Message}");
                return CliApp.UsageError;
            }
            PublishedTally tally;
            try
            {
                tally = TallyJson.ParseVerificationFile(json);
            }
            catch (BallotFormatException e)
            {
                await error.WriteLineAsync($"invalid: {e.Message}");
                return 1;
            }
            if (TallyVerifier.Verify(tally) is { } reason)
            {
                await error.WriteLineAsync($"invalid: {reason}");
                return 1;
            }
            var counts = string.Join(", ", tally.Candidates.Select((c, i) => $"{i + 1}: {c.Count}"));
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"valid: election {tally.Election.Id}, {tally.TotalBallots} ballots, counts {counts}");
            return 0;
        });
        tally.Subcommands.Add(verify);
        return tally;
    }

    /// <summary>
    /// The election's record from the chain alone: the chain's own checks, its ceremony, and its election_tally against
    /// the ballots on chain (<see cref="ElectionRecordAudit"/>); the counts are printed with the names the chain fixed.
    /// </summary>
    private static async Task<int> VerifyFromChainAsync(Chain.Genesis genesis, Uri rpc, ulong id, InvocationConfiguration io, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Audit.AuditReport report;
        try
        {
            report = await ChainAuditOptions.AuditAsync(http, genesis, rpc, ct);
        }
        catch (Exception ex) when (ChainAuditOptions.IsReadFailure(ex))
        {
            await io.Error.WriteLineAsync($"cannot read the chain: {ex.Message}");
            return CliApp.UsageError;
        }
        if (!report.Elections.TryGetValue(id, out var election))
        {
            await io.Error.WriteLineAsync($"invalid: election {id} is not on chain");
            return 1;
        }
        if (election.Tally is null)
        {
            await io.Error.WriteLineAsync($"invalid: election {id} has no election_tally on chain");
            return 1;
        }
        var errors = report.Errors.Concat(Audit.ElectionRecordAudit.Check(election)).ToArray();
        foreach (var e in errors)
            await io.Error.WriteLineAsync($"invalid: {e}");
        if (errors.Length > 0)
            return 1;
        await io.Output.WriteLineAsync("valid from the chain: " + VerifyCommand.TallyLine(election));
        return 0;
    }

    /// <summary>Builds the verification file from GET /api/elections/{id} (key, hash) and GET /api/elections/{id}/results.</summary>
    private static async Task<string> FetchAsync(Uri api, ulong id, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        var election = JsonNode.Parse(await http.GetStringAsync($"api/elections/{id}", ct))?.AsObject()
            ?? throw new InvalidOperationException("empty election response");
        var results = JsonNode.Parse(await http.GetStringAsync($"api/elections/{id}/results", ct))?.AsObject()
            ?? throw new InvalidOperationException("empty results response");
        return new JsonObject
        {
            ["election_id"] = id,
            ["public_key"] = election["public_key"]?.DeepClone(),
            ["election_hash"] = election["election_hash"]?.DeepClone(),
            ["results"] = results.DeepClone(),
        }.ToJsonString();
    }
}
