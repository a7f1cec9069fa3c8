namespace EVoting.Chain;

/// <summary>
/// A signed transaction. Votes carry the seed's fields (<see cref="Nullifier"/> travels as voter_id,
/// encrypted_vote the ciphertexts, proof the ballot proofs); election events carry the election's
/// public key and shape. Immutable: <see cref="Hash"/> and <see cref="Sender"/> are computed once.
/// </summary>
public sealed record Transaction
{
    public required TxKind Kind { get; init; }
    public required ulong ChainId { get; init; }
    public required ulong ElectionId { get; init; }
    /// <summary>Unix seconds, set by the submitter.</summary>
    public required long Timestamp { get; init; }

    // Vote
    /// <summary>The per-election nullifier, "anon-" + 64 lowercase hex; its wire name is voter_id (docs/wire-format.md#transactions-transactionencoding).</summary>
    public string Nullifier { get; init; } = "";
    public byte[] EncryptedVote { get; init; } = [];
    public Hash32 BallotHash { get; init; } = Hash32.Zero;
    public byte[] Proof { get; init; } = [];

    // ElectionOpen
    public byte[] PublicKey { get; init; } = [];
    public int Candidates { get; init; }
    public int MaxSelections { get; init; }
    /// <summary>
    /// How many voters the election's roll lists, fixed when it opens; null for an election anyone
    /// may vote in (docs/voter-roll.md). Encoded only when present, so an election without a roll
    /// hashes as before.
    /// </summary>
    public ulong? RollSize { get; init; }

    // ElectionOpen's election record (docs/trustees.md "Key ceremony"): all three or none (an older election_open).
    /// <summary>The election's title as the chain fixes it.</summary>
    public string Title { get; init; } = "";
    /// <summary>Candidate names in ballot order: index i of a ballot means CandidateNames[i].</summary>
    public IReadOnlyList<string> CandidateNames { get; init; } = [];
    /// <summary>The ceremony record (docs/trustees.md "JSON forms") as compact JSON; "" when absent.</summary>
    public string Ceremony { get; init; } = "";

    // ElectionTally
    /// <summary>How many valid ballots the tally counted.</summary>
    public int TotalBallots { get; init; }
    /// <summary>The threshold results, one per candidate (docs/trustees.md "JSON forms"), as compact JSON.</summary>
    public string Results { get; init; } = "";

    /// <summary>Whether this election_open carries the title, candidate names and ceremony record.</summary>
    public bool HasElectionRecord => Ceremony.Length > 0;

    public Signature Signature { get; init; }

    // Computed on first use; races only recompute the same value.
    private byte[]? _encoding;
    private Hash32? _hash;
    private Address? _sender;
    private bool _senderKnown;

    public Transaction() { }

    // `with` copies must not inherit the cached values of the original.
    private Transaction(Transaction original)
    {
        Kind = original.Kind;
        ChainId = original.ChainId;
        ElectionId = original.ElectionId;
        Timestamp = original.Timestamp;
        Nullifier = original.Nullifier;
        EncryptedVote = original.EncryptedVote;
        BallotHash = original.BallotHash;
        Proof = original.Proof;
        PublicKey = original.PublicKey;
        Candidates = original.Candidates;
        MaxSelections = original.MaxSelections;
        RollSize = original.RollSize;
        Title = original.Title;
        CandidateNames = original.CandidateNames;
        Ceremony = original.Ceremony;
        TotalBallots = original.TotalBallots;
        Results = original.Results;
        Signature = original.Signature;
    }

    private byte[] Encoding => _encoding ??= TransactionEncoding.Encode(this);

    /// <summary>The canonical bytes the hash covers (signature excluded).</summary>
    public byte[] CanonicalBytes() => (byte[])Encoding.Clone();

    /// <summary>Keccak-256 of the canonical encoding: the transaction hash, known before the chain sees it.</summary>
    public Hash32 Hash => _hash ??= Keccak.Hash32(Encoding);

    /// <summary>The address the signature recovers to, or null when unsigned or invalid.</summary>
    public Address? Sender
    {
        get
        {
            if (!_senderKnown)
            {
                _sender = Signature.IsEmpty ? null : Signature.RecoverSigner(Hash, Signature);
                _senderKnown = true;
            }
            return _sender;
        }
    }

    /// <summary>The sender as recovered earlier by whoever stored this transaction (<see cref="TransactionJson.ParseStored"/>).</summary>
    internal void KnowSender(Address sender)
    {
        _sender = sender;
        _senderKnown = true;
    }

    /// <summary>Size for limits: canonical bytes plus the signature.</summary>
    public int Size => Encoding.Length + Signature.Length;

    /// <summary>
    /// Signed by <paramref name="key"/>, whose address is then the sender: recovering it from the
    /// signature again would cost two scalar multiplications. The encoding and hash do not cover
    /// the signature, so they carry over.
    /// </summary>
    public Transaction Sign(EthKey key)
    {
        var signed = this with { Signature = key.Sign(Hash) };
        signed._encoding = _encoding;
        signed._hash = _hash;
        signed.KnowSender(key.Address);
        return signed;
    }

    public bool Equals(Transaction? other) =>
        other is not null && Hash == other.Hash && Signature == other.Signature;

    public override int GetHashCode() => Hash.GetHashCode();
}
