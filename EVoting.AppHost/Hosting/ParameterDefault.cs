namespace EVoting.AppHost.Hosting;

/// <summary>How a missing parameter gets a value in a local run (generated once, then kept).</summary>
public abstract class ParameterDefault
{
    public abstract string Generate();
}
