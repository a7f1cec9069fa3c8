using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Publishing;

namespace EVoting.AppHost;

/// <summary>
/// A parameter's default that configuration (<c>Parameters:&lt;name&gt;</c>) can override and the manifest
/// publishes as its default value. Aspire's <c>AddParameter(name, value)</c> always answers its value,
/// whatever is configured, so an operator (or a test) could not name another first official.
/// </summary>
public sealed class OverridableDefault(string value) : ParameterDefault
{
    public override string GetDefaultValue() => value;

    public override void WriteToManifest(ManifestPublishingContext context) => context.Writer.WriteString("value", value);
}
