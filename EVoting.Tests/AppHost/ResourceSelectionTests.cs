using EVoting.AppHost.Hosting;
using EVoting.AppHost.Testing;

namespace EVoting.Tests.AppHost;

public sealed class ResourceSelectionTests
{
    private static DistributedApplicationBuilder Graph(IReadOnlyCollection<string>? only = null, IReadOnlyCollection<string>? without = null)
    {
        var builder = DistributedApplicationTestingBuilder.Create(new DistributedApplicationTestingOptions { Only = only, Without = without ?? [] });
        var db = builder.AddMariaDb("mariadb").AddDatabase("evoting");
        var node = builder.AddExecutable("node", "/bin/true", "/").WithHttpEndpoint();
        builder.AddExecutable("api", "/bin/true", "/").WithHttpEndpoint().WithReference(db).WithReference(node).WaitFor(db);
        builder.AddExecutable("frontend", "/bin/true", "/").WithHttpEndpoint();
        return builder;
    }

    private static string[] Started(DistributedApplicationBuilder builder) =>
        builder.Build().Runners.Select(r => r.Resource.Name).ToArray();

    [Fact]
    public void Only_starts_the_chosen_resources_and_what_they_depend_on()
    {
        Assert.Equal(["mariadb-password", "mariadb", "evoting"], Started(Graph(only: ["evoting"])));
        Assert.Equal(["mariadb-password", "mariadb", "evoting", "node", "api"], Started(Graph(only: ["api"])));
    }

    [Fact]
    public void Without_leaves_a_resource_out()
    {
        Assert.DoesNotContain("frontend", Started(Graph(without: ["frontend"])));
    }

    [Fact]
    public void Leaving_out_a_dependency_of_a_started_resource_is_an_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Graph(without: ["mariadb"]).Build());
        Assert.Contains("'evoting' depends on 'mariadb'", error.Message);
    }

    [Fact]
    public void An_unknown_resource_name_is_an_error()
    {
        Assert.Throws<KeyNotFoundException>(() => Graph(only: ["validator-9"]).Build());
    }

    [Fact]
    public void Test_builders_give_every_endpoint_its_own_free_port()
    {
        var app = Graph().Build();
        var ports = app.Resources.SelectMany(r => r.Endpoints).Select(e => e.AllocatedPort!.Value).ToList();
        Assert.Equal(ports.Count, ports.Distinct().Count());
    }

    [Fact]
    public void Resource_names_follow_Aspire_rules()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        Assert.Throws<ArgumentException>(() => builder.AddParameter("bad name"));
        builder.AddParameter("ok-name", "x");
        Assert.Throws<InvalidOperationException>(() => builder.AddParameter("ok-name", "y"));
    }
}
