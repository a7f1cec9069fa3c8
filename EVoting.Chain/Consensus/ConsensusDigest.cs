namespace EVoting.Chain;

/// <summary>
/// The digests validators sign in consensus. Each carries the chain id and a domain string, so a
/// signature can never be replayed as another kind of message or on another network.
/// </summary>
public static class ConsensusDigest
{
    /// <summary>"EVOTE-VOTE-V1" ‖ u64 chain_id ‖ u8 type ‖ u64 height ‖ u32 round ‖ u8 has_block ‖ block_hash[32] (zeros for nil).</summary>
    public static Hash32 Vote(ulong chainId, VoteType type, ulong height, int round, Hash32? blockHash) =>
        Keccak.Hash32(new CanonicalWriter("EVOTE-VOTE-V1")
            .U64(chainId)
            .U8((byte)type)
            .U64(height)
            .U32((uint)round)
            .U8(blockHash.HasValue ? (byte)1 : (byte)0)
            .Raw((blockHash ?? Hash32.Zero).Span)
            .ToArray());

    /// <summary>"EVOTE-PROPOSAL-V1" ‖ u64 chain_id ‖ u64 height ‖ u32 round ‖ i32 pol_round ‖ block_hash[32].</summary>
    public static Hash32 Proposal(ulong chainId, ulong height, int round, int polRound, Hash32 blockHash) =>
        Keccak.Hash32(new CanonicalWriter("EVOTE-PROPOSAL-V1")
            .U64(chainId)
            .U64(height)
            .U32((uint)round)
            .I32(polRound)
            .Raw(blockHash.Span)
            .ToArray());
}
