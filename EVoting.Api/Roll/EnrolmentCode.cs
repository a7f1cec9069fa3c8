using System.Security.Cryptography;
using System.Text;

namespace EVoting.Api.Roll;

/// <summary>
/// Enrolment codes: 130 random bits written as 26 base32 letters and digits in groups of five
/// (ABCDE-FGHIJ-…). Only SHA-256 of the normalized code is stored: the code is random, not chosen
/// by a person, so a fast hash is enough (no dictionary to try; 2^130 guesses).
/// </summary>
public static class EnrolmentCode
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    public const int Symbols = 26;

    public static string Generate()
    {
        Span<byte> picks = stackalloc byte[Symbols];
        RandomNumberGenerator.Fill(picks);
        var text = new StringBuilder(Symbols + Symbols / 5);
        for (var i = 0; i < Symbols; i++)
        {
            if (i > 0 && i % 5 == 0)
                text.Append('-');
            text.Append(Alphabet[picks[i] & 31]);
        }
        return text.ToString();
    }

    /// <summary>The code as typed (any case, with or without dashes and spaces) in its canonical form, or null when it cannot be a code.</summary>
    public static string? Normalize(string? input)
    {
        if (input is null || input.Length > 64)
            return null;
        var canonical = new StringBuilder(Symbols);
        foreach (var c in input)
        {
            if (c is '-' or ' ')
                continue;
            var upper = char.ToUpperInvariant(c);
            if (!Alphabet.Contains(upper))
                return null;
            canonical.Append(upper);
        }
        return canonical.Length == Symbols ? canonical.ToString() : null;
    }

    public static byte[] Hash(string normalized) => SHA256.HashData(Encoding.ASCII.GetBytes(normalized));
}
