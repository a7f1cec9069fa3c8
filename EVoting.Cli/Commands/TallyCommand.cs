using System.CommandLine;
using System.Text.Json.Nodes;
using EVoting.Ballots;

namespace EVoting.Cli.Commands;

/// <summary>
/// `evoting tally verify`: checks a published result (decryption proofs, counts, election hash)
/// from a file (format in docs/ballot-crypto.md) or straight from the API. Exit 0 valid, 1 invalid, 2 usage error.
/// </summary>
public static class TallyCommand
{
    public static Command Create()
    {
        var tally = new Command("tally", "Published tallies");
        var file = new Argument<FileInfo?>("file") { Description = "Verification file {election_id, public_key, election_hash, results}", Arity = ArgumentArity.ZeroOrOne };
        var api = new Option<string?>("--api") { Description = "API base URL (instead of a file), e.g. http://localhost:8000" };
        var electionId = new Option<ulong?>("--election-id") { Description = "Election id (with --api)" };
        var verify = new Command("verify", "Verify a published tally: exit 0 valid, 1 invalid (reason on stderr), 2 usage error") { file, api, electionId };
        verify.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(file);
            var url = parse.GetValue(api);
            var id = parse.GetValue(electionId);
            if ((path is null) == (url is null) || (url is not null && id is null))
            {
                await error.WriteLineAsync("give either FILE or --api URL --election-id N");
                return CliApp.UsageError;
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
