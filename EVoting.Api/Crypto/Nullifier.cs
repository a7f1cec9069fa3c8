using System.Security.Cryptography;
using System.Text;

namespace EVoting.Api.Crypto;

/// <summary>
/// The per-election voter id on chain: `anon-` + hex(HMAC-SHA256(key, voter id ‖ election id)).
/// Deterministic (a retry or a second submit collides on chain too) and unlinkable across
/// elections without the key.
/// </summary>
public sealed class Nullifier(byte[] key)
{
    public string For(int voterId, int electionId) =>
        "anon-" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{voterId}|{electionId}")));
}
