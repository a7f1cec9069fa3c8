namespace EVoting.Chain;

/// <summary>What validators need to check a ballot: the election's public key K (33-byte compressed
/// P-256 point), candidate count k and max selections L, as its election_open transaction declared.</summary>
public sealed record ElectionInfo(ulong Id, byte[] PublicKey, int Candidates, int MaxSelections)
{
    public static ElectionInfo DeclaredBy(Transaction open) =>
        new(open.ElectionId, open.PublicKey, open.Candidates, open.MaxSelections);
}
