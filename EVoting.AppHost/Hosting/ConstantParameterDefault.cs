namespace EVoting.AppHost.Hosting;

/// <summary>A fixed default for a non-secret parameter (written to the manifest as <c>default.value</c>).</summary>
public sealed class ConstantParameterDefault(string value) : ParameterDefault
{
    public string Value { get; } = value;
    public override string Generate() => Value;
}
