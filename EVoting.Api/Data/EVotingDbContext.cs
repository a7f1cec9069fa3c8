using EVoting.Api.Roll;
using Microsoft.EntityFrameworkCore;

namespace EVoting.Api.Data;

public sealed class EVotingDbContext(DbContextOptions<EVotingDbContext> options) : DbContext(options)
{
    public DbSet<Voter> Voters => Set<Voter>();
    public DbSet<ElectionRecord> Elections => Set<ElectionRecord>();
    public DbSet<Candidate> Candidates => Set<Candidate>();
    public DbSet<VoteTransaction> VoteTransactions => Set<VoteTransaction>();
    public DbSet<ElectionEvent> ElectionEvents => Set<ElectionEvent>();
    public DbSet<ValidatorRecord> Validators => Set<ValidatorRecord>();
    public DbSet<TallyResult> TallyResults => Set<TallyResult>();
    public DbSet<RollEntry> RollEntries => Set<RollEntry>();
    public DbSet<ElectionGuardian> ElectionGuardians => Set<ElectionGuardian>();
    public DbSet<SpoiledBallot> SpoiledBallots => Set<SpoiledBallot>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Voter>(e =>
        {
            e.ToTable("voter");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Email).HasColumnName("email").HasMaxLength(254);
            e.HasIndex(x => x.Email).IsUnique();
            e.Property(x => x.PasswordHash).HasColumnName("password_hash").HasMaxLength(256);
            e.Property(x => x.FullName).HasColumnName("full_name").HasMaxLength(200);
            e.Property(x => x.Role).HasColumnName("role").HasMaxLength(16);
            e.Property(x => x.CreatedAt).HasColumnName("created");
        });

        b.Entity<ElectionRecord>(e =>
        {
            e.ToTable("election");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Title).HasColumnName("title").HasMaxLength(200);
            e.Property(x => x.Description).HasColumnName("description").HasMaxLength(4000);
            e.Property(x => x.Status).HasColumnName("status").HasMaxLength(16)
                .HasConversion(v => v.Text(), v => ElectionStatusText.Parse(v));
            e.Property(x => x.StartsAt).HasColumnName("starts_at");
            e.Property(x => x.EndsAt).HasColumnName("ends_at");
            e.Property(x => x.PublicKey).HasColumnName("public_key").HasMaxLength(66);
            e.Property(x => x.EncryptedSecretKey).HasColumnName("encrypted_secret_key").HasMaxLength(128);
            e.Property(x => x.ElectionHash).HasColumnName("election_hash").HasMaxLength(64);
            e.Property(x => x.MaxSelections).HasColumnName("max_selections");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.OpenedAt).HasColumnName("opened_at");
            e.Property(x => x.ClosedAt).HasColumnName("closed_at");
            e.Property(x => x.Eligibility).HasColumnName("eligibility").HasMaxLength(8);
            e.Property(x => x.RollEntries).HasColumnName("roll_entries");
            e.Property(x => x.RollCodesIssuedAt).HasColumnName("roll_codes_issued_at");
            e.Property(x => x.RollCodesExpireAt).HasColumnName("roll_codes_expire_at");
            e.Property(x => x.Guardians).HasColumnName("guardians").HasDefaultValue(1);
            e.Property(x => x.Quorum).HasColumnName("quorum").HasDefaultValue(1);
            e.Property(x => x.ExternalGuardians).HasColumnName("external_guardians").HasDefaultValue(false);
            e.Property(x => x.CeremonyComplaints).HasColumnName("ceremony_complaints").HasColumnType("longtext");
            e.HasMany(x => x.Candidates).WithOne().HasForeignKey(c => c.ElectionId);
            e.HasMany(x => x.GuardianRows).WithOne().HasForeignKey(g => g.ElectionId);
        });

        b.Entity<ElectionGuardian>(e =>
        {
            e.ToTable("election_guardian");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.ElectionId).HasColumnName("election_id");
            e.Property(x => x.Index).HasColumnName("guardian_index");
            e.HasIndex(x => new { x.ElectionId, x.Index }).IsUnique();
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200);
            e.Property(x => x.Email).HasColumnName("email").HasMaxLength(254);
            e.Property(x => x.TokenHash).HasColumnName("token_hash").HasMaxLength(64);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.Property(x => x.Commitments).HasColumnName("commitments").HasColumnType("longtext");
            e.Property(x => x.Shares).HasColumnName("shares").HasColumnType("longtext");
            e.Property(x => x.Verdict).HasColumnName("verdict").HasMaxLength(16);
            e.Property(x => x.Decryption).HasColumnName("decryption").HasColumnType("longtext");
            e.Property(x => x.JoinedAt).HasColumnName("joined_at");
        });

        b.Entity<RollEntry>(e =>
        {
            e.ToTable("roll_entry");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.ElectionId).HasColumnName("election_id");
            e.Property(x => x.Identifier).HasColumnName("identifier").HasMaxLength(RollLimits.MaxIdentifierLength).UseCollation("utf8mb4_bin");
            e.Property(x => x.CodeHash).HasColumnName("code_hash").HasColumnType("binary(32)");
            e.Property(x => x.VoterId).HasColumnName("voter_id");
            e.Property(x => x.EnrolledAt).HasColumnName("enrolled_at");
            // Duplicates in an upload are dropped by this index (INSERT IGNORE); identifiers arrive lowercased and compare byte for byte.
            e.HasIndex(x => new { x.ElectionId, x.Identifier }).IsUnique();
            e.HasIndex(x => x.CodeHash).IsUnique();
            // One entry per account and election; MariaDB allows many NULLs (entries nobody used yet).
            e.HasIndex(x => new { x.ElectionId, x.VoterId }).IsUnique();
            e.HasOne<ElectionRecord>().WithMany().HasForeignKey(x => x.ElectionId);
            e.HasOne<Voter>().WithMany().HasForeignKey(x => x.VoterId);
        });

        b.Entity<Candidate>(e =>
        {
            e.ToTable("candidate");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.ElectionId).HasColumnName("election_id");
            e.Property(x => x.Position).HasColumnName("position");
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200);
            e.Property(x => x.Description).HasColumnName("description").HasMaxLength(2000);
            e.HasIndex(x => new { x.ElectionId, x.Position }).IsUnique();
        });

        b.Entity<VoteTransaction>(e =>
        {
            e.ToTable("vote_transactions");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.VoterId).HasColumnName("voter_id");
            e.Property(x => x.ElectionId).HasColumnName("election_id");
            e.Property(x => x.TxHash).HasColumnName("tx_hash").HasMaxLength(66);
            e.HasIndex(x => x.TxHash).IsUnique();
            e.HasIndex(x => new { x.VoterId, x.ElectionId }).IsUnique();
            e.HasIndex(x => x.Status);
            // A spoiled ballot is refused when a vote with its tracking code exists (EfSpoiledBallotStore).
            e.HasIndex(x => new { x.ElectionId, x.BallotHash });
            e.Property(x => x.BlockNumber).HasColumnName("block_number");
            e.Property(x => x.BlockHash).HasColumnName("block_hash").HasMaxLength(66);
            e.Property(x => x.TxIndex).HasColumnName("tx_index");
            e.Property(x => x.BallotHash).HasColumnName("ballot_hash").HasMaxLength(64);
            e.Property(x => x.Status).HasColumnName("status").HasMaxLength(16)
                .HasConversion(v => v.Text(), v => TxStatusText.Parse(v));
            e.Property(x => x.Payload).HasColumnName("tx_payload").HasColumnType("longtext");
            e.Property(x => x.SubmittedAt).HasColumnName("submitted_at");
            e.Property(x => x.AcceptedBy).HasColumnName("accepted_by").HasMaxLength(256);
            e.Property(x => x.Attempts).HasColumnName("attempts");
            e.Property(x => x.LastError).HasColumnName("last_error").HasMaxLength(1000);
            e.Property(x => x.FinalizedAt).HasColumnName("finalized_at");
            e.Property(x => x.TraceParent).HasColumnName("traceparent").HasMaxLength(128);
            e.Property(x => x.TraceState).HasColumnName("tracestate").HasMaxLength(512);
            e.HasOne<Voter>().WithMany().HasForeignKey(x => x.VoterId);
            e.HasOne<ElectionRecord>().WithMany().HasForeignKey(x => x.ElectionId);
        });

        b.Entity<ElectionEvent>(e =>
        {
            e.ToTable("election_events");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.ElectionId).HasColumnName("election_id");
            e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(32);
            e.HasIndex(x => new { x.ElectionId, x.Kind }).IsUnique();
            e.Property(x => x.TxHash).HasColumnName("tx_hash").HasMaxLength(66);
            e.HasIndex(x => x.TxHash).IsUnique();
            e.Property(x => x.Payload).HasColumnName("tx_payload").HasColumnType("longtext");
            e.Property(x => x.Status).HasColumnName("status").HasMaxLength(16)
                .HasConversion(v => v.Text(), v => TxStatusText.Parse(v));
            e.Property(x => x.BlockNumber).HasColumnName("block_number");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.AcceptedBy).HasColumnName("accepted_by").HasMaxLength(256);
            e.Property(x => x.LastError).HasColumnName("last_error").HasMaxLength(1000);
            e.Property(x => x.FinalizedAt).HasColumnName("finalized_at");
            e.HasOne<ElectionRecord>().WithMany().HasForeignKey(x => x.ElectionId);
        });

        b.Entity<ValidatorRecord>(e =>
        {
            e.ToTable("validator_nodes");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.NodeId).HasColumnName("node_id").HasMaxLength(64);
            e.HasIndex(x => x.NodeId).IsUnique();
            e.Property(x => x.Address).HasColumnName("address").HasMaxLength(42);
            e.Property(x => x.Endpoint).HasColumnName("endpoint").HasMaxLength(256);
            e.Property(x => x.Active).HasColumnName("active");
            e.Property(x => x.RegisteredAt).HasColumnName("registered_at");
            e.Property(x => x.LastHeartbeat).HasColumnName("last_heartbeat");
        });

        b.Entity<TallyResult>(e =>
        {
            e.ToTable("tally_result");
            e.HasKey(x => x.ElectionId);
            e.Property(x => x.ElectionId).HasColumnName("election_id").ValueGeneratedNever();
            e.Property(x => x.TotalBallots).HasColumnName("total_ballots");
            e.Property(x => x.Counts).HasColumnName("counts").HasColumnType("longtext");
            e.Property(x => x.Aggregate).HasColumnName("aggregate_ciphertexts").HasColumnType("longtext");
            e.Property(x => x.DecryptionProofs).HasColumnName("decryption_proofs").HasColumnType("longtext");
            e.Property(x => x.ComputedAt).HasColumnName("computed_at");
            e.HasOne<ElectionRecord>().WithOne().HasForeignKey<TallyResult>(x => x.ElectionId);
        });

        b.Entity<SpoiledBallot>(e =>
        {
            e.ToTable("spoiled_ballots");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.ElectionId).HasColumnName("election_id");
            e.Property(x => x.BallotHash).HasColumnName("ballot_hash").HasMaxLength(64);
            e.HasIndex(x => new { x.ElectionId, x.BallotHash }).IsUnique();
            e.Property(x => x.Json).HasColumnName("challenged_json").HasColumnType("longtext");
            e.Property(x => x.PostedAt).HasColumnName("posted_at");
            e.HasOne<ElectionRecord>().WithMany().HasForeignKey(x => x.ElectionId);
        });
    }
}
