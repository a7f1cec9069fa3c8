using System.Net.Http.Headers;
using EVoting.Cli.Load;

namespace EVoting.Cli.Roll;

/// <summary>
/// The official's roll upload (docs/voter-roll.md): the file is streamed to
/// POST /api/elections/{id}/roll, then the enrolment codes from GET /api/elections/{id}/roll/codes
/// are streamed into a new file. The codes are issued once: the file is never overwritten.
/// </summary>
public sealed class RollUpload(HttpClient http, ApiClient api, ProgressBar progress, TextWriter log)
{
    public async Task RunAsync(string adminEmail, string adminPassword, long electionId, FileInfo roll, FileInfo codes, CancellationToken ct)
    {
        var token = await api.LoginAsync(adminEmail, adminPassword, ct);
        int entries;
        using (var content = new StreamContent(new ProgressStream(roll.OpenRead(), progress, "upload"), 64 * 1024))
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            using var request = new HttpRequestMessage(HttpMethod.Post, $"api/elections/{electionId}/roll") { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, ct);
            progress.Done();
            var stored = await ApiClient.ReadAsync(response, ct);
            if (!stored.Ok)
                throw new LoadException($"uploading the roll failed: {stored.Describe()}");
            entries = stored.Body!["entries"]!.GetValue<int>();
            log.WriteLine($"roll of election {electionId}: {entries} entries ({stored.Body["duplicates"]} duplicate and {stored.Body["blank_lines"]} blank lines skipped)");
        }

        using var download = new HttpRequestMessage(HttpMethod.Get, $"api/elections/{electionId}/roll/codes");
        download.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var answer = await http.SendAsync(download, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!answer.IsSuccessStatusCode)
            throw new LoadException($"downloading the codes failed: {(await ApiClient.ReadAsync(answer, ct)).Describe()}");
        var lines = 0;
        await using (var file = new StreamWriter(codes.Open(FileMode.CreateNew, FileAccess.Write)))
        using (var reader = new StreamReader(await answer.Content.ReadAsStreamAsync(ct)))
        {
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                await file.WriteAsync(line + "\n");
                if (++lines % 1000 == 0)
                    progress.Show("codes", lines - 1, entries);
            }
        }
        progress.Show("codes", Math.Max(0, lines - 1), entries);
        progress.Done();
        if (lines - 1 != entries)
            throw new LoadException($"the codes download ended after {Math.Max(0, lines - 1)} of {entries} codes; {codes.FullName} is incomplete. Upload the roll again to void these codes and issue new ones.");
        log.WriteLine($"{entries} enrolment codes written to {codes.FullName}; they cannot be downloaded again: keep the file safe and give each voter their code.");
    }
}
