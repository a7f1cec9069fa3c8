using System.CommandLine;
using EVoting.Cli.Load;
using EVoting.Cli.Roll;

namespace EVoting.Cli.Commands;

/// <summary>`evoting roll upload`: the official uploads an election's voter roll and keeps its enrolment codes (docs/voter-roll.md).</summary>
public static class RollCommand
{
    public static Command Create()
    {
        var api = new Option<string>("--api") { Description = "Base URL of the EVoting API", Required = true };
        var election = new Option<long>("--election") { Description = "The election's id (a draft election with eligibility \"roll\")", Required = true };
        var file = new Option<FileInfo>("--file") { Description = "The roll: one voter identifier (e-mail address, registry number) per line", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the codes (identifier,code per line); must not exist yet", Required = true };
        var admin = new AdminCredentials();
        var upload = new Command("upload", "Upload a roll (streamed, with a progress bar) and download its enrolment codes, which are issued once")
        {
            api, election, file, output, admin.Email, admin.Password,
        };
        upload.SetAction(async (parse, ct) =>
        {
            var config = parse.InvocationConfiguration;
            var (roll, codes) = (parse.GetValue(file)!, parse.GetValue(output)!);
            string? problem = null;
            if (!HttpUrl.TryParse(parse.GetValue(api), out var apiUrl)) problem = "--api must be an absolute http(s) URL";
            else if (parse.GetValue(election) < 1) problem = "--election must be an election id (1 or more)";
            else if (!roll.Exists) problem = $"--file {roll.FullName} does not exist";
            else if (codes.Exists) problem = $"--out {codes.FullName} exists: the codes are issued once, so they are never written over another file";
            else if (!admin.TryRead(parse, out _, out _)) problem = AdminCredentials.Missing;
            if (problem is not null)
            {
                await config.Error.WriteLineAsync("roll upload: " + problem);
                return CliApp.UsageError;
            }
            admin.TryRead(parse, out var email, out var password);
            using var http = new HttpClient { BaseAddress = HttpUrl.AsBase(apiUrl), Timeout = TimeSpan.FromMinutes(30) };
            var progress = new ProgressBar(config.Error, enabled: !Console.IsErrorRedirected);
            try
            {
                await new RollUpload(http, new ApiClient(http), progress, config.Output).RunAsync(email, password, parse.GetValue(election), roll, codes, ct);
                return 0;
            }
            catch (Exception e) when (e is LoadException or HttpRequestException or IOException)
            {
                await config.Error.WriteLineAsync("roll upload failed: " + e.Message);
                return 1;
            }
        });
        return new Command("roll", "Voter rolls and enrolment codes") { upload };
    }
}
