using System.IO.Pipelines;
using System.Text;
using EVoting.Api.Data;
using EVoting.Api.Elections;
using EVoting.Api.Outcomes;
using Microsoft.Extensions.Options;

namespace EVoting.Api.Roll;

/// <summary>
/// The official's side of a roll (docs/voter-roll.md): uploading it (streamed, batched, replacing
/// any earlier upload while the election is a draft) and issuing its enrolment codes, once.
/// </summary>
public sealed class RollService(IElectionStore elections, IRollStore rolls, IOptions<RollOptions> options, TimeProvider clock)
{
    public async Task<Outcome<RollUploadResponse>> UploadAsync(int electionId, PipeReader body, CancellationToken ct)
    {
        if (await RollElectionAsync(electionId, ct) is { Failure: { } failure })
            return failure;
        var reader = new RollCsvReader(body);
        try
        {
            var (result, entries) = await rolls.ReplaceAsync(electionId, reader.ReadAsync(ct), ct);
            return result switch
            {
                RollReplace.Replaced => new RollUploadResponse(entries, reader.Identifiers - entries, reader.BlankLines),
                RollReplace.CodesUsed => new Failure.Conflict(
                    $"Voters have already enrolled with codes of election {electionId}'s roll; the roll can no longer be replaced."),
                _ => new Failure.Conflict($"Election {electionId} is no longer a draft: its roll is fixed."),
            };
        }
        catch (RollFormatException ex)
        {
            return new Failure.BadInput("The roll was not stored: " + ex.Message);
        }
    }

    /// <summary>
    /// Marks the codes issued (so a second request is refused) and returns the writer that issues
    /// them: it generates a code per entry, stores its hash and writes "identifier,code" lines,
    /// a batch at a time.
    /// </summary>
    public async Task<Outcome<Func<Stream, Task>>> IssueCodesAsync(int electionId, CancellationToken ct)
    {
        var found = await RollElectionAsync(electionId, ct);
        if (found.Failure is { } failure)
            return failure;
        var election = found.Value!;
        if (election.RollEntries == 0)
            return new Failure.Conflict($"Election {electionId} has no roll yet: upload one first (POST /api/elections/{electionId}/roll).");
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await rolls.MarkCodesIssuedAsync(electionId, now, now + options.Value.CodeLifetime, ct))
            return new Failure.Conflict(
                $"The enrolment codes of election {electionId} were issued at {election.RollCodesIssuedAt:u} and are shown only once. " +
                "Uploading the roll again (while the election is a draft and before any code is used) voids them and allows a new download.");
        return (Func<Stream, Task>)(stream => WriteCodesAsync(electionId, stream, ct));
    }

    private async Task WriteCodesAsync(int electionId, Stream stream, CancellationToken ct)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 64 * 1024, leaveOpen: true);
        await writer.WriteAsync("identifier,code\n");
        var after = 0L;
        while (true)
        {
            var entries = await rolls.EntriesAsync(electionId, after, RollLimits.BatchSize, ct);
            if (entries.Count == 0)
                break;
            var codes = entries.Select(e => (e.Id, e.Identifier, Code: EnrolmentCode.Generate())).ToList();
            // Stored before they are shown: a code the official holds always works.
            await rolls.SetCodeHashesAsync(codes.Select(c => (c.Id, EnrolmentCode.Hash(EnrolmentCode.Normalize(c.Code)!))).ToList(), ct);
            foreach (var (_, identifier, code) in codes)
                await writer.WriteAsync($"{identifier},{code}\n");
            await writer.FlushAsync(ct);
            after = entries[^1].Id;
        }
    }

    private async Task<Outcome<ElectionRecord>> RollElectionAsync(int electionId, CancellationToken ct)
    {
        var election = await elections.FindAsync(electionId, ct);
        if (election is null)
            return new Failure.NotFound($"Election {electionId} does not exist.");
        if (election.Eligibility != Eligibility.Roll)
            return new Failure.Conflict($"Election {electionId} is open to every account (eligibility \"open\"): it has no roll.");
        return election;
    }
}
