using System.Collections.Concurrent;
using Org.BouncyCastle.Math.EC;

namespace EVoting.Ballots;

/// <summary>
/// What a ballot is checked against: election id, public key K, k candidates, at most L selections,
/// and H_E derived from them. K's point is shared per key (see <see cref="KeyCache"/>), so the
/// comb and wNAF tables BouncyCastle builds for it are computed once per election key.
/// </summary>
public sealed class Election
{
    public const int MaxCandidates = 1000;

    public Election(ulong id, ReadOnlySpan<byte> publicKey, int candidates, int maxSelections = 1)
    {
        if (candidates < 1 || candidates > MaxCandidates || maxSelections < 1 || maxSelections > candidates)
            throw new BallotFormatException(BallotErrors.BadElectionParameters);
        Id = id;
        PublicKey = publicKey.ToArray();
        Key = KeyCache.Get(PublicKey);
        Candidates = candidates;
        MaxSelections = maxSelections;
        Hash = Challenge.ElectionHash(id, candidates, PublicKey);
    }

    public static Election FromHex(ulong id, string publicKeyHex, int candidates, int maxSelections = 1) =>
        new(id, LowerHex.Decode(publicKeyHex, BallotErrors.PointNotHex, "public key"), candidates, maxSelections);

    public ulong Id { get; }
    public byte[] PublicKey { get; }
    public string PublicKeyHex => LowerHex.Encode(PublicKey);
    public ECPoint Key { get; }
    public int Candidates { get; }
    public int MaxSelections { get; }

    /// <summary>H_E (32 bytes).</summary>
    public byte[] Hash { get; }

    public string HashHex => LowerHex.Encode(Hash);

    /// <summary>Decoded election keys, one point instance per key, so precomputation is cached with it.</summary>
    internal static class KeyCache
    {
        private const int Limit = 1024;
        private static readonly ConcurrentDictionary<string, ECPoint> Points = new();

        public static ECPoint Get(byte[] encoded)
        {
            var hex = Convert.ToHexString(encoded);
            if (Points.TryGetValue(hex, out var cached))
                return cached;
            var point = P256.DecodePoint(encoded, "public key");
            if (Points.Count >= Limit)
                Points.Clear(); // a bound, not an LRU: a node sees a handful of live elections
            return Points.GetOrAdd(hex, point);
        }
    }
}
