using System.Text.Json.Nodes;
using Xunit;

namespace EVoting.Tests.Ballots.Trustees;

/// <summary>Where the trustee vectors live (testdata/trustees); written like the ballot vectors (EVOTING_WRITE_VECTORS=1).</summary>
internal static class TrusteeVectorFiles
{
    public static string Directory { get; } = Path.Combine(RepositoryRoot.Path, "testdata", "trustees");

    public static JsonObject Read(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, name)))!.AsObject();

    /// <summary>In writing mode writes the file; then the committed file must equal the generated one byte for byte.</summary>
    public static void CheckOrWrite(string name, JsonObject generated)
    {
        var path = Path.Combine(Directory, name);
        if (VectorFiles.Writing)
            File.WriteAllText(path, VectorFiles.Serialize(generated));
        Assert.Equal(File.ReadAllText(path), VectorFiles.Serialize(generated));
    }
}
