using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;

namespace EVoting.Api.Roll;

/// <summary>A roll line the upload refuses; <see cref="Line"/> is 1-based.</summary>
public sealed class RollFormatException(long line, string reason) : Exception($"line {line}: {reason}")
{
    public long Line { get; } = line;
}

/// <summary>
/// Reads a roll (text/csv, one identifier per line) straight from the request body, a line at a
/// time: memory stays at one line however large the body. The rules (docs/voter-roll.md): UTF-8;
/// \n or \r\n line ends; surrounding white space trimmed; blank lines skipped; identifiers are kept
/// in lower case (so Ada@Example.org and ada@example.org are one voter); an identifier has
/// 1..254 characters and no comma, quote or control character (the codes file writes it unquoted);
/// at most 1,000,000 identifier lines (repeats included). Anything else stops the upload naming the line.
/// </summary>
public sealed class RollCsvReader(PipeReader body)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly SearchValues<char> Refused = SearchValues.Create(",\"");

    public long Lines { get; private set; }
    public long BlankLines { get; private set; }
    public long Identifiers { get; private set; }

    public async IAsyncEnumerable<string> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        while (true)
        {
            var read = await body.ReadAsync(ct);
            var buffer = read.Buffer;
            try
            {
                while (TryTakeLine(ref buffer, out var line))
                {
                    if (Take(line) is { } identifier)
                        yield return identifier;
                }
                if (buffer.Length > RollLimits.MaxLineBytes)
                    throw new RollFormatException(Lines + 1, $"longer than {RollLimits.MaxLineBytes} bytes");
                if (read.IsCompleted)
                {
                    // The last line may end without a newline.
                    var last = buffer.Length > 0 ? Take(buffer) : null;
                    buffer = buffer.Slice(buffer.End);
                    if (last is not null)
                        yield return last;
                    yield break;
                }
            }
            finally
            {
                // Also when a line is refused: a read never advanced leaves the body unreadable for
                // Kestrel, which then drops the connection instead of answering on it.
                body.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        if (buffer.PositionOf((byte)'\n') is not { } end)
        {
            line = default;
            return false;
        }
        line = buffer.Slice(0, end);
        buffer = buffer.Slice(buffer.GetPosition(1, end));
        return true;
    }

    private string? Take(ReadOnlySequence<byte> bytes)
    {
        var number = ++Lines;
        if (bytes.Length > RollLimits.MaxLineBytes)
            throw new RollFormatException(number, $"longer than {RollLimits.MaxLineBytes} bytes");
        string text;
        try
        {
            text = Utf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new RollFormatException(number, "is not UTF-8");
        }
        if (number == 1)
            text = text.TrimStart('\uFEFF');
        text = text.Trim();
        if (text.Length == 0)
        {
            BlankLines++;
            return null;
        }
        if (text.Length > RollLimits.MaxIdentifierLength)
            throw new RollFormatException(number, $"an identifier has at most {RollLimits.MaxIdentifierLength} characters");
        if (text.AsSpan().ContainsAny(Refused) || text.Any(char.IsControl))
            throw new RollFormatException(number, "an identifier has no comma, quote or control character (one identifier per line, no other columns)");
        if (++Identifiers > RollLimits.MaxEntries)
            throw new RollFormatException(number, $"a roll has at most {RollLimits.MaxEntries} identifiers");
        return text.ToLowerInvariant();
    }
}
