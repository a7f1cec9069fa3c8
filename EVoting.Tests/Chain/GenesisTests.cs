using EVoting.Chain;

namespace EVoting.Tests.Chain;

public class GenesisTests
{
    [Fact]
    public void Genesis_json_round_trips_with_the_same_hash()
    {
        var genesis = new TestChain().Genesis;
        var loaded = Genesis.Load(genesis.ToJson());
        Assert.Equal(genesis.Hash, loaded.Hash);
        Assert.Equal(genesis.Validators, loaded.Validators);
        Assert.Equal(genesis.Encode(), loaded.Encode());
    }

    [Fact]
    public void Any_difference_in_configuration_changes_the_genesis_hash()
    {
        var genesis = new TestChain().Genesis;
        Assert.NotEqual(genesis.Hash, (genesis with { ChainId = 2 }).Hash);
        Assert.NotEqual(genesis.Hash, (genesis with { Validators = genesis.Validators.Reverse().ToArray() }).Hash);
        Assert.NotEqual(genesis.Hash, (genesis with { BlockPeriodMs = 5000 }).Hash);
        Assert.NotEqual(genesis.Hash, (genesis with { Submitters = [EthKey.Generate().Address] }).Hash);
    }

    [Fact]
    public void A_block_built_on_another_genesis_is_rejected()
    {
        var ours = new TestChain();
        var theirs = new TestChain();
        var block = theirs.Propose([]);
        Assert.False(ours.BlockValidator.ValidateProposal(block, ours.State, ours.Now, out var error));
        Assert.Equal(ValidationErrors.BlockPrevHashMismatch, error);
    }

    [Theory]
    [InlineData("{}", "missing field 'chain_id'")]
    [InlineData("{\"chain_id\":0,\"timestamp\":1,\"validators\":[\"0x2c7536E3605D9C16a7a3D7b1898e529396a65c23\"],\"submitters\":[\"0x2c7536E3605D9C16a7a3D7b1898e529396a65c23\"]}", "chain_id must be positive")]
    [InlineData("{\"chain_id\":1,\"timestamp\":1,\"validators\":[],\"submitters\":[\"0x2c7536E3605D9C16a7a3D7b1898e529396a65c23\"]}", "no validators")]
    [InlineData("{\"chain_id\":1,\"timestamp\":1,\"validators\":[\"0x2c7536E3605D9C16a7a3D7b1898e529396a65c23\",\"0x2c7536e3605d9c16a7a3d7b1898e529396a65c23\"],\"submitters\":[\"0x2c7536E3605D9C16a7a3D7b1898e529396a65c23\"]}", "listed twice")]
    [InlineData("{\"chain_id\":1,\"timestamp\":1,\"validators\":[\"0x12\"],\"submitters\":[]}", "'validators'")]
    [InlineData("{\"chain_id\":1,\"timestamp\":1,\"validators\":[\"0x2c7536E3605D9C16a7a3D7b1898e529396a65c23\"],\"submitters\":[\"0x2c7536E3605D9C16a7a3D7b1898e529396a65c23\"],\"block_period_ms\":0}", "'block_period_ms'")]
    [InlineData("{\"chain_id\":1,\"timestamp\":1,\"validators\":[\"0x2c7536E3605D9C16a7a3D7b1898e529396a65c23\"],\"submitters\":[\"0x2c7536E3605D9C16a7a3D7b1898e529396a65c23\"],\"surprise\":1}", "unknown field")]
    public void Invalid_genesis_is_refused_with_the_reason(string json, string reason)
    {
        Assert.Contains(reason, Assert.Throws<FormatException>(() => Genesis.Load(json)).Message);
    }
}
