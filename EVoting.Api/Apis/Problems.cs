using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using EVoting.Api.Outcomes;

namespace EVoting.Api.Apis;

/// <summary>Problem-details results used across the API groups, so every error has the same shape.</summary>
public static class Problems
{
    public static ProblemHttpResult Status(int status, string title, string? detail = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    public static ProblemHttpResult BadRequest(string detail) => Status(StatusCodes.Status400BadRequest, "Bad request", detail);
    public static ProblemHttpResult NotFound(string detail) => Status(StatusCodes.Status404NotFound, "Not found", detail);
    public static ProblemHttpResult Conflict(string detail) => Status(StatusCodes.Status409Conflict, "Conflict", detail);
    public static ProblemHttpResult Unauthorized(string detail) => Status(StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    public static ProblemHttpResult Forbidden(string detail) => Status(StatusCodes.Status403Forbidden, "Forbidden", detail);
    public static ProblemHttpResult Unavailable(string detail) => Status(StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail);

    public static ValidationProblem Invalid(Failure.InvalidFields invalid) =>
        TypedResults.ValidationProblem(invalid.Errors, title: invalid.Detail);

    /// <summary>The problem details of a service's failure (see EVoting.Api/Outcomes/Failure.cs).</summary>
    public static ProblemHttpResult For(Failure failure) => failure switch
    {
        Failure.BadInput f => BadRequest(f.Detail),
        Failure.NotFound f => NotFound(f.Detail),
        Failure.Conflict f => Conflict(f.Detail),
        Failure.NotAuthenticated f => Unauthorized(f.Detail),
        Failure.Forbidden f => Forbidden(f.Detail),
        Failure.TooManyAttempts f => Status(StatusCodes.Status429TooManyRequests, "Too many failed logins", f.Detail),
        Failure.ChainRefused f => Status(StatusCodes.Status502BadGateway, "Rejected by the chain", f.Detail),
        Failure.ChainUnavailable f => Unavailable(f.Detail),
        // Endpoints whose service checks fields answer those with Invalid (a ValidationProblem) before asking here.
        Failure.InvalidFields f => BadRequest(string.Join("; ", f.Errors.Select(e => $"{e.Key} {string.Join(", ", e.Value)}"))),
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "no problem details for this failure"),
    };
}

public static class ProblemMetadata
{
    /// <summary>
    /// Documents the statuses an endpoint answers with problem details (a ProblemHttpResult carries
    /// no status of its own, so the OpenAPI document cannot infer them).
    /// </summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
        return builder;
    }
}
