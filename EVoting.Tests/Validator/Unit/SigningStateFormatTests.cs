using System.Text;
using EVoting.Chain;
using EVoting.Tests.Validator.Simulation;
using EVoting.Validator.Consensus;
using EVoting.Validator.Node;
using Xunit;

namespace EVoting.Tests.Validator.Unit;

/// <summary>
/// The persisted signing state (docs/consensus.md#signing-rules-isigningguard-signingrulesnext) keeps its JSON format now
/// that the engine's value ids are <see cref="Hash32"/>: a state written before (value ids as 0x-hex strings, nil as
/// null) still loads, and is written back byte for byte the same.
/// </summary>
public sealed class SigningStateFormatTests
{
    private const string Value = "0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    // A body as PersistentSigningGuard wrote it when value ids were strings: a prevote for a block, a nil precommit.
    private const string Body =
        "{\"height\":5,\"slots\":[{\"round\":0,\"step\":1,\"value\":\"" + Value + "\"},{\"round\":0,\"step\":2,\"value\":null}],"
        + "\"lock_round\":-1,\"lock_proof\":[]}";

    [Fact]
    public void A_state_written_with_string_value_ids_loads_and_is_written_back_unchanged()
    {
        var genesis = TestTransactions.CreateGenesis(1, out _, out _);
        var store = new MemoryChainStore();
        store.SaveSigningState(Encoding.UTF8.GetBytes(Body));
        var guard = new PersistentSigningGuard(store, new ConsensusMapping(genesis));

        Assert.Equal(5ul, guard.State!.Height);
        Assert.Equal([new SignedSlot(0, ConsensusStep.Prevote, Hash32.Parse(Value)), new SignedSlot(0, ConsensusStep.Precommit, null)], guard.State.Slots);
        // The loaded value id still binds: a different value for the signed prevote slot is refused.
        Assert.False(guard.TryAuthorize(5, 0, ConsensusStep.Prevote, Hash32.Zero, LockState.None));

        // Re-signing the same slot changes nothing but the lock: the state is saved again, in the same format.
        Assert.True(guard.TryAuthorize(5, 0, ConsensusStep.Precommit, null, new LockState(0, null, [])));
        Assert.Equal(Body.Replace("\"lock_round\":-1", "\"lock_round\":0"), Encoding.UTF8.GetString(store.LoadSigningState()!));
    }
}
