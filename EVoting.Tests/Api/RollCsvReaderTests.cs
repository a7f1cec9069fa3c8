using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using EVoting.Api.Roll;

namespace EVoting.Tests.Api;

/// <summary>The roll's line rules and its streaming (docs/voter-roll.md "Uploading a roll").</summary>
public sealed class RollCsvReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<string>> ReadAllAsync(RollCsvReader reader)
    {
        var all = new List<string>();
        await foreach (var identifier in reader.ReadAsync(Ct))
            all.Add(identifier);
        return all;
    }

    [Fact]
    public async Task A_million_lines_stream_through_a_line_at_a_time()
    {
        // Generated as the pipe asks for it: the body never exists as a whole, here or in the reader.
        var pipe = PipeReader.Create(new GeneratedRoll(RollLimits.MaxEntries), new StreamPipeReaderOptions(bufferSize: 4096));
        var reader = new RollCsvReader(pipe);
        var count = 0;
        var clock = Stopwatch.StartNew();
        await foreach (var identifier in reader.ReadAsync(Ct))
        {
            if (count == 123_456)
                Assert.Equal("voter-123456@example.org", identifier);
            count++;
        }

        Assert.Equal(RollLimits.MaxEntries, count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"1,000,000 lines took {clock.Elapsed}");
    }

    [Fact]
    public async Task One_line_more_than_a_million_is_refused()
    {
        var reader = new RollCsvReader(PipeReader.Create(new GeneratedRoll(RollLimits.MaxEntries + 1)));
        var error = await Assert.ThrowsAsync<RollFormatException>(() => ReadAllAsync(reader));
        Assert.Equal(RollLimits.MaxEntries + 1, error.Line);
    }

    [Fact]
    public async Task A_line_without_an_end_stops_at_the_limit_and_the_body_stays_readable()
    {
        var pipe = PipeReader.Create(new MemoryStream(Encoding.UTF8.GetBytes("ok@x.org\n" + new string('a', 100_000))), new StreamPipeReaderOptions(bufferSize: 512));
        var error = await Assert.ThrowsAsync<RollFormatException>(() => ReadAllAsync(new RollCsvReader(pipe)));

        Assert.Equal(2, error.Line);
        Assert.Contains("longer than 1024 bytes", error.Message);
        // Every read was advanced, so the rest of the body can still be drained (Kestrel does, to reuse the connection).
        var rest = await pipe.ReadAsync(Ct);
        pipe.AdvanceTo(rest.Buffer.End);
    }

    [Theory]
    [InlineData("a@x.org\r\n\r\n  B@X.org \n\uFEFFc", new[] { "a@x.org", "b@x.org", "\uFEFFc" })]
    [InlineData("\uFEFFa@x.org", new[] { "a@x.org" })]
    [InlineData("", new string[0])]
    public async Task Lines_are_trimmed_lowercased_and_blank_ones_skipped(string csv, string[] expected) =>
        Assert.Equal(expected, await ReadAllAsync(new RollCsvReader(PipeReader.Create(new MemoryStream(Encoding.UTF8.GetBytes(csv))))));

    [Fact]
    public async Task Bytes_that_are_not_UTF8_are_refused_naming_the_line()
    {
        var bytes = Encoding.UTF8.GetBytes("a@x.org\n").Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();
        var error = await Assert.ThrowsAsync<RollFormatException>(() => ReadAllAsync(new RollCsvReader(PipeReader.Create(new MemoryStream(bytes)))));
        Assert.Equal(2, error.Line);
    }

    /// <summary>"voter-N@example.org" lines made on demand.</summary>
    private sealed class GeneratedRoll(int lines) : ReadOnlyStream
    {
        private int _next;
        private byte[] _pending = [];
        private int _offset;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset == _pending.Length)
            {
                if (_next == lines)
                    return 0;
                _pending = Encoding.ASCII.GetBytes($"Voter-{_next++}@Example.org\n");
                _offset = 0;
            }
            var n = Math.Min(count, _pending.Length - _offset);
            Array.Copy(_pending, _offset, buffer, offset, n);
            _offset += n;
            return n;
        }
    }
}
