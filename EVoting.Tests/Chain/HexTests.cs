using System.Text.Json;
using EVoting.Chain;

namespace EVoting.Tests.Chain;

public class HexTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(254)]   // 510 characters: on the stack
    [InlineData(255)]   // 512
    [InlineData(256)]   // 514: from the pool
    [InlineData(5000)]
    public void Hex_written_into_json_is_the_0x_lowercase_string(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            Hex.WriteJson(w, "v", bytes);
            w.WriteEndObject();
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        Assert.Equal(Hex.Encode(bytes), doc.RootElement.GetProperty("v").GetString());
        Assert.Equal(bytes, Hex.Decode(doc.RootElement.GetProperty("v").GetString()!));
    }
}
