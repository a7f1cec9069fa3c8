using System.Text.Json.Nodes;
using EVoting.Ballots;
using EVoting.Ballots.Trustees;
using Org.BouncyCastle.Math;

namespace EVoting.Cli.Guardians;

/// <summary>
/// What a guardian's sealed key file holds (<see cref="SealedKeyFile"/>): the election, the ceremony round and its g and
/// q, the guardian's index in that round and invitation token, its polynomial's coefficients a_{ℓ,0..q−1}, and once the
/// shares are accepted its secret share s_ℓ. It never leaves the guardian's machine. After a restart `join` replaces the
/// polynomial with a new one for the new round (docs/trustees.md "A complaint").
/// </summary>
public sealed record GuardianKey(int ElectionId, int Round, int Guardian, int Guardians, int Quorum, string Token, IReadOnlyList<BigInteger> Coefficients, BigInteger? SecretShare)
{
    /// <summary>The passphrase's environment variable (for scripts and tests); without it the command asks on the terminal.</summary>
    public const string PassphraseVariable = "EVOTING_GUARDIAN_PASSPHRASE";

    public CeremonyParameters Parameters => new((ulong)ElectionId, Guardians, Quorum);

    public GuardianPolynomial Polynomial => GuardianPolynomial.FromCoefficients(Parameters, Guardian, Coefficients);

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["election_id"] = ElectionId, ["round"] = Round, ["guardian"] = Guardian, ["guardians"] = Guardians, ["quorum"] = Quorum, ["token"] = Token,
            ["coefficients"] = new JsonArray(Coefficients.Select(a => (JsonNode)Hex(a)).ToArray()),
        };
        if (SecretShare is { } s)
            json["secret_share"] = Hex(s);
        return json;
    }

    public static GuardianKey FromJson(JsonObject json)
    {
        try
        {
            // A file from before restarts existed holds no round: it was made in round 1.
            return new GuardianKey(
                json["election_id"]!.GetValue<int>(), json["round"]?.GetValue<int>() ?? 1, json["guardian"]!.GetValue<int>(), json["guardians"]!.GetValue<int>(), json["quorum"]!.GetValue<int>(),
                json["token"]!.GetValue<string>(),
                json["coefficients"]!.AsArray().Select(a => Scalar(a!.GetValue<string>())).ToArray(),
                json["secret_share"] is { } s ? Scalar(s.GetValue<string>()) : null);
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException or BallotFormatException)
        {
            throw new GuardianException("the key file opened but does not hold a guardian key: " + e.Message);
        }
    }

    public async Task SaveAsync(string path, string passphrase, CancellationToken ct) =>
        await File.WriteAllTextAsync(path, SealedKeyFile.Seal(ToJson(), passphrase), ct);

    public static async Task<GuardianKey> LoadAsync(string path, string passphrase, CancellationToken ct)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GuardianException($"cannot read the key file {path}: {e.Message}");
        }
        try
        {
            return FromJson(SealedKeyFile.Open(text, passphrase));
        }
        catch (SealedKeyFileException e)
        {
            throw new GuardianException($"cannot open the key file {path}: {e.Message}");
        }
    }

    public static string Hex(BigInteger scalar) => LowerHex.Encode(P256.EncodeScalar(scalar));

    private static BigInteger Scalar(string hex) => P256.DecodeScalar(LowerHex.Decode(hex, BallotErrors.ScalarNotHex, "scalar"), "scalar");
}
