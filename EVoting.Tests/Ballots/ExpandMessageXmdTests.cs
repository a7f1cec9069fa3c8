using System.Text;
using EVoting.Ballots;
using Xunit;

namespace EVoting.Tests.Ballots;

/// <summary>RFC 9380 Appendix K.1: expand_message_xmd(SHA-256), DST "QUUX-V01-CS02-with-expander-SHA256-128".</summary>
public class ExpandMessageXmdTests
{
    private static readonly byte[] Dst = Encoding.ASCII.GetBytes("QUUX-V01-CS02-with-expander-SHA256-128");

    [Theory]
    [InlineData("", 0x20, "68a985b87eb6b46952128911f2a4412bbc302a9d759667f87f7a21d803f07235")]
    [InlineData("abc", 0x20, "d8ccab23b5985ccea865c6c97b6e5b8350e794e603b4b97902f53a8a0d605615")]
    [InlineData("abcdef0123456789", 0x20, "eff31487c770a893cfb36f912fbfcbff40d5661771ca4b2cb4eafe524333f5c1")]
    [InlineData("q128_", 0x20, "b23a1d2b4d97b2ef7785562a7e8bac7eed54ed6e97e29aa51bfe3f12ddad1ff9")]
    [InlineData("a512_", 0x20, "4623227bcc01293b8c130bf771da8c298dede7383243dc0993d2d94823958c4c")]
    [InlineData("", 0x80, "af84c27ccfd45d41914fdff5df25293e221afc53d8ad2ac06d5e3e29485dadbee0d121587713a3e0dd4d5e69e93eb7cd4f5df4cd103e188cf60cb02edc3edf18eda8576c412b18ffb658e3dd6ec849469b979d444cf7b26911a08e63cf31f9dcc541708d3491184472c2c29bb749d4286b004ceb5ee6b9a7fa5b646c993f0ced")]
    [InlineData("abc", 0x80, "abba86a6129e366fc877aab32fc4ffc70120d8996c88aee2fe4b32d6c7b6437a647e6c3163d40b76a73cf6a5674ef1d890f95b664ee0afa5359a5c4e07985635bbecbac65d747d3d2da7ec2b8221b17b0ca9dc8a1ac1c07ea6a1e60583e2cb00058e77b7b72a298425cd1b941ad4ec65e8afc50303a22c0f99b0509b4c895f40")]
    public void Expander_matches_the_RFC_9380_SHA256_vectors(string message, int length, string expected)
    {
        // The RFC's long messages are "q128_" + 128 × 'q' and "a512_" + 512 × 'a'.
        var full = message switch
        {
            "q128_" => message + new string('q', 128),
            "a512_" => message + new string('a', 512),
            _ => message,
        };
        var output = ExpandMessageXmd.Sha256(Encoding.ASCII.GetBytes(full), Dst, length);
        Assert.Equal(expected, Convert.ToHexStringLower(output));
    }

    [Fact]
    public void Hq_is_the_48_byte_expansion_reduced_mod_n()
    {
        var message = Encoding.ASCII.GetBytes("hello");
        var wide = new Org.BouncyCastle.Math.BigInteger(1, ExpandMessageXmd.Sha256(message, Challenge.Dst, 48));
        Assert.Equal(wide.Mod(P256.N), Challenge.Hq(message));
        Assert.True(Challenge.Hq(message).CompareTo(P256.N) < 0);
    }
}
