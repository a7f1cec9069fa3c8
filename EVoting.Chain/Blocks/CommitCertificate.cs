namespace EVoting.Chain;

/// <summary>
/// What makes a block final: precommit signatures of a quorum of distinct validators for
/// (height, Round, block hash). Round is the round of the precommits, which may be later than the
/// round the block was proposed in.
/// </summary>
public sealed record CommitCertificate(int Round, IReadOnlyList<Signature> Precommits);
