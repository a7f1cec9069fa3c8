using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EVoting.Ballots;

namespace EVoting.Cli.Load;

/// <summary>
/// One load run against a running system: an election and its voters are set up first (not timed),
/// ballots are encrypted ahead of time, then submissions run with bounded concurrency and every
/// accepted vote is followed until final. Closing and tallying the election at the end checks that
/// the chain holds exactly the accepted votes: the tally counts every final ballot on chain.
/// </summary>
public sealed class LoadRun(ApiClient api, LoadOptions options, ProgressBar progress, TextWriter log)
{
    private sealed record Voter(string Email, string Token, int Choice, string BallotJson);

    private sealed class Submission
    {
        public required string TxHash { get; init; }
        public required long SubmittedTicks { get; init; }
        public required int Voter { get; init; }
        public bool Final { get; set; }
    }

    public async Task<LoadReport> RunAsync(CancellationToken ct)
    {
        var admin = await api.LoginAsync(options.AdminEmail, options.AdminPassword, ct);
        var election = await CreateElectionAsync(admin, ct);
        var voters = await PrepareVotersAsync(election, ct);

        var report = new LoadReport { Voters = options.Voters, Concurrency = options.Concurrency, ElectionId = (long)election.Id };
        var submissions = new ConcurrentDictionary<string, Submission>();
        var errors = new ConcurrentDictionary<string, int>();
        var clock = Stopwatch.StartNew();

        await SubmitAllAsync(election, voters, submissions, errors, report, clock, ct);
        report.SubmitSeconds = clock.Elapsed.TotalSeconds;
        report.Accepted = submissions.Count;

        await WaitForFinalityAsync(submissions, report, clock, ct);
        report.FinalSeconds = clock.Elapsed.TotalSeconds;
        report.Final = submissions.Values.Count(s => s.Final);
        report.Lost = report.Accepted - report.Final;
        report.Errors = new SortedDictionary<string, int>(errors);

        if (options.Tally)
            await CheckTallyAsync(admin, election, voters, submissions, report, ct);
        return report;
    }

    private async Task<Election> CreateElectionAsync(string admin, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var created = await api.RequireAsync(HttpMethod.Post, "/api/elections", new
        {
            title = $"Load test {now:yyyy-MM-dd HH:mm:ss}",
            description = $"evoting load: {options.Voters} voters, concurrency {options.Concurrency}",
            starts_at = now.AddMinutes(-1),
            ends_at = now.AddDays(1),
            candidates = Enumerable.Range(1, options.Candidates).Select(i => new { name = $"Candidate {i}", description = "" }).ToArray(),
        }, admin, "creating the election", ct);
        var id = created["id"]!.GetValue<long>();
        await api.RequireAsync(HttpMethod.Post, $"/api/elections/{id}/open", null, admin, "opening the election", ct);
        var details = await api.RequireAsync(HttpMethod.Get, $"/api/elections/{id}", null, admin, "reading the election", ct);
        log.WriteLine($"election {id} open with {options.Candidates} candidates");
        return Election.FromHex((ulong)id, details["public_key"]!.GetValue<string>(), options.Candidates,
            details["max_selections"]?.GetValue<int>() ?? 1);
    }

    private async Task<Voter[]> PrepareVotersAsync(Election election, CancellationToken ct)
    {
        var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var voters = new Voter[options.Voters];
        var done = 0;
        await Parallel.ForAsync(0, options.Voters, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct },
            async (i, token) =>
            {
                var email = $"load-{run}-{i}@voters.example";
                var password = "Lv!" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
                await api.RegisterAsync(email, password, $"Load voter {i}", token);
                var jwt = await api.LoginAsync(email, password, token);
                var choice = RandomNumberGenerator.GetInt32(1, options.Candidates + 1);
                // Encrypted ahead of time, so the timed phase measures the system, not this client.
                var ballot = BallotJson.Serialize(BallotEncryptor.EncryptChoice(election, choice));
                voters[i] = new Voter(email, jwt, choice, ballot);
                progress.Show("voters", Interlocked.Increment(ref done), options.Voters);
            });
        progress.Done();
        return voters;
    }

    private async Task SubmitAllAsync(
        Election election, Voter[] voters, ConcurrentDictionary<string, Submission> submissions,
        ConcurrentDictionary<string, int> errors, LoadReport report, Stopwatch clock, CancellationToken ct)
    {
        var done = 0;
        await Parallel.ForAsync(0, voters.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct },
            async (i, token) =>
            {
                var voter = voters[i];
                var start = clock.ElapsedTicks;
                ApiClient.Response r;
                try
                {
                    r = await api.SendAsync(HttpMethod.Post, "/api/votes/submit",
                        new { election_id = election.Id, ballot = JsonNode.Parse(voter.BallotJson) }, voter.Token, token);
                }
                catch (HttpRequestException e)
                {
                    errors.AddOrUpdate("connection: " + e.HttpRequestError, 1, (_, n) => n + 1);
                    return;
                }
                report.Submit.Add(Stopwatch.GetElapsedTime(start, clock.ElapsedTicks).TotalMilliseconds);
                if (r.Status == HttpStatusCode.Created && r.Body?["transaction_id"]?.GetValue<string>() is { } tx)
                    submissions[tx] = new Submission { TxHash = tx, SubmittedTicks = start, Voter = i };
                else
                    errors.AddOrUpdate($"{(int)r.Status} {r.Describe()}", 1, (_, n) => n + 1);
                progress.Show("submit", Interlocked.Increment(ref done), voters.Length, $"{submissions.Count} accepted");
            });
        progress.Done();
    }

    private async Task WaitForFinalityAsync(
        ConcurrentDictionary<string, Submission> submissions, LoadReport report, Stopwatch clock, CancellationToken ct)
    {
        var deadline = clock.Elapsed + options.FinalityTimeout;
        while (clock.Elapsed < deadline)
        {
            var pending = submissions.Values.Where(s => !s.Final).ToArray();
            if (pending.Length == 0) break;
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct },
                async (s, token) =>
                {
                    var r = await api.SendAsync(HttpMethod.Get, $"/api/votes/receipt/{s.TxHash}", null, null, token);
                    if (r.Ok && r.Body?["status"]?.GetValue<string>() == "final")
                    {
                        s.Final = true;
                        report.SubmitToFinal.Add(Stopwatch.GetElapsedTime(s.SubmittedTicks, clock.ElapsedTicks).TotalMilliseconds);
                    }
                });
            var final = submissions.Count - submissions.Values.Count(s => !s.Final);
            progress.Show("final", final, submissions.Count);
            if (final < submissions.Count) await Task.Delay(200, ct);
        }
        progress.Done();
    }

    private async Task CheckTallyAsync(
        string admin, Election election, Voter[] voters, ConcurrentDictionary<string, Submission> submissions,
        LoadReport report, CancellationToken ct)
    {
        await api.RequireAsync(HttpMethod.Post, $"/api/elections/{election.Id}/close", null, admin, "closing the election", ct);
        var deadline = DateTime.UtcNow + options.FinalityTimeout;
        JsonNode? results = null;
        while (DateTime.UtcNow < deadline)
        {
            var tally = await api.SendAsync(HttpMethod.Post, $"/api/elections/{election.Id}/tally", null, admin, ct);
            if (tally.Ok)
            {
                var r = await api.SendAsync(HttpMethod.Get, $"/api/elections/{election.Id}/results", null, null, ct);
                if (r.Ok) { results = r.Body; break; }
            }
            await Task.Delay(500, ct);
        }
        if (results is null) throw new LoadException("the tally did not complete in time");

        var onChain = results["total_ballots"]!.GetValue<int>();
        report.OnChain = onChain;
        report.Duplicated = Math.Max(0, onChain - report.Accepted);
        report.Lost = Math.Max(report.Lost, report.Accepted - onChain);

        // Counts must equal the accepted voters' choices: nothing lost, nothing added, nothing altered.
        var expected = new int[options.Candidates];
        foreach (var s in submissions.Values) expected[voters[s.Voter].Choice - 1]++;
        var counts = results["candidates"]!.AsArray().Select(c => c!["count"]!.GetValue<int>()).ToArray();
        report.TallyMatches = counts.SequenceEqual(expected);
    }
}
