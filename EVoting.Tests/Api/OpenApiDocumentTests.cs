using System.Text.Json.Nodes;

namespace EVoting.Tests.Api;

/// <summary>
/// The API's OpenAPI document as its build writes it (EVoting.Api/obj/openapi/openapi.json, the
/// document /openapi/v1.json serves) against the copy the frontend's types are generated from
/// (frontend/lib/api/openapi.json). After changing the API: `cd frontend && npm run gen:api`.
/// </summary>
public class OpenApiDocumentTests
{
    private static readonly string Root = RepositoryRoot.Path;
    private static readonly string Built = Path.Combine(Root, "EVoting.Api", "obj", "openapi", "openapi.json");
    private static readonly string Committed = Path.Combine(Root, "frontend", "lib", "api", "openapi.json");

    [Fact]
    public void The_frontends_copy_is_the_document_the_API_build_writes()
    {
        Assert.True(File.Exists(Built), $"{Built} is missing: the API's build did not write its OpenAPI document.");
        var built = File.ReadAllText(Built).ReplaceLineEndings("\n");
        var committed = File.ReadAllText(Committed).ReplaceLineEndings("\n");
        Assert.True(built == committed,
            "frontend/lib/api/openapi.json differs from the document the API's build writes: run `npm run gen:api` in frontend/ and commit both files it writes.");
    }

    [Fact]
    public void Numbers_are_documented_as_numbers_only()
    {
        var offenders = Nodes(Document()).OfType<JsonObject>()
            .Where(o => o["type"] is JsonArray types && types.Any(t => (string?)t is "integer" or "number") && types.Any(t => (string?)t == "string"))
            .ToList();
        Assert.Empty(offenders);
        Assert.DoesNotContain(Nodes(Document()).OfType<JsonObject>(), o => o.ContainsKey("pattern"));
    }

    [Theory]
    [InlineData("ElectionResponse", "status", new[] { "draft", "open", "closed", "tallied" })]
    [InlineData("ResultsResponse", "status", new[] { "draft", "open", "closed", "tallied" })]
    [InlineData("ReceiptResponse", "status", new[] { "pending", "included", "final", "rejected" })]
    [InlineData("VoterResponse", "role", new[] { "voter", "admin" })]
    public void Statuses_and_roles_are_string_enums(string schema, string property, string[] values)
    {
        var p = Document()["components"]!["schemas"]![schema]!["properties"]![property]!;
        Assert.Equal("string", (string?)p["type"]);
        Assert.Equal(values, p["enum"]!.AsArray().Select(v => (string?)v).ToArray());
    }

    [Theory]
    [InlineData("/api/elections/{id}", "get", "404")]
    [InlineData("/api/elections/{id}/open", "post", "409")]
    [InlineData("/api/elections/{id}/open", "post", "403")]
    [InlineData("/api/votes/submit", "post", "409")]
    [InlineData("/api/votes/receipt/{tx_hash}", "get", "404")]
    [InlineData("/api/blockchain/stats", "get", "503")]
    [InlineData("/api/auth/login", "post", "429")]
    public void Errors_are_documented_as_problem_details(string path, string method, string status)
    {
        var response = Document()["paths"]![path]![method]!["responses"]![status];
        Assert.NotNull(response);
        Assert.Equal("#/components/schemas/ProblemDetails", (string?)response["content"]!["application/problem+json"]!["schema"]!["$ref"]);
    }

    [Fact]
    public void Success_answers_name_their_schema()
    {
        var paths = Document()["paths"]!.AsObject();
        var untyped = paths.SelectMany(p => p.Value!.AsObject().Select(m => (Path: p.Key, Method: m.Key, Op: m.Value!)))
            .Where(x => x.Op["responses"]!.AsObject().Where(r => r.Key is "200" or "201")
                .All(r => r.Value!["content"]?.AsObject().Any(c => c.Value?["schema"] is not null) != true))
            .Select(x => $"{x.Method} {x.Path}")
            .ToList();
        Assert.Empty(untyped);
    }

    private static JsonNode Document() => JsonNode.Parse(File.ReadAllText(Built))!;

    private static IEnumerable<JsonNode> Nodes(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(kv => kv.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
            foreach (var n in Nodes(child))
                yield return n;
    }
}
