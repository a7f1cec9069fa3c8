using System.Globalization;
using System.Text;
using EVoting.Chain;

namespace EVoting.Validator.Discovery;

/// <summary>
/// The bootnode registration a validator signs (the bootnode has the same definition; a test checks
/// they agree): digest = Keccak-256 of the UTF-8 string
/// "EVOTE-BOOTNODE-REGISTER-V1\n{node_id}\n{host}\n{p2p_port}\n{rpc_port}\n{address, lowercase 0x}\n{timestamp}"
/// with timestamp in unix seconds (the bootnode refuses one more than 5 minutes off its clock).
/// </summary>
public sealed record PeerRegistration(string NodeId, string Host, int P2PPort, int RpcPort, Address Address, long Timestamp)
{
    public const string Domain = "EVOTE-BOOTNODE-REGISTER-V1";

    public string CanonicalString() => string.Join('\n',
        Domain, NodeId, Host, P2PPort.ToString(CultureInfo.InvariantCulture), RpcPort.ToString(CultureInfo.InvariantCulture),
        Address.ToString().ToLowerInvariant(), Timestamp.ToString(CultureInfo.InvariantCulture));

    public Hash32 Digest() => Keccak.Hash32(Encoding.UTF8.GetBytes(CanonicalString()));
}
