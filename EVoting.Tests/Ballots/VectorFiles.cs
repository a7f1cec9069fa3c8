using System.Text.Json;
using System.Text.Json.Nodes;

namespace EVoting.Tests.Ballots;

/// <summary>Where the shared vectors live (testdata/ballots at the repository root) and how they are written.</summary>
internal static class VectorFiles
{
    public static string Directory { get; } = Path.Combine(RepositoryRoot.Path, "testdata", "ballots");

    /// <summary>Set EVOTING_WRITE_VECTORS=1 to regenerate the C#-made vector files (see testdata/ballots/README.md).</summary>
    public static bool Writing => Environment.GetEnvironmentVariable("EVOTING_WRITE_VECTORS") == "1";

    public static JsonObject Read(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, name)))!.AsObject();

    public static string Serialize(JsonNode node) =>
        node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    public static void Write(string name, JsonNode node) =>
        File.WriteAllText(Path.Combine(Directory, name), Serialize(node));
}
