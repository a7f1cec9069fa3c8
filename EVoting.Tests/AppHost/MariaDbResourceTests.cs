using EVoting.AppHost.Hosting;
using EVoting.AppHost.Testing;
using MySqlConnector;

namespace EVoting.Tests.AppHost;

[Trait("Category", "Integration")]
public sealed class MariaDbResourceTests(ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MariaDB_starts_with_its_database_accepts_connections_and_leaves_nothing_behind()
    {
        var builder = DistributedApplicationTestingBuilder.Create(TestApps.Options(output));
        builder.AddMariaDb("mariadb").AddDatabase("evoting");
        var app = await builder.StartAsync(Ct);
        var pid = app.GetResourceState("mariadb").ProcessId!.Value;
        var port = app.GetEndpoint("mariadb", "tcp").Port;
        var connectionString = app.GetConnectionString("evoting");

        await using (var connection = new MySqlConnection(connectionString))
        {
            await connection.OpenAsync(Ct);
            Assert.Equal("evoting", connection.Database);
            await using var create = new MySqlCommand("CREATE TABLE t (id INT PRIMARY KEY); INSERT INTO t VALUES (42);", connection);
            await create.ExecuteNonQueryAsync(Ct);
            await using var select = new MySqlCommand("SELECT id FROM t", connection);
            Assert.Equal(42, Convert.ToInt32(await select.ExecuteScalarAsync(Ct)));
        }
        Assert.Contains($"Port={port}", connectionString);
        Assert.Contains($"Password={app.GetParameterValue("mariadb-password")}", connectionString);

        await app.DisposeAsync();

        Assert.False(ProcessTable.IsAlive(pid));
        Assert.Empty(ProcessTable.GroupMembers(pid));
        Assert.False(ProcessTable.IsListening(port));
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        var builder = DistributedApplicationTestingBuilder.Create(TestApps.Options(output));
        builder.AddMariaDb("mariadb");
        await using var app = await builder.StartAsync(Ct);
        var wrong = new MySqlConnectionStringBuilder(app.GetConnectionString("mariadb")) { Password = "not-the-password" };

        await using var connection = new MySqlConnection(wrong.ConnectionString);
        var error = await Assert.ThrowsAsync<MySqlException>(() => connection.OpenAsync(Ct));
        Assert.Contains("Access denied", error.Message);
    }
}
