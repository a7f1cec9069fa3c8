using EVoting.AppHost.Hosting;

// What Aspire's SDK generates from the AppHost's project references: one type per service project.
namespace Projects;

public sealed class EVoting_Bootnode : IProjectMetadata
{
    public string ProjectPath => "EVoting.Bootnode/EVoting.Bootnode.csproj";
}

public sealed class EVoting_Validator : IProjectMetadata
{
    public string ProjectPath => "EVoting.Validator/EVoting.Validator.csproj";
}

public sealed class EVoting_Api : IProjectMetadata
{
    public string ProjectPath => "EVoting.Api/EVoting.Api.csproj";
}
