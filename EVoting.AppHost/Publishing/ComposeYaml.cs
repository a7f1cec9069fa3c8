using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.EventEmitters;

namespace EVoting.AppHost.Publishing;

/// <summary>
/// Writes a <see cref="ComposeFile"/> as Aspire's Docker publisher does: every string value double-quoted (so
/// <c>"true"</c>, <c>"3306"</c> or a key with a leading zero stay strings), keys plain, sequences indented, <c>\n</c>
/// line ends whatever the platform, so the file is the same byte for byte wherever it is published.
/// </summary>
public static class ComposeYaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections)
        .WithEventEmitter(next => new QuotedStringValues(next))
        .WithIndentedSequences()
        .WithNewLine("\n")
        .DisableAliases()
        .Build();

    public static string Serialize(ComposeFile file) => Serializer.Serialize(file);

    /// <summary>Double-quotes string scalars except mapping keys (a key is the first of each pair in a mapping).</summary>
    private sealed class QuotedStringValues(IEventEmitter next) : ChainedEventEmitter(next)
    {
        // Per open collection: true for a mapping, and how many scalars or children it has had so far.
        private readonly Stack<(bool IsMapping, int Count)> _open = new();

        public override void Emit(ScalarEventInfo eventInfo, IEmitter emitter)
        {
            var isKey = Advance();
            if (!isKey && eventInfo.Source.Type == typeof(string))
                eventInfo.Style = ScalarStyle.DoubleQuoted;
            base.Emit(eventInfo, emitter);
        }

        public override void Emit(MappingStartEventInfo eventInfo, IEmitter emitter)
        {
            Advance();
            _open.Push((true, 0));
            base.Emit(eventInfo, emitter);
        }

        public override void Emit(MappingEndEventInfo eventInfo, IEmitter emitter)
        {
            _open.Pop();
            base.Emit(eventInfo, emitter);
        }

        public override void Emit(SequenceStartEventInfo eventInfo, IEmitter emitter)
        {
            Advance();
            _open.Push((false, 0));
            base.Emit(eventInfo, emitter);
        }

        public override void Emit(SequenceEndEventInfo eventInfo, IEmitter emitter)
        {
            _open.Pop();
            base.Emit(eventInfo, emitter);
        }

        // Counts a node in the open collection; true when it is a mapping key.
        private bool Advance()
        {
            if (_open.Count == 0)
                return false;
            var (isMapping, count) = _open.Pop();
            _open.Push((isMapping, count + 1));
            return isMapping && count % 2 == 0;
        }
    }
}
