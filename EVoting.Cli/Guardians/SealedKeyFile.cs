using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EVoting.Cli.Guardians;

/// <summary>
/// A guardian's secret on its own disk, sealed with a passphrase: PBKDF2-HMAC-SHA-256 (600,000 iterations, 16-byte
/// salt) derives an AES-256-GCM key; the secret JSON is the plaintext and the file's header (format, KDF, iterations,
/// salt) the associated data, so no field can be changed unnoticed. The file never leaves the guardian's machine
/// (docs/trustees.md).
/// </summary>
public static class SealedKeyFile
{
    public const string Format = "evoting-guardian-key-1";
    public const int DefaultIterations = 600_000;
    private const int MinIterations = 100_000;
    private const int MaxIterations = 10_000_000;
    private const int SaltLength = 16;
    private const int NonceLength = 12;
    private const int TagLength = 16;

    /// <summary>The file's text for <paramref name="secret"/> under <paramref name="passphrase"/>.</summary>
    public static string Seal(JsonObject secret, string passphrase, int iterations = DefaultIterations)
    {
        CheckPassphrase(passphrase);
        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        var nonce = RandomNumberGenerator.GetBytes(NonceLength);
        var plain = Encoding.UTF8.GetBytes(secret.ToJsonString());
        var sealedBytes = new byte[plain.Length + TagLength];
        var header = Header(iterations, salt);
        using (var aes = new AesGcm(Key(passphrase, salt, iterations), TagLength))
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), AssociatedData(header));
        CryptographicOperations.ZeroMemory(plain);
        header["nonce"] = Convert.ToHexStringLower(nonce);
        header["ciphertext"] = Convert.ToHexStringLower(sealedBytes);
        return header.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The secret JSON; throws <see cref="SealedKeyFileException"/> with a message for the guardian.</summary>
    public static JsonObject Open(string fileText, string passphrase)
    {
        JsonObject file;
        try
        {
            file = JsonNode.Parse(fileText) as JsonObject ?? throw new SealedKeyFileException("the key file is not a JSON object");
        }
        catch (JsonException)
        {
            throw new SealedKeyFileException("the key file is not JSON: is this a guardian key file?");
        }
        if (Text(file, "format") != Format)
            throw new SealedKeyFileException($"the key file's format is not {Format}");
        if (Text(file, "kdf") != "pbkdf2-sha256" || file["iterations"]?.GetValueKind() != JsonValueKind.Number)
            throw new SealedKeyFileException("the key file names an unknown key derivation");
        var iterations = file["iterations"]!.GetValue<int>();
        if (iterations is < MinIterations or > MaxIterations)
            throw new SealedKeyFileException($"the key file's iteration count must be between {MinIterations} and {MaxIterations}");
        var salt = Bytes(file, "salt", SaltLength);
        var nonce = Bytes(file, "nonce", NonceLength);
        var sealedBytes = Bytes(file, "ciphertext", null);
        if (sealedBytes.Length <= TagLength)
            throw new SealedKeyFileException("the key file's ciphertext is too short");
        var plain = new byte[sealedBytes.Length - TagLength];
        try
        {
            using var aes = new AesGcm(Key(passphrase, salt, iterations), TagLength);
            aes.Decrypt(nonce, sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), plain, AssociatedData(Header(iterations, salt)));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SealedKeyFileException("wrong passphrase, or the key file was altered");
        }
        try
        {
            return JsonNode.Parse(plain) as JsonObject ?? throw new SealedKeyFileException("the sealed secret is not a JSON object");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static void CheckPassphrase(string passphrase)
    {
        if (passphrase.Length < 12)
            throw new SealedKeyFileException("the passphrase must have at least 12 characters");
    }

    private static JsonObject Header(int iterations, byte[] salt) => new()
    {
        ["format"] = Format,
        ["kdf"] = "pbkdf2-sha256",
        ["iterations"] = iterations,
        ["salt"] = Convert.ToHexStringLower(salt),
    };

    private static byte[] AssociatedData(JsonObject header) => Encoding.UTF8.GetBytes(header.ToJsonString());

    private static byte[] Key(string passphrase, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), salt, iterations, HashAlgorithmName.SHA256, 32);

    private static string? Text(JsonObject file, string name) =>
        file[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static byte[] Bytes(JsonObject file, string name, int? length)
    {
        try
        {
            var bytes = Convert.FromHexString(Text(file, name) ?? throw new SealedKeyFileException($"the key file has no {name}"));
            if (length is { } n && bytes.Length != n)
                throw new SealedKeyFileException($"the key file's {name} is not {n} bytes");
            return bytes;
        }
        catch (FormatException)
        {
            throw new SealedKeyFileException($"the key file's {name} is not hex");
        }
    }
}

/// <summary>A key file that cannot be opened, with a message fit for the guardian.</summary>
public sealed class SealedKeyFileException(string message) : Exception(message);
