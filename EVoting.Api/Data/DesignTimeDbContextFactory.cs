using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EVoting.Api.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without a running database.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<EVotingDbContext>
{
    public EVotingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<EVotingDbContext>()
            .UseMySql("Server=localhost;Database=evoting", DatabaseSetup.ServerVersion)
            .Options);
}
