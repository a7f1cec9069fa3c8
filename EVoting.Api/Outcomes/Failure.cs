namespace EVoting.Api.Outcomes;

/// <summary>
/// Why a service did not do what it was asked, in the service's terms. The endpoint groups
/// (EVoting.Api/Apis) turn each kind into its status code and problem details.
/// </summary>
public abstract record Failure(string Detail)
{
    /// <summary>Fields of the request are missing or out of range; keyed by snake_case field name.</summary>
    public sealed record InvalidFields(IReadOnlyDictionary<string, string[]> Errors) : Failure("One or more fields are invalid");

    /// <summary>The input is well-formed JSON but not an acceptable value (a malformed ballot, a bad hash).</summary>
    public sealed record BadInput(string Detail) : Failure(Detail);

    public sealed record NotFound(string Detail) : Failure(Detail);

    /// <summary>The request is valid but conflicts with the state (a second vote, an election not open).</summary>
    public sealed record Conflict(string Detail) : Failure(Detail);

    /// <summary>The caller is not (or no longer) who the request needs.</summary>
    public sealed record NotAuthenticated(string Detail) : Failure(Detail);

    /// <summary>The caller is known but may not do this (voting in an election whose roll does not list them).</summary>
    public sealed record Forbidden(string Detail) : Failure(Detail);

    /// <summary>Too many failed attempts; the caller may try again after <paramref name="RetryAfter"/>.</summary>
    public sealed record TooManyAttempts(TimeSpan RetryAfter, string Detail) : Failure(Detail);

    /// <summary>The validators refused a transaction the API built.</summary>
    public sealed record ChainRefused(string Detail) : Failure(Detail);

    /// <summary>The chain could not be read or written now; the same request may succeed later.</summary>
    public sealed record ChainUnavailable(string Detail) : Failure(Detail);
}
