using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EVoting.Api.Extensions;

/// <summary>
/// Makes the OpenAPI document say what the API sends, so the frontend's generated types are exact.
/// </summary>
public static class OpenApiSchemas
{
    public static OpenApiOptions DescribeWhatTheApiSends(this OpenApiOptions options)
    {
        options.AddSchemaTransformer((schema, context, _) =>
        {
            NumbersAsNumbers(schema);
            AllowedValuesAsEnum(schema, context);
            return Task.CompletedTask;
        });
        return options;
    }

    /// <summary>
    /// The web serializer defaults accept "5" for 5 when reading, so numbers are documented as
    /// "integer or string matching a number"; the API only ever writes numbers, and a client sends
    /// numbers too.
    /// </summary>
    private static void NumbersAsNumbers(OpenApiSchema schema)
    {
        if (schema.Type is not { } type || (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) == 0)
            return;
        schema.Type = type & ~JsonSchemaType.String;
        schema.Pattern = null; // the pattern of a number written as a string
    }

    /// <summary>
    /// Statuses and roles are strings from a fixed set (<see cref="Data.ElectionStatus"/>, ...);
    /// a DTO names the set with [AllowedValues], which the document turns into a string enum.
    /// </summary>
    private static void AllowedValuesAsEnum(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        var allowed = context.JsonPropertyInfo?.AttributeProvider?
            .GetCustomAttributes(typeof(AllowedValuesAttribute), inherit: false).OfType<AllowedValuesAttribute>().FirstOrDefault();
        if (allowed is null)
            return;
        var values = allowed.Values.Select(v => (JsonNode)JsonValue.Create(v?.ToString() ?? "")).ToList();
        // A nullable property: null is one of its values (JSON Schema's enum constrains the type too).
        if (schema.Type is { } type && (type & JsonSchemaType.Null) != 0)
            values.Add(null!);
        schema.Enum = values;
    }
}
