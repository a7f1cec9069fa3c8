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
    public double SubmitSeconds { get; set; }
    public double FinalSeconds { get; set; }
    public LatencyStats Submit { get; } = new();
    public LatencyStats SubmitToFinal { get; } = new();
    public IReadOnlyDictionary<string, int> Errors { get; set; } = new Dictionary<string, int>();

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
        errors = Errors,
    });

    public void Print(TextWriter w)
    {
        w.WriteLine($"{(ElectionIds.Count == 1 ? "election" : "elections")} {string.Join(", ", ElectionIds)}: {Voters} voters"
            + $"{(ElectionIds.Count == 1 ? "" : $" × {ElectionIds.Count} elections")}, concurrency {Concurrency}");
        w.WriteLine($"accepted   {Accepted,8}   {AcceptedPerSecond,8:F1}/s over {SubmitSeconds:F1} s");
        w.WriteLine($"final      {Final,8}   {FinalPerSecond,8:F1}/s over {FinalSeconds:F1} s");
        w.WriteLine($"latency ms             p50      p90      p99      max");
        w.WriteLine($"  submit          {Submit.Percentile(50),8:F0} {Submit.Percentile(90),8:F0} {Submit.Percentile(99),8:F0} {Submit.Max,8:F0}");
        w.WriteLine($"  submit→final    {SubmitToFinal.Percentile(50),8:F0} {SubmitToFinal.Percentile(90),8:F0} {SubmitToFinal.Percentile(99),8:F0} {SubmitToFinal.Max,8:F0}");
        foreach (var (kind, n) in Errors) w.WriteLine($"error  {n,6} × {kind}");
        w.WriteLine(OnChain is { } c
            ? $"chain check: {c} ballots tallied from the chain for {Accepted} accepted; lost {Lost}, duplicated {Duplicated}, counts {(TallyMatches == true ? "match" : "DO NOT match")} the choices"
            : $"chain check: lost {Lost}, duplicated {Duplicated} (tally skipped)");
        w.WriteLine(Correct ? "OK: every accepted vote is final exactly once" : "FAILED: the chain does not hold exactly the accepted votes");
    }
}
