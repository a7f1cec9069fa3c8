namespace EVoting.AppHost.Hosting;

/// <summary>
/// A value supplied from outside the app model: configuration <c>Parameters:&lt;name&gt;</c>
/// (environment <c>Parameters__&lt;name&gt;</c>), else its generated default kept in the state folder.
/// </summary>
public sealed class ParameterResource(string name, bool secret, ParameterDefault? @default, string? description) : Resource(name)
{
    public bool Secret { get; } = secret;
    public ParameterDefault? Default { get; } = @default;
    public string? Description { get; } = description;

    public override string DisplayType => "Parameter";

    /// <summary>The compose / .env variable: by default <c>validator-1-key</c> → <c>VALIDATOR_1_KEY</c>.</summary>
    public string EnvironmentVariableName { get; set; } = name.Replace('-', '_').ToUpperInvariant();

    public string ConfigurationKey => "Parameters:" + Name;

    // Resolving early turns a missing value into this resource's failure, named, before anything uses it.
    public override Task ActivateAsync(RunContext run, CancellationToken cancellationToken)
    {
        run.Parameters.GetValue(this);
        return Task.CompletedTask;
    }
}
