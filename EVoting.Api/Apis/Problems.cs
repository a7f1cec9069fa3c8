using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

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
    public static ProblemHttpResult Unavailable(string detail) => Status(StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail);

    public static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "One or more fields are invalid");
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

/// <summary>Collects field errors in snake_case field names.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new();

    public bool Any => _errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
            _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public FieldErrors Required(string field, object? value)
    {
        if (value is null || value is string s && string.IsNullOrWhiteSpace(s))
            Add(field, "is required");
        return this;
    }

    public FieldErrors MaxLength(string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
            Add(field, $"must be at most {max} characters");
        return this;
    }

    public ValidationProblem ToProblem() => Problems.Invalid(_errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()));
}
