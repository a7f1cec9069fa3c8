using System.Globalization;
using System.Text;

namespace EVoting.Chain;

/// <summary>
/// A validator's registration with the bootnode, and what its key signs so nobody can register a
/// fake peer: Keccak-256 of the UTF-8 string
/// "EVOTE-BOOTNODE-REGISTER-V1\n{node_id}\n{host}\n{p2p_port}\n{rpc_port}\n{address, lowercase 0x}\n{timestamp}"
/// (timestamp in unix seconds). One definition for both sides: the validator signs it, the bootnode
/// checks it and refuses a timestamp more than <see cref="MaxClockSkew"/> off its clock (no replay).
/// </summary>
public sealed record PeerRegistration(string NodeId, string Host, int P2PPort, int RpcPort, Address Address, long Timestamp)
{
    public const string Domain = "EVOTE-BOOTNODE-REGISTER-V1";
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public string CanonicalString() => string.Join('\n',
        Domain, NodeId, Host, P2PPort.ToString(CultureInfo.InvariantCulture), RpcPort.ToString(CultureInfo.InvariantCulture),
        Address.ToString().ToLowerInvariant(), Timestamp.ToString(CultureInfo.InvariantCulture));

    public Hash32 Digest() => Keccak.Hash32(Encoding.UTF8.GetBytes(CanonicalString()));
}
