namespace EVoting.Chain;

/// <summary>Every reason a transaction or block is rejected, in one place (tests match on these).</summary>
public static class ValidationErrors
{
    // Transactions
    public const string TxWrongChain = "transaction is for another chain id";
    public const string TxTooLarge = "transaction exceeds max_tx_bytes";
    public const string TxBadSignature = "transaction signature does not recover";
    public const string TxUnauthorizedSubmitter = "transaction signer is not an authorized submitter";
    public const string TxDuplicate = "transaction is already on chain or pending";
    public const string TxZeroElection = "election id 0 is reserved";
    public const string ElectionUnknown = "election is not open on chain";
    public const string ElectionClosed = "election is closed";
    public const string ElectionExists = "election id is already in use";
    public const string ElectionBadPublicKey = "election public key must be a 33-byte compressed point";
    public const string ElectionBadShape = "candidates must be in [1, 64] and max_selections in [1, candidates]";
    public const string ElectionBadRecord = "election_open must carry a title (1-200 characters) and one name (1-200 characters) per candidate with its ceremony";
    public const string ElectionCeremonyMismatch = "election_open's ceremony record is not for this election id and public key, or its guardians and quorum are out of bounds";
    public const string ElectionNotClosed = "election is not closed on chain";
    public const string ElectionTallied = "election already has a tally on chain";
    public const string TallyBadShape = "election_tally must carry one result object per candidate";
    public const string VoteBadNullifier = "voter_id must be 'anon-' followed by 64 lowercase hex digits";
    public const string VoteDuplicateNullifier = "duplicate nullifier: this voter already voted in this election";
    public const string VoteDuplicateBallotHash = "duplicate ballot hash in this election";
    public const string VoteInvalidBallot = "invalid ballot";

    // Blocks
    public const string BlockWrongChain = "block is for another chain id";
    public const string BlockHashMismatch = "block hash does not recompute from the header";
    public const string BlockNotNext = "block index is not head + 1";
    public const string BlockPrevHashMismatch = "prev_hash is not the head's hash";
    public const string BlockUnknownProposer = "proposer is not in the genesis validator set";
    public const string BlockWrongProposer = "proposer is not the scheduled proposer for (height, round)";
    public const string BlockBadSignature = "block signature does not recover to the proposer";
    public const string BlockTimestampNotAfterParent = "timestamp is not after the parent's";
    public const string BlockTimestampInFuture = "timestamp is too far in the future";
    public const string BlockTxCountMismatch = "tx count in the header does not match the transactions";
    public const string BlockRootMismatch = "transactions root does not match the transactions";
    public const string BlockTooManyTransactions = "block exceeds max_txs_per_block";
    public const string BlockTooLarge = "block exceeds max_block_bytes";
    public const string BlockInvalidTransaction = "block contains an invalid transaction";
    public const string BlockNotGenesis = "block 0 is not this network's genesis";

    // Commit certificates
    public const string CommitMissing = "block has no commit certificate";
    public const string CommitBadSignature = "a precommit signature does not recover to a validator";
    public const string CommitDuplicateSigner = "a validator signed the certificate twice";
    public const string CommitNoQuorum = "commit certificate lacks a quorum of distinct validators";
}
