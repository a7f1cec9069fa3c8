using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace EVoting.Ballots.Trustees;

/// <summary>
/// g guardians (indices 1..g) and the quorum q of them that can decrypt together, for one election, and the
/// ceremony hash H_P every ceremony proof and share key starts from (docs/trustees.md "Parameters").
/// </summary>
public sealed class CeremonyParameters
{
    public const int MaxGuardians = 255;

    private static readonly byte[] Tag = Encoding.ASCII.GetBytes("EVOTE-V1-CEREMONY");

    public CeremonyParameters(ulong electionId, int guardians, int quorum)
    {
        if (quorum < 1 || quorum > guardians || guardians > MaxGuardians)
            throw new ArgumentException(TrusteeErrors.BadParameters);
        ElectionId = electionId;
        Guardians = guardians;
        Quorum = quorum;
        var buffer = new byte[Tag.Length + 8 + 4 + 4];
        Tag.CopyTo(buffer, 0);
        BinaryPrimitives.WriteUInt64BigEndian(buffer.AsSpan(Tag.Length), electionId);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(Tag.Length + 8), (uint)guardians);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(Tag.Length + 12), (uint)quorum);
        Hash = SHA256.HashData(buffer);
    }

    public ulong ElectionId { get; }

    public int Guardians { get; }

    public int Quorum { get; }

    /// <summary>H_P = SHA-256("EVOTE-V1-CEREMONY" ‖ u64be(election_id) ‖ u32be(g) ‖ u32be(q)).</summary>
    public byte[] Hash { get; }

    public bool IsGuardian(int index) => index >= 1 && index <= Guardians;
}
