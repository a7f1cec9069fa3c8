using System.Globalization;
using Google.Protobuf;

namespace EVoting.AppHost.Dashboard;

/// <summary>
/// Reads OTLP protobuf (ExportTraceServiceRequest, ExportLogsServiceRequest, ExportMetricsServiceRequest)
/// with Google.Protobuf's wire reader, field numbers from opentelemetry-proto. Only what the dashboard
/// shows is kept; unknown fields are skipped, so newer exporters still decode.
/// </summary>
public static class OtlpDecoder
{
    public static List<SpanData> DecodeTraces(byte[] payload)
    {
        var spans = new List<SpanData>();
        foreach (var resourceSpans in Messages(payload, 1))
        {
            var service = "unknown";
            foreach (var (field, reader) in Fields(resourceSpans))
            {
                if (field == 1)
                    service = ServiceName(reader.ReadBytes().ToByteArray());
                else
                    reader.SkipLastField();
            }
            foreach (var scopeSpans in Messages(resourceSpans, 2))
            {
                var scope = ScopeName(scopeSpans);
                foreach (var span in Messages(scopeSpans, 2))
                    spans.Add(Span(span, service, scope));
            }
        }
        return spans;
    }

    public static List<LogRecordData> DecodeLogs(byte[] payload)
    {
        var logs = new List<LogRecordData>();
        foreach (var resourceLogs in Messages(payload, 1))
        {
            var service = ServiceOf(resourceLogs);
            foreach (var scopeLogs in Messages(resourceLogs, 2))
            {
                foreach (var record in Messages(scopeLogs, 2))
                    logs.Add(LogRecord(record, service));
            }
        }
        return logs;
    }

    public static List<MetricPoint> DecodeMetrics(byte[] payload)
    {
        var points = new List<MetricPoint>();
        foreach (var resourceMetrics in Messages(payload, 1))
        {
            var service = ServiceOf(resourceMetrics);
            foreach (var scopeMetrics in Messages(resourceMetrics, 2))
            {
                foreach (var metric in Messages(scopeMetrics, 2))
                    points.AddRange(Metric(metric, service));
            }
        }
        return points;
    }

    private static SpanData Span(byte[] message, string service, string scope)
    {
        string traceId = "", spanId = "", name = "";
        string? parent = null, statusMessage = null;
        int kind = 0, statusCode = 0;
        ulong start = 0, end = 0;
        var attributes = new List<KeyValuePair<string, string>>();
        var events = new List<SpanEvent>();
        foreach (var (field, reader) in Fields(message))
        {
            switch (field)
            {
                case 1: traceId = HexOf(reader.ReadBytes()); break;
                case 2: spanId = HexOf(reader.ReadBytes()); break;
                case 4: parent = HexOf(reader.ReadBytes()) is { Length: > 0 } p ? p : null; break;
                case 5: name = reader.ReadString(); break;
                case 6: kind = reader.ReadEnum(); break;
                case 7: start = reader.ReadFixed64(); break;
                case 8: end = reader.ReadFixed64(); break;
                case 9: attributes.Add(KeyValue(reader.ReadBytes().ToByteArray())); break;
                case 11: events.Add(Event(reader.ReadBytes().ToByteArray())); break;
                case 15: (statusCode, statusMessage) = Status(reader.ReadBytes().ToByteArray()); break;
                default: reader.SkipLastField(); break;
            }
        }
        return new SpanData(traceId, spanId, parent, name, kind, service, scope, Time(start), Time(end), statusCode, statusMessage, attributes, events);
    }

    private static SpanEvent Event(byte[] message)
    {
        ulong time = 0;
        var name = "";
        var attributes = new List<KeyValuePair<string, string>>();
        foreach (var (field, reader) in Fields(message))
        {
            switch (field)
            {
                case 1: time = reader.ReadFixed64(); break;
                case 2: name = reader.ReadString(); break;
                case 3: attributes.Add(KeyValue(reader.ReadBytes().ToByteArray())); break;
                default: reader.SkipLastField(); break;
            }
        }
        return new SpanEvent(Time(time), name, attributes);
    }

    private static (int Code, string? Message) Status(byte[] message)
    {
        int code = 0;
        string? text = null;
        foreach (var (field, reader) in Fields(message))
        {
            switch (field)
            {
                case 2: text = reader.ReadString(); break;
                case 3: code = reader.ReadEnum(); break;
                default: reader.SkipLastField(); break;
            }
        }
        return (code, string.IsNullOrEmpty(text) ? null : text);
    }

    private static LogRecordData LogRecord(byte[] message, string service)
    {
        ulong time = 0, observed = 0;
        int severity = 0;
        string severityText = "", body = "";
        string? traceId = null, spanId = null;
        var attributes = new List<KeyValuePair<string, string>>();
        foreach (var (field, reader) in Fields(message))
        {
            switch (field)
            {
                case 1: time = reader.ReadFixed64(); break;
                case 11: observed = reader.ReadFixed64(); break;
                case 2: severity = reader.ReadEnum(); break;
                case 3: severityText = reader.ReadString(); break;
                case 5: body = AnyValue(reader.ReadBytes().ToByteArray()); break;
                case 6: attributes.Add(KeyValue(reader.ReadBytes().ToByteArray())); break;
                case 9: traceId = HexOf(reader.ReadBytes()) is { Length: > 0 } t ? t : null; break;
                case 10: spanId = HexOf(reader.ReadBytes()) is { Length: > 0 } s ? s : null; break;
                default: reader.SkipLastField(); break;
            }
        }
        return new LogRecordData(Time(time != 0 ? time : observed), severity, severityText, body, service, traceId, spanId, attributes);
    }

    private static IEnumerable<MetricPoint> Metric(byte[] message, string service)
    {
        string name = "", unit = "";
        var points = new List<MetricPoint>();
        foreach (var (field, reader) in Fields(message))
        {
            switch (field)
            {
                case 1: name = reader.ReadString(); break;
                case 3: unit = reader.ReadString(); break;
                case 5: points.AddRange(NumberPoints(reader.ReadBytes().ToByteArray(), "gauge")); break;
                case 7: points.AddRange(NumberPoints(reader.ReadBytes().ToByteArray(), "sum")); break;
                case 9: points.AddRange(HistogramPoints(reader.ReadBytes().ToByteArray(), attributesField: 9, "histogram")); break;
                case 10: points.AddRange(HistogramPoints(reader.ReadBytes().ToByteArray(), attributesField: 1, "exponential histogram")); break;
                default: reader.SkipLastField(); break;
            }
        }
        return points.Select(p => p with { Service = service, Name = name, Unit = unit });
    }

    // Gauge / Sum: data_points = 1 (NumberDataPoint: attributes 7, time 3, as_double 4, as_int 6).
    private static IEnumerable<MetricPoint> NumberPoints(byte[] message, string kind)
    {
        foreach (var point in Messages(message, 1))
        {
            ulong time = 0;
            double value = 0;
            var attributes = new List<KeyValuePair<string, string>>();
            foreach (var (field, reader) in Fields(point))
            {
                switch (field)
                {
                    case 3: time = reader.ReadFixed64(); break;
                    case 4: value = reader.ReadDouble(); break;
                    case 6: value = reader.ReadSFixed64(); break;
                    case 7: attributes.Add(KeyValue(reader.ReadBytes().ToByteArray())); break;
                    default: reader.SkipLastField(); break;
                }
            }
            yield return new MetricPoint("", "", "", kind, value, Join(attributes), Time(time));
        }
    }

    // Histogram (attributes 9) / ExponentialHistogram (attributes 1): time 3, count 4, sum 5. Shown as the mean.
    private static IEnumerable<MetricPoint> HistogramPoints(byte[] message, int attributesField, string kind)
    {
        foreach (var point in Messages(message, 1))
        {
            ulong time = 0, count = 0;
            double sum = 0;
            var attributes = new List<KeyValuePair<string, string>>();
            foreach (var (field, reader) in Fields(point))
            {
                if (field == attributesField) attributes.Add(KeyValue(reader.ReadBytes().ToByteArray()));
                else if (field == 3) time = reader.ReadFixed64();
                else if (field == 4) count = reader.ReadFixed64();
                else if (field == 5) sum = reader.ReadDouble();
                else reader.SkipLastField();
            }
            yield return new MetricPoint("", "", "", kind + $" (n={count})", count == 0 ? 0 : sum / count, Join(attributes), Time(time));
        }
    }

    private static string ServiceOf(byte[] resourceMessage)
    {
        foreach (var (field, reader) in Fields(resourceMessage))
        {
            if (field == 1)
                return ServiceName(reader.ReadBytes().ToByteArray());
            reader.SkipLastField();
        }
        return "unknown";
    }

    // Resource: attributes = 1; the service is service.name.
    private static string ServiceName(byte[] resource)
    {
        foreach (var attribute in Messages(resource, 1))
        {
            var (key, value) = KeyValue(attribute);
            if (key == "service.name")
                return value;
        }
        return "unknown";
    }

    private static string ScopeName(byte[] scopeSpans)
    {
        foreach (var scope in Messages(scopeSpans, 1))
        {
            foreach (var (field, reader) in Fields(scope))
            {
                if (field == 1)
                    return reader.ReadString();
                reader.SkipLastField();
            }
        }
        return "";
    }

    private static KeyValuePair<string, string> KeyValue(byte[] message)
    {
        string key = "", value = "";
        foreach (var (field, reader) in Fields(message))
        {
            switch (field)
            {
                case 1: key = reader.ReadString(); break;
                case 2: value = AnyValue(reader.ReadBytes().ToByteArray()); break;
                default: reader.SkipLastField(); break;
            }
        }
        return new(key, value);
    }

    // AnyValue: string 1, bool 2, int 3, double 4, array 5, kvlist 6, bytes 7.
    private static string AnyValue(byte[] message)
    {
        foreach (var (field, reader) in Fields(message))
        {
            switch (field)
            {
                case 1: return reader.ReadString();
                case 2: return reader.ReadBool() ? "true" : "false";
                case 3: return reader.ReadInt64().ToString(CultureInfo.InvariantCulture);
                case 4: return reader.ReadDouble().ToString(CultureInfo.InvariantCulture);
                case 5: return "[" + string.Join(", ", Messages(reader.ReadBytes().ToByteArray(), 1).Select(AnyValue)) + "]";
                case 6: return "{" + string.Join(", ", Messages(reader.ReadBytes().ToByteArray(), 1).Select(KeyValue).Select(kv => $"{kv.Key}: {kv.Value}")) + "}";
                case 7: return "0x" + HexOf(reader.ReadBytes());
                default: reader.SkipLastField(); break;
            }
        }
        return "";
    }

    /// <summary>The embedded messages in field <paramref name="fieldNumber"/> of a message.</summary>
    private static IEnumerable<byte[]> Messages(byte[] message, int fieldNumber)
    {
        var result = new List<byte[]>();
        foreach (var (field, wireType, reader) in TaggedFields(message))
        {
            if (field == fieldNumber && wireType == WireFormat.WireType.LengthDelimited)
                result.Add(reader.ReadBytes().ToByteArray());
            else
                reader.SkipLastField();
        }
        return result;
    }

    /// <summary>Each field of a message; the caller reads or skips the value before the next one.</summary>
    private static IEnumerable<(int Field, CodedInputStream Reader)> Fields(byte[] message) =>
        TaggedFields(message).Select(f => (f.Field, f.Reader));

    private static IEnumerable<(int Field, WireFormat.WireType WireType, CodedInputStream Reader)> TaggedFields(byte[] message)
    {
        var reader = new CodedInputStream(message);
        uint tag;
        while ((tag = reader.ReadTag()) != 0)
            yield return (WireFormat.GetTagFieldNumber(tag), WireFormat.GetTagWireType(tag), reader);
    }

    private static string HexOf(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);

    private static DateTimeOffset Time(ulong unixNanos) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(unixNanos / 100));

    private static string Join(IEnumerable<KeyValuePair<string, string>> attributes) =>
        string.Join(", ", attributes.Select(a => $"{a.Key}={a.Value}"));
}
