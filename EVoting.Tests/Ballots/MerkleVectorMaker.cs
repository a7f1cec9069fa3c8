using System.Text.Json.Nodes;
using EVoting.Chain;

namespace EVoting.Tests.Ballots;

/// <summary>Inclusion proofs from the chain's own MerkleTree, for the browser's verifyMerkleProof.</summary>
internal static class MerkleVectorMaker
{
    public static JsonObject File()
    {
        var cases = new JsonArray();
        foreach (var count in new[] { 1, 2, 3, 5, 8, 11 })
        {
            var leaves = Enumerable.Range(0, count).Select(i => Keccak.Hash32(BitConverter.GetBytes(count * 100 + i))).ToArray();
            var root = MerkleTree.Root(leaves);
            for (var index = 0; index < count; index++)
            {
                cases.Add(new JsonObject
                {
                    ["tx_hash"] = leaves[index].ToString(),
                    ["index"] = index,
                    ["count"] = count,
                    ["proof"] = new JsonArray(MerkleTree.Proof(leaves, index).Select(h => (JsonNode)JsonValue.Create(h.ToString())).ToArray()),
                    ["root"] = root.ToString(),
                });
            }
        }
        return new JsonObject
        {
            ["description"] = "Transaction inclusion proofs made by EVoting.Chain.MerkleTree; every one must verify.",
            ["cases"] = cases,
        };
    }
}
