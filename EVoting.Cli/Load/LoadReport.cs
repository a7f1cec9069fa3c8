using System.Text.Json;

namespace EVoting.Cli.Load;

/// <summary>What a load run measured, printed for people or as one JSON object.</summary>
public sealed class LoadReport
{
    public IReadOnlyList<long> ElectionIds { get; set; } = [];
    public int Voters { get; set; }
    public int Concurrency { get; set; }
    public int Accepted { get; set; }
    public int Final { get; set; }
    public int? OnChain { get; set; }
    public int Lost { get; set; }
    public int Duplicated { get; set; }
    public bool? TallyMatches { get; set; }
    /// <summary>Wall-clock bounds of the timed phase (first submit to last final), for matching with process samples.</summary>
    public DateTimeOffset TimedFrom { get; set; }

    public DateTimeOffset TimedTo { get; set; }

    public int ReceiptPolls { get; set; }

    public double SubmitSeconds { get; set; }
    public double FinalSeconds { get; set; }
    public LatencyStats Submit { get; } = new();
    public LatencyStats SubmitToFinal { get; } = new();
    public IReadOnlyDictionary<string, int> Errors { get; set; } = new Dictionary<string, int>();

    /// <summary>CPU and memory of this machine's system processes during the timed phase (with --processes).</summary>
    public IReadOnlyList<ProcessUsage>? Processes { get; set; }

    public double AcceptedPerSecond => SubmitSeconds > 0 ? Accepted / SubmitSeconds : 0;
    public double FinalPerSecond => FinalSeconds > 0 ? Final / FinalSeconds : 0;

    /// <summary>Every accepted vote final exactly once, and (when tallied) the counts match the choices.</summary>
    public bool Correct => Lost == 0 && Duplicated == 0 && Final == Accepted && TallyMatches != false;

    public string ToJson() => JsonSerializer.Serialize(new
    {
        election_ids = ElectionIds,
        voters = Voters,
        votes = Voters * ElectionIds.Count,
        concurrency = Concurrency,
        accepted = Accepted,
        final = Final,
        on_chain = OnChain,
        lost = Lost,
        duplicated = Duplicated,
        tally_matches = TallyMatches,
        correct = Correct,
        accepted_per_second = Math.Round(AcceptedPerSecond, 1),
        final_per_second = Math.Round(FinalPerSecond, 1),
        submit_ms = Submit.Summary(),
        submit_to_final_ms = SubmitToFinal.Summary(),
        p99_submit_to_final_ms = Math.Round(SubmitToFinal.Percentile(99), 1),
        receipt_polls = ReceiptPolls,
        errors = Errors,
        processes = Processes?.Select(p => new
        {
            name = p.Name, cpu_seconds = p.CpuSeconds, cpu_ms_per_vote = p.CpuMsPerVote,
            rss_mb_first = p.RssMbFirst, rss_mb_max = p.RssMbMax, rss_mb_last = p.RssMbLast, rss_mb_every_30s = p.RssMbEvery30s,
        }),
        timed_from_unix_ms = TimedFrom.ToUnixTimeMilliseconds(),
        timed_to_unix_ms = TimedTo.ToUnixTimeMilliseconds(),
    });

    public void Print(TextWriter w)
    {
        w.WriteLine($"{(ElectionIds.Count == 1 ? "election" : "elections")} {string.Join(", ", ElectionIds)}: {Voters} voters"
            + $"{(ElectionIds.Count == 1 ? "" : $" × {ElectionIds.Count} elections")}, concurrency {Concurrency}");
        w.WriteLine($"accepted   {Accepted,8}   {AcceptedPerSecond,8:F1}/s over {SubmitSeconds:F1} s");
        w.WriteLine($"final      {Final,8}   {FinalPerSecond,8:F1}/s over {FinalSeconds:F1} s");
        w.WriteLine($"receipts   {ReceiptPolls,8} polls to follow the votes to final");
        w.WriteLine($"latency ms             p50      p90      p99      max");
        w.WriteLine($"  submit          {Submit.Percentile(50),8:F0} {Submit.Percentile(90),8:F0} {Submit.Percentile(99),8:F0} {Submit.Max,8:F0}");
        w.WriteLine($"  submit→final    {SubmitToFinal.Percentile(50),8:F0} {SubmitToFinal.Percentile(90),8:F0} {SubmitToFinal.Percentile(99),8:F0} {SubmitToFinal.Max,8:F0}");
        foreach (var (kind, n) in Errors) w.WriteLine($"error  {n,6} × {kind}");
        if (Processes is { Count: > 0 })
        {
            w.WriteLine("process          cpu s   cpu ms/vote   rss MB first    max   last");
            foreach (var p in Processes)
                w.WriteLine($"  {p.Name,-12} {p.CpuSeconds,8:F1} {p.CpuMsPerVote,12:F2} {p.RssMbFirst,14:F0} {p.RssMbMax,6:F0} {p.RssMbLast,6:F0}");
        }
        w.WriteLine(OnChain is { } c
            ? $"chain check: {c} ballots tallied from the chain for {Accepted} accepted; lost {Lost}, duplicated {Duplicated}, counts {(TallyMatches == true ? "match" : "DO NOT match")} the choices"
            : $"chain check: lost {Lost}, duplicated {Duplicated} (tally skipped)");
        w.WriteLine(Correct ? "OK: every accepted vote is final exactly once" : "FAILED: the chain does not hold exactly the accepted votes");
    }
}
