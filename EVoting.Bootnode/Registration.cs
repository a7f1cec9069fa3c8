using System.Globalization;
using System.Text;
using EVoting.Chain;

namespace EVoting.Bootnode;

/// <summary>
/// What a validator signs to register (same definition as EVoting.Validator's PeerRegistration; a
/// test checks both agree): Keccak-256 of the UTF-8 string
/// "EVOTE-BOOTNODE-REGISTER-V1\n{node_id}\n{host}\n{p2p_port}\n{rpc_port}\n{address, lowercase 0x}\n{timestamp}".
/// </summary>
public static class Registration
{
    public const string Domain = "EVOTE-BOOTNODE-REGISTER-V1";
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public static Hash32 Digest(string nodeId, string host, int p2pPort, int rpcPort, Address address, long timestamp) =>
        Keccak.Hash32(Encoding.UTF8.GetBytes(string.Join('\n', Domain, nodeId, host,
            p2pPort.ToString(CultureInfo.InvariantCulture), rpcPort.ToString(CultureInfo.InvariantCulture),
            address.ToString().ToLowerInvariant(), timestamp.ToString(CultureInfo.InvariantCulture))));
}
