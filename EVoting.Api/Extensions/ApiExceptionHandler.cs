using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace EVoting.Api.Extensions;

/// <summary>
/// Turns request errors thrown by model binding (malformed JSON, a string where a number belongs,
/// a body over the size limit) into problem details with the reason and the right status, and
/// anything else into a 500 problem without internals.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, "Request body too large", "The request body exceeds the limit of this endpoint."),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", Describe(bad)),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "The server could not complete the request."),
        };
        if (status >= 500)
            log.LogError(exception, "Unhandled error on {Path}", http.Request.Path);
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private static string Describe(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException { Path: { Length: > 0 } path } json when json.Message.Contains("could not be converted", StringComparison.Ordinal) =>
            $"The JSON body is invalid at {path}: the value has the wrong type or format.",
        JsonException json => $"The JSON body is invalid{(json.Path is { Length: > 0 } p ? $" at {p}" : "")}: {FirstSentence(json.Message)}",
        _ when bad.Message.Contains("no body was provided", StringComparison.Ordinal) => "A JSON request body is required.",
        _ => bad.Message,
    };

    private static string FirstSentence(string s) => s.Split(". Path:")[0].Split('\n')[0].Trim();
}
