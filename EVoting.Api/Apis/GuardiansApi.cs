using EVoting.Api.Elections;
using EVoting.Api.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EVoting.Api.Apis;

/// <summary>
/// The guardians' ceremony relay and partial decryptions (docs/trustees.md "Guardians in the product"). Reading is
/// public; posting needs the guardian's invitation token in the X-Guardian-Token header.
/// </summary>
public static class GuardiansApi
{
    public static IEndpointRouteBuilder MapGuardiansApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/elections/{id:int}").WithTags("Guardians");
        api.MapGet("ceremony", Status).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        api.MapGet("aggregates", Aggregates).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable);
        var guardian = api.MapGroup("").ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        guardian.MapGet("ceremony/me", Me);
        guardian.MapPost("ceremony/commitments", Commitments);
        guardian.MapPost("ceremony/shares", Shares);
        guardian.MapPost("ceremony/verdict", Verdict);
        guardian.MapPost("decryptions", Decryptions).ProducesProblems(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<Results<Ok<CeremonyResponse>, ProblemHttpResult>> Status(int id, GuardianRelay relay, CancellationToken ct) =>
        (await relay.StatusAsync(id, ct)).ToOk();

    public static async Task<Results<Ok<AggregatesResponse>, ProblemHttpResult>> Aggregates(int id, GuardianRelay relay, CancellationToken ct) =>
        (await relay.AggregatesAsync(id, ct)).ToOk();

    public static async Task<Results<Ok<GuardianStatus>, ProblemHttpResult>> Me(
        int id, [FromHeader(Name = GuardianTokens.Header)] string? token, GuardianRelay relay, CancellationToken ct) =>
        (await relay.WhoAmIAsync(id, token, ct)).ToOk();

    public static async Task<Results<Ok<CeremonyResponse>, ProblemHttpResult>> Commitments(
        int id, PostCommitmentsRequest request, [FromHeader(Name = GuardianTokens.Header)] string? token, GuardianRelay relay, CancellationToken ct) =>
        (await relay.PostCommitmentsAsync(id, token, request, ct)).ToOk();

    public static async Task<Results<Ok<CeremonyResponse>, ProblemHttpResult>> Shares(
        int id, PostSharesRequest request, [FromHeader(Name = GuardianTokens.Header)] string? token, GuardianRelay relay, CancellationToken ct) =>
        (await relay.PostSharesAsync(id, token, request, ct)).ToOk();

    public static async Task<Results<Ok<CeremonyResponse>, ProblemHttpResult>> Verdict(
        int id, PostVerdictRequest request, [FromHeader(Name = GuardianTokens.Header)] string? token, GuardianRelay relay, CancellationToken ct) =>
        (await relay.PostVerdictAsync(id, token, request, ct)).ToOk();

    public static async Task<Results<Ok<CeremonyResponse>, ProblemHttpResult>> Decryptions(
        int id, PostDecryptionRequest request, [FromHeader(Name = GuardianTokens.Header)] string? token, GuardianRelay relay, CancellationToken ct) =>
        (await relay.PostDecryptionAsync(id, token, request, ct)).ToOk();
}
