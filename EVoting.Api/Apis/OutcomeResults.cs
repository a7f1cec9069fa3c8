using EVoting.Api.Outcomes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EVoting.Api.Apis;

/// <summary>A service's <see cref="Outcome{T}"/> as the typed HTTP result its endpoint declares.</summary>
public static class OutcomeResults
{
    public static Results<Ok<T>, ProblemHttpResult> ToOk<T>(this Outcome<T> outcome) where T : class =>
        outcome.Failure is { } failure ? Problems.For(failure) : TypedResults.Ok(outcome.Value!);

    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> ToOkOrInvalid<T>(this Outcome<T> outcome) where T : class =>
        outcome.Failure switch
        {
            Failure.InvalidFields invalid => Problems.Invalid(invalid),
            { } failure => Problems.For(failure),
            null => TypedResults.Ok(outcome.Value!),
        };

    public static Results<Created<T>, ValidationProblem, ProblemHttpResult> ToCreated<T>(this Outcome<T> outcome, Func<T, string> location)
        where T : class =>
        outcome.Failure switch
        {
            Failure.InvalidFields invalid => Problems.Invalid(invalid),
            { } failure => Problems.For(failure),
            null => TypedResults.Created(location(outcome.Value!), outcome.Value!),
        };
}
