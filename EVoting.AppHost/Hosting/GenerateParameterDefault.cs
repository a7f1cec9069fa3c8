using System.Security.Cryptography;

namespace EVoting.AppHost.Hosting;

/// <summary>Aspire's <c>GenerateParameterDefault</c>: a random password, written to the manifest as <c>default.generate</c>.</summary>
public sealed class GenerateParameterDefault : ParameterDefault
{
    public int MinLength { get; init; } = 22;
    public bool Lower { get; init; } = true;
    public bool Upper { get; init; } = true;
    public bool Numeric { get; init; } = true;
    public bool Special { get; init; } = false;

    public override string Generate()
    {
        var alphabet = (Lower ? "abcdefghijklmnopqrstuvwxyz" : "")
            + (Upper ? "ABCDEFGHIJKLMNOPQRSTUVWXYZ" : "")
            + (Numeric ? "0123456789" : "")
            + (Special ? "-_.~" : "");
        if (alphabet.Length == 0)
            throw new InvalidOperationException("A generated parameter needs at least one character class.");
        return RandomNumberGenerator.GetString(alphabet, MinLength);
    }
}
