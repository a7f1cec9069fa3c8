using System.Security.Cryptography;
using System.Text;
using EVoting.Validator.Consensus;

namespace EVoting.Tests.Validator.Simulation;

/// <summary>The simulation's block: enough structure for the same validity rules as the real chain.</summary>
internal sealed record SimBlock(ulong Height, string ParentId, int Proposer, int Round, long TimestampMs, IReadOnlyList<string> Txs) : IConsensusValue
{
    public string Id { get; } = ComputeId(Height, ParentId, Proposer, Round, TimestampMs, Txs);

    public static string ComputeId(ulong height, string parentId, int proposer, int round, long timestampMs, IReadOnlyList<string> txs)
    {
        var text = $"{height}|{parentId}|{proposer}|{round}|{timestampMs}|{string.Join(',', txs)}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 12);
    }

    public static SimBlock Genesis { get; } = new(0, "", -1, 0, 0, []);
}

internal sealed record SimTx(string Id);

internal sealed record SimSyncRequest(ulong FromHeight);

internal sealed record SimSyncResponse(IReadOnlyList<ConsensusDecision> Decisions);

internal sealed record SimNewBlock(ConsensusDecision Decision);
