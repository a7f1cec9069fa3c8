using System.Text.Json.Nodes;
using EVoting.Cli.Guardians;

namespace EVoting.Tests.Cli;

/// <summary>A guardian's sealed key file: round trip, a wrong passphrase, and any changed field are clear errors.</summary>
public sealed class SealedKeyFileTests
{
    private const string Passphrase = "correct horse battery staple";
    private const int FastIterations = 100_000; // the minimum the file accepts; the default is 600,000

    private static JsonObject Secret() => new() { ["election_id"] = 7, ["guardian"] = 2, ["coefficients"] = new JsonArray("ab", "cd") };

    [Fact]
    public void A_sealed_secret_opens_with_its_passphrase_and_is_not_in_the_file_in_clear()
    {
        var text = SealedKeyFile.Seal(Secret(), Passphrase, FastIterations);
        Assert.DoesNotContain("coefficients", text);
        Assert.True(JsonNode.DeepEquals(Secret(), SealedKeyFile.Open(text, Passphrase)));
    }

    [Fact]
    public void A_wrong_passphrase_is_a_clear_error()
    {
        var text = SealedKeyFile.Seal(Secret(), Passphrase, FastIterations);
        var error = Assert.Throws<SealedKeyFileException>(() => SealedKeyFile.Open(text, Passphrase + "!"));
        Assert.Equal("wrong passphrase, or the key file was altered", error.Message);
    }

    [Theory]
    [InlineData("salt")]
    [InlineData("nonce")]
    [InlineData("ciphertext")]
    public void A_changed_field_is_refused(string field)
    {
        var file = JsonNode.Parse(SealedKeyFile.Seal(Secret(), Passphrase, FastIterations))!.AsObject();
        var hex = file[field]!.GetValue<string>();
        file[field] = (hex[0] == '0' ? "1" : "0") + hex[1..];
        Assert.Throws<SealedKeyFileException>(() => SealedKeyFile.Open(file.ToJsonString(), Passphrase));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"format\":\"something-else\"}")]
    [InlineData("{\"format\":\"evoting-guardian-key-1\",\"kdf\":\"md5\",\"iterations\":1}")]
    [InlineData("{\"format\":\"evoting-guardian-key-1\",\"kdf\":\"pbkdf2-sha256\",\"iterations\":5}")]
    [InlineData("{\"format\":\"evoting-guardian-key-1\",\"kdf\":\"pbkdf2-sha256\",\"iterations\":100000,\"salt\":\"zz\"}")]
    public void Malformed_files_are_refused_with_a_message(string text)
    {
        var error = Assert.Throws<SealedKeyFileException>(() => SealedKeyFile.Open(text, Passphrase));
        Assert.NotEmpty(error.Message);
    }

    [Fact]
    public void A_short_passphrase_is_refused()
    {
        Assert.Throws<SealedKeyFileException>(() => SealedKeyFile.Seal(Secret(), "short", FastIterations));
    }
}
