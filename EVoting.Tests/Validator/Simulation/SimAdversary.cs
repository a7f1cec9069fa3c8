using EVoting.Chain;
using EVoting.Validator.Node;
using EVoting.Validator.P2P;

namespace EVoting.Tests.Validator.Simulation;

/// <summary>
/// The attackers, as generators of inputs for the honest node cores. Every message an attacker makes goes through
/// the wire codec first, so the receiver sees what it would decode from a socket (no cached signer or hash).
/// <list type="bullet">
/// <item>A forger with no validator key that holds a session claiming some validator's identity (the relay of a
/// handshake): votes, proposals, final blocks and round-inflating votes in that validator's name, signed with its
/// own key. Every seed.</item>
/// <item>The Byzantine validator (n = 4, one key): equivocates (a twin block or vote for odd-numbered peers), proposes
/// invalid blocks and proposals with forged proof-of-lock votes, inflates rounds with validly signed votes, and
/// forwards tampered copies of the proposals and final blocks it receives (same block hash, a bad proposer
/// signature or certificate).</item>
/// </list>
/// </summary>
internal sealed class SimAdversary(SimWorld world, Random random, ByzantineAttacks attacks)
{
    /// <summary>Rounds the inflating votes name, relative to the current one: far ahead, up to the overflow edge...</summary>
    private static readonly int[] FarRoundSteps = [1_000, int.MaxValue / 2];

    /// <summary>...or the next rounds, where the Byzantine validator will vote again (a second value in its slot).</summary>
    private static readonly int[] NearRoundSteps = [1, 2];

    private readonly EthKey _forger = EthKey.FromHex(Convert.ToHexString(Keccak.Hash(BitConverter.GetBytes(world.Seed * 31L + 7))));
    private readonly Dictionary<Hash32, ProposalMessage> _twins = [];
    private readonly double _tamperRate = random.NextDouble() * 0.5;
    private readonly double _invalidTwinRate = random.NextDouble() * 0.3;

    private Genesis Genesis => world.Genesis;

    public long Injected { get; private set; }

    /// <summary>The Byzantine validator's outgoing message to <paramref name="to"/>: odd-numbered peers hear another story.</summary>
    public void Send(SimValidator byzantine, int to, P2PMessage message)
    {
        var sent = to % 2 == 1 ? Equivocate(byzantine, message) ?? message : message;
        world.Network.Send(byzantine.Index, to, sent);
    }

    /// <summary>After the Byzantine validator handled a message: tampered copies of what honest peers sent it.</summary>
    public void OnReceived(SimValidator byzantine, PeerMessageReceived received)
    {
        if (!attacks.HasFlag(ByzantineAttacks.TamperedCopies) || random.NextDouble() >= _tamperRate)
            return;
        P2PMessage? tampered = received.Message switch
        {
            ProposalMessage p => p with { Block = p.Block with { Signature = _forger.Sign(p.Block.Hash) } },
            NewBlock b when b.Block.Commit is { } commit => b with
            {
                Block = b.Block with { Commit = commit with { Precommits = [.. commit.Precommits.Skip(1), _forger.Sign(b.Block.Hash)] } },
            },
            _ => null,
        };
        if (tampered is null)
            return;
        foreach (var peer in world.Nodes)
        {
            if (peer != byzantine && peer.Address != received.Peer)
                Inject(byzantine.Index, peer.Index, tampered);
        }
    }

    /// <summary>The Byzantine validator names a far higher round (validly signed: one key, below the round-skip threshold of n = 4).</summary>
    public void InflateRounds(SimValidator byzantine)
    {
        if (byzantine.Core?.Engine is not { } engine)
            return;
        var near = attacks.HasFlag(ByzantineAttacks.NearRoundVotes) && random.Next(2) == 0;
        if (!near && !attacks.HasFlag(ByzantineAttacks.FarRoundInflation))
            return;
        var steps = near ? NearRoundSteps : FarRoundSteps;
        var round = (int)Math.Min(int.MaxValue - 1L, (long)engine.Round + steps[random.Next(steps.Length)]);
        var vote = SignedVote(byzantine.Key, VoteType.Prevote, engine.Height, round, null);
        foreach (var peer in world.Nodes)
        {
            if (peer != byzantine)
                Inject(byzantine.Index, peer.Index, vote);
        }
    }

    /// <summary>A forger holding a session as <paramref name="claimed"/>: messages in its name that it cannot sign.</summary>
    public void Forge(SimValidator claimed, SimValidator target)
    {
        var height = target.FinalHeight + 1;
        var round = target.Core?.Engine?.Round ?? 0;
        var head = target.Core?.State;
        P2PMessage forged = random.Next(5) switch
        {
            0 => SignedVote(_forger, VoteType.Precommit, height, round, RandomHash()) with { Validator = claimed.Address },
            1 => SignedVote(_forger, VoteType.Prevote, height, int.MaxValue - 1, null) with { Validator = claimed.Address },
            2 => ForgedProposal(height, round, head),
            3 => new NewBlock(ForgedFinalBlock(height, head)),
            _ => new SyncResponse([ForgedFinalBlock(height, head)]),
        };
        world.Log($"forger as n{claimed.Index} -> n{target.Index}: {forged.GetType().Name}");
        Inject(claimed.Index, target.Index, forged);
    }

    private void Inject(int from, int to, P2PMessage message)
    {
        Injected++;
        world.Network.Send(from, to, MessageCodec.Decode(MessageCodec.Encode(message)));
    }

    /// <summary>The other story for a message the Byzantine validator signed: a twin proposal, or a vote for the twin (or nil, or a made-up block).</summary>
    private P2PMessage? Equivocate(SimValidator byzantine, P2PMessage message)
    {
        switch (message)
        {
            case ProposalMessage proposal when attacks.HasFlag(ByzantineAttacks.Equivocation):
                if (!_twins.TryGetValue(proposal.Block.Hash, out var twin))
                    _twins[proposal.Block.Hash] = twin = Twin(byzantine, proposal);
                return MessageCodec.Decode(MessageCodec.Encode(twin));
            case VoteMessage vote when vote.Validator == byzantine.Address && attacks.HasFlag(ByzantineAttacks.Equivocation):
                var other = vote.BlockHash is { } hash
                    ? (_twins.TryGetValue(hash, out var t) ? t.Block.Hash : (Hash32?)null)
                    : RandomHash();
                return SignedVote(byzantine.Key, vote.Type, vote.Height, vote.Round, other);
            default:
                return null;
        }
    }

    /// <summary>A second block for the same slot: valid but different, invalid (too far in the future), or with a forged proof of lock.</summary>
    private ProposalMessage Twin(SimValidator byzantine, ProposalMessage proposal)
    {
        var header = proposal.Block.Header;
        var invalid = attacks.HasFlag(ByzantineAttacks.InvalidBlocks) && random.NextDouble() < _invalidTwinRate;
        var timestamp = header.TimestampMs + (invalid ? 3_600_000 : 1);
        var block = Block.Create(Genesis.ChainId, header.Index, header.PrevHash, timestamp, proposal.Round, proposal.Block.Transactions, byzantine.Key);
        var polRound = attacks.HasFlag(ByzantineAttacks.ForgedProofOfLock) && proposal.Round > 0 && random.Next(2) == 0 ? proposal.Round - 1 : -1;
        // Proof-of-lock votes "from" every other validator, signed with the Byzantine key: none is genuine (its own
        // genuine vote there would be a second value in its slot: NearRoundVotes).
        var polVotes = polRound < 0 ? [] : world.Nodes.Where(n => n != byzantine).Select(n =>
            SignedVote(byzantine.Key, VoteType.Prevote, header.Index, polRound, block.Hash) with { Validator = n.Address }).ToList();
        var signature = byzantine.Key.Sign(ConsensusDigest.Proposal(Genesis.ChainId, header.Index, proposal.Round, polRound, block.Hash));
        return new ProposalMessage(header.Index, proposal.Round, polRound, block, signature, polVotes);
    }

    private ProposalMessage ForgedProposal(ulong height, int round, ChainState? head)
    {
        var block = Block.Create(Genesis.ChainId, height, head?.HeadHash ?? Hash32.Zero, world.Clock.GetUtcNow().ToUnixTimeMilliseconds(), round, [], _forger);
        var signature = _forger.Sign(ConsensusDigest.Proposal(Genesis.ChainId, height, round, -1, block.Hash));
        return new ProposalMessage(height, round, -1, block, signature, []);
    }

    /// <summary>A block "final" by a certificate of the forger's signatures (one per validator slot).</summary>
    private Block ForgedFinalBlock(ulong height, ChainState? head)
    {
        var block = Block.Create(Genesis.ChainId, height, head?.HeadHash ?? Hash32.Zero, world.Clock.GetUtcNow().ToUnixTimeMilliseconds(), 0, [], _forger);
        var precommit = _forger.Sign(ConsensusDigest.Vote(Genesis.ChainId, VoteType.Precommit, height, 0, block.Hash));
        return block.WithCommit(new CommitCertificate(0, Enumerable.Repeat(precommit, Genesis.Validators.Count).ToList()));
    }

    private VoteMessage SignedVote(EthKey key, VoteType type, ulong height, int round, Hash32? block) =>
        new(type, height, round, block, key.Address, key.Sign(ConsensusDigest.Vote(Genesis.ChainId, type, height, round, block)));

    private Hash32 RandomHash()
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        return new Hash32(bytes);
    }
}

/// <summary>What the Byzantine validator of a seed does (<see cref="SimAdversary"/>).</summary>
[Flags]
public enum ByzantineAttacks
{
    None = 0,

    /// <summary>A twin proposal and votes for it (or nil, or a made-up block) to odd-numbered peers.</summary>
    Equivocation = 1,

    /// <summary>Some twins are invalid (a timestamp an hour ahead).</summary>
    InvalidBlocks = 2,

    /// <summary>Some twins claim a proof of lock from the previous round with votes "from" every validator, signed with its own key.</summary>
    ForgedProofOfLock = 4,

    /// <summary>Validly signed votes for rounds far ahead, up to the edge of int.</summary>
    FarRoundInflation = 8,

    /// <summary>Copies of the proposals and final blocks it receives with the same block hash but a bad proposer signature or certificate.</summary>
    TamperedCopies = 16,

    /// <summary>Validly signed nil votes for the next rounds, so its later vote there is a second value in its slot.</summary>
    NearRoundVotes = 32,

    All = Equivocation | InvalidBlocks | ForgedProofOfLock | FarRoundInflation | TamperedCopies | NearRoundVotes,
}
