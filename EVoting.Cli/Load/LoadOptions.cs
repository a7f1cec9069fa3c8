namespace EVoting.Cli.Load;

public sealed record LoadOptions(
    Uri Api,
    int Voters,
    int Elections,
    int Concurrency,
    int Candidates,
    string AdminEmail,
    string AdminPassword,
    TimeSpan FinalityTimeout,
    bool Tally,
    bool SampleProcesses = false);
