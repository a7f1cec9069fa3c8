namespace EVoting.Api.Data;

public static class Roles
{
    public const string Voter = "voter";
    public const string Admin = "admin";
}

public sealed class Voter
{
    public int Id { get; set; }
    public required string Email { get; set; }
    public required string PasswordHash { get; set; }
    public required string FullName { get; set; }
    public required string Role { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A row of table election (named apart from EVoting.Ballots.Election, what ballots are checked against).</summary>
public sealed class ElectionRecord
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public ElectionStatus Status { get; set; } = ElectionStatus.Draft;
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    /// <summary>K, 33-byte compressed P-256 point, lowercase hex.</summary>
    public required string PublicKey { get; set; }
    /// <summary>The secret s sealed with AES-GCM (see SecretSealer); never stored in clear.</summary>
    public required byte[] EncryptedSecretKey { get; set; }
    /// <summary>H_E, lowercase hex.</summary>
    public required string ElectionHash { get; set; }
    public int MaxSelections { get; set; } = 1;
    public DateTime CreatedAt { get; set; }
    public DateTime? OpenedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    /// <summary>Who may vote: <see cref="Elections.Eligibility.Roll"/> or <see cref="Elections.Eligibility.Open"/> (docs/voter-roll.md).</summary>
    public string Eligibility { get; set; } = Elections.Eligibility.Roll;
    /// <summary>Entries of the uploaded roll (0 before an upload); the roll_size election_open fixes on chain.</summary>
    public int RollEntries { get; set; }
    /// <summary>When the enrolment codes were issued (downloaded); null until then. They are issued once.</summary>
    public DateTime? RollCodesIssuedAt { get; set; }
    /// <summary>When the issued codes stop being accepted.</summary>
    public DateTime? RollCodesExpireAt { get; set; }
    public List<Candidate> Candidates { get; set; } = [];
    /// <summary>
    /// g and q of the key ceremony (docs/trustees.md); 1 and 1 when the server is the one trustee. g counts the guardians
    /// of the current round: an upheld complaint removes one and restarts the ceremony with g − 1.
    /// </summary>
    public int Guardians { get; set; } = 1;
    public int Quorum { get; set; } = 1;

    /// <summary>
    /// Whether the guardians are people outside the API (<see cref="ElectionGuardian"/>): then the API never holds s,
    /// <see cref="EncryptedSecretKey"/> is empty, and K and H_E are set when the ceremony completes.
    /// </summary>
    public bool ExternalGuardians { get; set; }

    /// <summary>
    /// The complaints the guardians' relay judged, a JSON array of <see cref="Elections.JudgedComplaint"/> in the order
    /// they came (null: none). It also fixes the ceremony's round: 1 + the complaints that restarted it
    /// (docs/trustees.md "A complaint").
    /// </summary>
    public string? CeremonyComplaints { get; set; }

    /// <summary>The guardians when <see cref="ExternalGuardians"/>; loaded only where asked for (IGuardianStore).</summary>
    public List<ElectionGuardian> GuardianRows { get; set; } = [];
}

/// <summary>
/// One guardian of an election with external guardians and the public messages it posted through the API's relay
/// (docs/trustees.md "Guardians in the product"): JSON in the forms of docs/trustees.md, null until posted.
/// </summary>
public sealed class ElectionGuardian
{
    public int Id { get; set; }
    public int ElectionId { get; set; }
    /// <summary>
    /// ℓ, 1..g of the current round, in the order the official listed the guardians. A guardian removed by an upheld
    /// complaint in round r keeps its row (so that its token gets a clear refusal) with index −r, outside 1..g and unique
    /// because a round removes at most one guardian; the guardians after it move down by one (docs/trustees.md
    /// "A complaint").
    /// </summary>
    public int Index { get; set; }
    public required string Name { get; set; }
    public string Email { get; set; } = "";
    /// <summary>SHA-256 (lowercase hex) of the guardian's invitation token, which is shown once at creation.</summary>
    public required string TokenHash { get; set; }
    /// <summary>JSON array of q {commitment, c, v}.</summary>
    public string? Commitments { get; set; }
    /// <summary>JSON array of the g − 1 encrypted shares this guardian sent, {from, to, r, ciphertext}.</summary>
    public string? Shares { get; set; }
    /// <summary>"accepted" once every share it received matched (complaints are kept on the election, <see cref="ElectionRecord.CeremonyComplaints"/>).</summary>
    public string? Verdict { get; set; }
    /// <summary>JSON array of this guardian's partial decryptions, one per candidate, {guardian, m, c, v}.</summary>
    public string? Decryption { get; set; }
    public DateTime? JoinedAt { get; set; }
}

/// <summary>
/// One line of an election's voter roll: the official's identifier for the voter, the SHA-256 of the
/// enrolment code issued for it (null until the codes are issued) and the account that used the code.
/// </summary>
public sealed class RollEntry
{
    public long Id { get; set; }
    public int ElectionId { get; set; }
    public required string Identifier { get; set; }
    public byte[]? CodeHash { get; set; }
    public int? VoterId { get; set; }
    public DateTime? EnrolledAt { get; set; }
}

public sealed class Candidate
{
    public int Id { get; set; }
    public int ElectionId { get; set; }
    /// <summary>1-based index i of the candidate in the ballot.</summary>
    public int Position { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
}

/// <summary>The outbox: one row per accepted vote, resent until final.</summary>
public sealed class VoteTransaction
{
    public int Id { get; set; }
    public int VoterId { get; set; }
    public int ElectionId { get; set; }
    public required string TxHash { get; set; }
    public long? BlockNumber { get; set; }
    public string? BlockHash { get; set; }
    public int? TxIndex { get; set; }
    public required string BallotHash { get; set; }
    public TxStatus Status { get; set; } = TxStatus.Pending;
    /// <summary>The signed transaction JSON exactly as sent to validators (retries resend these bytes).</summary>
    public required string Payload { get; set; }
    public DateTime SubmittedAt { get; set; }
    public string? AcceptedBy { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTime? FinalizedAt { get; set; }
    /// <summary>
    /// The W3C traceparent (and tracestate) of the submit request, so every later send of this row
    /// continues the vote's one trace. Null when no trace context was stored: such a row starts its own trace.
    /// </summary>
    public string? TraceParent { get; set; }
    public string? TraceState { get; set; }
}

public static class ChainEventKind
{
    public const string Open = "election_open";
    public const string Close = "election_close";
    public const string Tally = "election_tally";
}

/// <summary>An election_open / election_close transaction the API sent (an outbox row like votes).</summary>
public sealed class ElectionEvent
{
    public int Id { get; set; }
    public int ElectionId { get; set; }
    public required string Kind { get; set; }
    public required string TxHash { get; set; }
    public required string Payload { get; set; }
    public TxStatus Status { get; set; } = TxStatus.Pending;
    public long? BlockNumber { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? AcceptedBy { get; set; }
    public string? LastError { get; set; }
    public DateTime? FinalizedAt { get; set; }
}

/// <summary>A row of table validator_nodes: a validator the health check has seen (not the validator's own node).</summary>
public sealed class ValidatorRecord
{
    public int Id { get; set; }
    public required string NodeId { get; set; }
    public string Address { get; set; } = "";
    public required string Endpoint { get; set; }
    public bool Active { get; set; } = true;
    public DateTime RegisteredAt { get; set; }
    public DateTime? LastHeartbeat { get; set; }
}

public sealed class TallyResult
{
    public int ElectionId { get; set; }
    public int TotalBallots { get; set; }
    /// <summary>JSON array of per-candidate counts in candidate order.</summary>
    public required string Counts { get; set; }
    /// <summary>JSON array of {alpha, beta} aggregate ciphertexts.</summary>
    public required string Aggregate { get; set; }
    /// <summary>JSON array of {d, c, v} Chaum-Pedersen decryption proofs.</summary>
    public required string DecryptionProofs { get; set; }
    public DateTime ComputedAt { get; set; }
}

/// <summary>
/// A ballot a voter challenged instead of casting (docs/trustees.md#ballot-challenge): public, with its nonces and
/// selections. Deliberately no voter id: the selections are usually the voter's real choice.
/// </summary>
public sealed class SpoiledBallot
{
    public int Id { get; set; }
    public int ElectionId { get; set; }
    /// <summary>The ballot's tracking code (lowercase hex): a vote with the same code is refused, and the other way round.</summary>
    public required string BallotHash { get; set; }
    /// <summary>The challenged ballot JSON of docs/trustees.md#json-forms, as EVoting.Ballots writes it.</summary>
    public required string Json { get; set; }
    public DateTime PostedAt { get; set; }
}
