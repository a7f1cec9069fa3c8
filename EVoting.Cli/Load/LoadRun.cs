using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EVoting.Ballots;

namespace EVoting.Cli.Load;

/// <summary>
/// One load run against a running system: elections and voters are set up first (not timed),
/// every voter's ballot for every election is encrypted ahead of time, then submissions run with
/// bounded concurrency while a watcher follows every accepted vote until its receipt is final.
/// Closing and tallying each election at the end checks that the chain holds exactly the accepted
/// votes: the tally counts every final ballot on chain. Each election has a roll listing the run's
/// voters (docs/voter-roll.md): every voter registers with their code of the first election and
/// enrols with the code of each other one, as real voters would.
/// </summary>
public sealed class LoadRun(ApiClient api, LoadOptions options, ProgressBar progress, TextWriter log)
{
    /// <summary>One vote to cast: a voter's pre-encrypted ballot in one election.</summary>
    private sealed record Ballot(int Voter, int Election, int Choice, string Json);

    public async Task<LoadReport> RunAsync(CancellationToken ct)
    {
        var admin = await ApiSession.LoginAsync(api, options.AdminEmail, options.AdminPassword, ct);
        var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var emails = Enumerable.Range(0, options.Voters).Select(i => $"load-{run}-{i}@voters.example").ToArray();
        var elections = new Election[options.Elections];
        var codes = new Dictionary<string, string>[options.Elections];
        for (var e = 0; e < elections.Length; e++)
            (elections[e], codes[e]) = await CreateElectionAsync(admin, emails, ct);
        var voters = await RegisterVotersAsync(emails, codes, ct);
        var ballots = EncryptBallots(elections);

        var report = new LoadReport
        {
            Voters = options.Voters, Concurrency = options.Concurrency,
            ElectionIds = elections.Select(e => (long)e.Id).ToArray(),
        };
        var accepted = new ConcurrentDictionary<string, Ballot>();
        var errors = new ConcurrentDictionary<string, int>();
        var sampler = options.SampleProcesses ? NewSampler() : null;
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sampling = sampler?.RunAsync(TimeSpan.FromSeconds(1), stopSampling.Token) ?? Task.CompletedTask;
        report.TimedFrom = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var watcher = new FinalityWatcher(api, report.SubmitToFinal, clock, Math.Min(options.Concurrency, 16));
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watching = watcher.RunAsync(stopWatching.Token);

        await SubmitAllAsync(elections, voters, ballots, accepted, watcher, errors, report, clock, ct);
        report.SubmitSeconds = clock.Elapsed.TotalSeconds;
        report.Accepted = accepted.Count;

        await WaitForFinalityAsync(watcher, clock.Elapsed + options.FinalityTimeout, clock, ct);
        stopWatching.Cancel();
        await watching;
        report.FinalSeconds = watcher.LastFinalAt.TotalSeconds;
        report.TimedTo = report.TimedFrom + watcher.LastFinalAt;
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct); // one more sample after the last vote became final
        await stopSampling.CancelAsync();
        await sampling;
        if (sampler is not null)
            report.Processes = ProcessUsage.From(sampler.Samples, watcher.FinalCount);
        report.Final = watcher.FinalCount;
        report.ReceiptPolls = watcher.PollCount;
        report.Lost = report.Accepted - report.Final;
        report.Errors = new SortedDictionary<string, int>(errors);

        if (options.Tally)
            await CheckTalliesAsync(admin, elections, accepted.Values, report, ct);
        return report;
    }

    private ProcessSampler NewSampler()
    {
        var system = SystemProcessTree.ForApi(options.Api);
        log.WriteLine(system is null
            ? $"--processes: no local process listens on {options.Api}; sampling every EVoting process on this machine"
            : $"--processes: sampling the processes under PID {system.RootPid} (the system serving {options.Api})");
        return new ProcessSampler(system);
    }

    private async Task<(Election, Dictionary<string, string> Codes)> CreateElectionAsync(ApiSession admin, string[] emails, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var created = await admin.RequireAsync(HttpMethod.Post, "/api/elections", new
        {
            title = $"Load test {now:yyyy-MM-dd HH:mm:ss.fff}",
            description = $"evoting load: {options.Voters} voters, concurrency {options.Concurrency}",
            starts_at = now.AddMinutes(-1),
            ends_at = now.AddDays(1),
            candidates = Enumerable.Range(1, options.Candidates).Select(i => new { name = $"Candidate {i}", description = "" }).ToArray(),
            eligibility = "roll",
        }, "creating the election", ct);
        var id = created["id"]!.GetValue<long>();
        var codes = await api.EnrolmentCodesAsync(id, emails, admin.Token, ct);
        await admin.RequireAsync(HttpMethod.Post, $"/api/elections/{id}/open", null, "opening the election", ct);
        var details = await admin.RequireAsync(HttpMethod.Get, $"/api/elections/{id}", null, "reading the election", ct);
        log.WriteLine($"election {id} open with {options.Candidates} candidates and a roll of {codes.Count} voters");
        return (Election.FromHex((ulong)id, details["public_key"]!.GetValue<string>(), options.Candidates,
            details["max_selections"]?.GetValue<int>() ?? 1), codes);
    }

    private async Task<ApiSession[]> RegisterVotersAsync(string[] emails, Dictionary<string, string>[] codes, CancellationToken ct)
    {
        var voters = new ApiSession[options.Voters];
        var done = 0;
        await Parallel.ForAsync(0, options.Voters, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct },
            async (i, token) =>
            {
                var email = emails[i];
                var password = "Lv!" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
                await api.RegisterAsync(email, password, $"Load voter {i}", codes[0][email], token);
                voters[i] = await ApiSession.LoginAsync(api, email, password, token);
                foreach (var election in codes.Skip(1))
                    await voters[i].RequireAsync(HttpMethod.Post, "/api/auth/enrol", new { code = election[email] }, $"enrolling {email}", token);
                progress.Show("voters", Interlocked.Increment(ref done), options.Voters);
            });
        progress.Done();
        return voters;
    }

    /// <summary>
    /// Every ballot encrypted before the timed phase, so it measures the system, not this client.
    /// Ordered election-interleaved (voter 0 in each election, then voter 1, …) so every election
    /// receives votes all the time.
    /// </summary>
    private Ballot[] EncryptBallots(Election[] elections)
    {
        var ballots = new Ballot[options.Voters * elections.Length];
        var done = 0;
        Parallel.For(0, ballots.Length, k =>
        {
            var (voter, election) = (k / elections.Length, k % elections.Length);
            var choice = RandomNumberGenerator.GetInt32(1, options.Candidates + 1);
            ballots[k] = new Ballot(voter, election, choice,
                BallotJson.Serialize(BallotEncryptor.EncryptChoice(elections[election], choice)));
            progress.Show("encrypt", Interlocked.Increment(ref done), ballots.Length);
        });
        progress.Done();
        return ballots;
    }

    private async Task SubmitAllAsync(
        Election[] elections, ApiSession[] voters, Ballot[] ballots, ConcurrentDictionary<string, Ballot> accepted,
        FinalityWatcher watcher, ConcurrentDictionary<string, int> errors, LoadReport report, Stopwatch clock, CancellationToken ct)
    {
        var done = 0;
        await Parallel.ForAsync(0, ballots.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct },
            async (k, token) =>
            {
                var ballot = ballots[k];
                var voter = voters[ballot.Voter];
                var body = new { election_id = elections[ballot.Election].Id, ballot = JsonNode.Parse(ballot.Json) };
                var start = clock.ElapsedTicks;
                ApiClient.Response r;
                try
                {
                    r = await voter.SendAsync(HttpMethod.Post, "/api/votes/submit", body, token);
                }
                catch (HttpRequestException e)
                {
                    errors.AddOrUpdate("connection: " + e.HttpRequestError, 1, (_, n) => n + 1);
                    return;
                }
                report.Submit.Add(Stopwatch.GetElapsedTime(start, clock.ElapsedTicks).TotalMilliseconds);
                if (r.Status == HttpStatusCode.Created && r.Body?["transaction_id"]?.GetValue<string>() is { } tx)
                {
                    accepted[tx] = ballot;
                    watcher.Follow(tx, start);
                }
                else
                    errors.AddOrUpdate($"{(int)r.Status} {r.Describe()}", 1, (_, n) => n + 1);
                progress.Show("submit", Interlocked.Increment(ref done), ballots.Length,
                    $"{accepted.Count} accepted, {watcher.FinalCount} final");
            });
        progress.Done();
    }

    private async Task WaitForFinalityAsync(FinalityWatcher watcher, TimeSpan deadline, Stopwatch clock, CancellationToken ct)
    {
        while (clock.Elapsed < deadline && watcher.PendingCount > 0)
        {
            progress.Show("final", watcher.FinalCount, watcher.FinalCount + watcher.PendingCount);
            await Task.Delay(200, ct);
        }
        progress.Show("final", watcher.FinalCount, watcher.FinalCount + watcher.PendingCount);
        progress.Done();
    }

    private async Task CheckTalliesAsync(
        ApiSession admin, Election[] elections, ICollection<Ballot> accepted, LoadReport report, CancellationToken ct)
    {
        var onChain = 0;
        var matches = true;
        for (var e = 0; e < elections.Length; e++)
        {
            var results = await TallyAsync(admin, elections[e], ct);
            onChain += results["total_ballots"]!.GetValue<int>();
            // Counts must equal the accepted voters' choices: nothing lost, nothing added, nothing altered.
            var expected = new int[options.Candidates];
            foreach (var b in accepted.Where(b => b.Election == e)) expected[b.Choice - 1]++;
            var counts = results["candidates"]!.AsArray().Select(c => c!["count"]!.GetValue<int>()).ToArray();
            matches &= counts.SequenceEqual(expected);
        }
        report.OnChain = onChain;
        report.Duplicated = Math.Max(0, onChain - report.Accepted);
        report.Lost = Math.Max(report.Lost, report.Accepted - onChain);
        report.TallyMatches = matches;
    }

    private async Task<JsonNode> TallyAsync(ApiSession admin, Election election, CancellationToken ct)
    {
        await admin.RequireAsync(HttpMethod.Post, $"/api/elections/{election.Id}/close", null, "closing the election", ct);
        var deadline = DateTime.UtcNow + options.FinalityTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var tally = await admin.SendAsync(HttpMethod.Post, $"/api/elections/{election.Id}/tally", null, ct);
            if (tally.Ok)
            {
                var r = await api.SendAsync(HttpMethod.Get, $"/api/elections/{election.Id}/results", null, null, ct);
                if (r.Ok) return r.Body!;
            }
            await Task.Delay(500, ct);
        }
        throw new LoadException($"the tally of election {election.Id} did not complete in time");
    }
}
