using System.Text;
using System.Text.Json;

namespace EVoting.AppHost.Publishing;

/// <summary>
/// A small, deterministic YAML emitter for the compose file: block mappings and sequences in the order
/// given, every string double-quoted (JSON escaping is valid YAML), so "8000:8000" is never read as a number.
/// </summary>
internal static class YamlWriter
{
    public static string Write(IEnumerable<KeyValuePair<string, object>> document)
    {
        var text = new StringBuilder();
        WriteMapping(text, document, indent: 0);
        return text.ToString();
    }

    private static void WriteMapping(StringBuilder text, IEnumerable<KeyValuePair<string, object>> mapping, int indent)
    {
        foreach (var (key, value) in mapping)
        {
            text.Append(' ', indent).Append(Key(key)).Append(':');
            WriteValue(text, value, indent);
        }
    }

    private static void WriteValue(StringBuilder text, object value, int indent)
    {
        switch (value)
        {
            case IEnumerable<KeyValuePair<string, object>> mapping when mapping.Any():
                text.Append('\n');
                WriteMapping(text, mapping, indent + 2);
                break;
            case IEnumerable<KeyValuePair<string, object>>:
                text.Append(" {}\n");
                break;
            case IEnumerable<object> sequence when value is not string:
                var items = sequence.ToList();
                if (items.Count == 0)
                {
                    text.Append(" []\n");
                    break;
                }
                text.Append('\n');
                foreach (var item in items)
                {
                    text.Append(' ', indent + 2).Append("- ");
                    if (item is IEnumerable<KeyValuePair<string, object>> itemMapping)
                    {
                        var first = true;
                        foreach (var (k, v) in itemMapping)
                        {
                            if (!first)
                                text.Append(' ', indent + 4);
                            first = false;
                            text.Append(Key(k)).Append(':');
                            WriteValue(text, v, indent + 4);
                        }
                    }
                    else
                    {
                        text.Append(Scalar(item)).Append('\n');
                    }
                }
                break;
            default:
                text.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static string Scalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        int or long => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
        string s => Quote(s),
        _ => throw new NotSupportedException($"No YAML form for {value.GetType().Name}."),
    };

    private static string Key(string key) =>
        key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? key : Quote(key);

    private static string Quote(string s) => JsonSerializer.Serialize(s, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
