using EVoting.AppHost.Hosting;
using EVoting.AppHost.Testing;

namespace EVoting.Tests.AppHost;

[Trait("Category", "Integration")]
public sealed class ResourceLifecycleTests(ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_checked_executable_becomes_healthy_and_answers_on_its_endpoint()
    {
        var builder = DistributedApplicationTestingBuilder.Create(TestApps.Options(output));
        builder.AddHttpServer("web");
        await using var app = await builder.StartAsync(Ct);

        Assert.True(app.GetResourceState("web").IsHealthy);
        using var http = app.CreateHttpClient("web");
        using var response = await http.GetAsync("/", Ct);
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("127.0.0.1", app.GetEndpoint("web").Host);
    }

    [Fact]
    public async Task After_dispose_no_child_process_and_no_listening_port_remain()
    {
        var builder = DistributedApplicationTestingBuilder.Create(TestApps.Options(output));
        // The server runs as a grandchild (sh → python) beside a background sleeper: the whole group must go.
        builder.AddExecutable("web", "/bin/sh", Path.GetTempPath(), "-c", "sleep 300 & python3 -m http.server \"$PORT\" --bind 127.0.0.1; wait")
            .WithHttpEndpoint(env: "PORT").WithHttpHealthCheck("/");
        var app = await builder.StartAsync(Ct);
        var pid = app.GetResourceState("web").ProcessId!.Value;
        var port = app.GetEndpoint("web").Port;
        var state = app.StateDirectory;
        Assert.True(ProcessTable.GroupMembers(pid).Count >= 3, "sh, sleep and python run in the resource's group");
        Assert.True(ProcessTable.IsListening(port));

        await app.DisposeAsync();

        Assert.Empty(ProcessTable.GroupMembers(pid));
        Assert.False(ProcessTable.IsAlive(pid));
        Assert.False(ProcessTable.IsListening(port));
        Assert.False(Directory.Exists(state), "a test's state folder is deleted");
    }

    [Fact]
    public async Task WaitFor_starts_a_resource_only_after_its_dependency_is_healthy()
    {
        var builder = DistributedApplicationTestingBuilder.Create(TestApps.Options(output));
        var slow = builder.AddHttpServer("slow", preamble: "sleep 1.5; ");
        var dependent = builder.AddHttpServer("dependent").WaitFor(slow);
        var app = builder.Build();
        await using (app)
        {
            await app.StartAsync(Ct);
            var waiting = await app.WaitForResourceAsync("dependent", ResourceState.Waiting, Ct);
            Assert.Contains("slow", waiting.Message);
            await app.WaitForResourceHealthyAsync("dependent", Ct);
            await app.WaitForResourceHealthyAsync("slow", Ct);
            Assert.True(app.GetResourceState("dependent").StartedAt >= app.GetResourceState("slow").StartedAt!.Value.AddSeconds(1.4));
        }
    }

    [Fact]
    public async Task A_process_that_exits_is_Exited_with_its_code_and_its_output_is_captured()
    {
        var builder = DistributedApplicationTestingBuilder.Create(TestApps.Options(output));
        builder.AddScript("job", "echo hello from the job; echo to stderr >&2; exit 3");
        await using var app = builder.Build();
        await app.StartAsync(Ct);

        var exited = await app.WaitForResourceAsync("job", ResourceState.Exited, Ct);

        Assert.Equal(3, exited.ExitCode);
        Assert.Contains("hello from the job", app.GetResourceLogs("job"));
        Assert.Contains("to stderr", app.GetResourceLogs("job"));
        await Assert.ThrowsAsync<DistributedApplicationException>(() => app.WaitForResourceHealthyAsync("job", Ct));
    }

    [Fact]
    public async Task A_missing_program_fails_to_start_and_so_does_what_waits_for_it()
    {
        var builder = DistributedApplicationTestingBuilder.Create(TestApps.Options(output));
        var missing = builder.AddExecutable("missing", "no-such-program-evoting", Path.GetTempPath());
        builder.AddHttpServer("dependent").WaitFor(missing);
        await using var app = builder.Build();
        await app.StartAsync(Ct);

        var failed = await app.WaitForResourceAsync("missing", ResourceState.FailedToStart, Ct);
        var dependent = await app.WaitForResourceAsync("dependent", ResourceState.FailedToStart, Ct);

        Assert.Contains("no-such-program-evoting", failed.Message);
        Assert.Contains("missing", dependent.Message);
    }

    [Fact]
    public async Task StartAsync_throws_with_the_failing_resource_and_leaves_nothing_running()
    {
        var builder = DistributedApplicationTestingBuilder.Create(TestApps.Options(output));
        builder.AddHttpServer("web");
        builder.AddScript("broken", "echo cannot start: bad config >&2; exit 2").WithHttpEndpoint(env: "PORT").WithHttpHealthCheck("/");

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => builder.StartAsync(Ct));

        Assert.Equal("broken", error.ResourceName);
        Assert.Contains("cannot start: bad config", error.Message);
    }

    [Fact]
    public async Task Graceful_stop_sends_SIGTERM_and_kill_does_not()
    {
        var builder = DistributedApplicationTestingBuilder.Create(TestApps.Options(output));
        builder.AddScript("trap", "trap 'echo got TERM; exit 0' TERM; echo ready; while true; do sleep 0.1; done");
        await using var app = await builder.StartAsync(Ct);
        await WaitForLinesAsync(app, "trap", "ready");

        await app.StopResourceAsync("trap");
        Assert.Contains("got TERM", app.GetResourceLogs("trap"));
        Assert.Equal(0, app.GetResourceState("trap").ExitCode);

        await app.StartResourceAsync("trap");
        await app.WaitForResourceHealthyAsync("trap", Ct);
        await WaitForLinesAsync(app, "trap", "ready", count: 2);
        var pid = app.GetResourceState("trap").ProcessId!.Value;
        await app.StopResourceAsync("trap", kill: true);

        Assert.Equal(ResourceState.Exited, app.GetResourceState("trap").State);
        Assert.Single(app.GetResourceLogs("trap"), l => l == "got TERM");
        Assert.Empty(ProcessTable.GroupMembers(pid));
    }

    [Fact]
    public async Task A_stopped_resource_starts_again_on_the_same_port()
    {
        var builder = DistributedApplicationTestingBuilder.Create(TestApps.Options(output));
        builder.AddHttpServer("web");
        await using var app = await builder.StartAsync(Ct);
        var port = app.GetEndpoint("web").Port;

        await app.StopResourceAsync("web", kill: true);
        Assert.False(ProcessTable.IsListening(port));
        await app.StartResourceAsync("web");
        await app.WaitForResourceHealthyAsync("web", Ct);

        Assert.Equal(port, app.GetEndpoint("web").Port);
        Assert.True(ProcessTable.IsListening(port));
    }

    [Fact]
    public async Task References_inject_service_discovery_and_connection_string_variables()
    {
        var builder = DistributedApplicationTestingBuilder.Create(TestApps.Options(output));
        var web = builder.AddHttpServer("web");
        var other = builder.AddHttpServer("other");
        builder.AddScript("client", "env | sort; sleep 300")
            .WithReference(web)
            .WithReference("pool", "http", web, other)
            .WithEnvironment("CUSTOM", "value")
            .WaitFor(web);
        await using var app = await builder.StartAsync(Ct);

        var env = await WaitForLinesAsync(app, "client", "services__pool__http__1=");
        Assert.Contains($"services__web__http__0={app.GetEndpoint("web").ToString().TrimEnd('/')}", env);
        Assert.Contains($"services__pool__http__0={app.GetEndpoint("web").ToString().TrimEnd('/')}", env);
        Assert.Contains($"services__pool__http__1={app.GetEndpoint("other").ToString().TrimEnd('/')}", env);
        Assert.Contains("OTEL_SERVICE_NAME=client", env);
        Assert.Contains("CUSTOM=value", env);
    }

    private static async Task<IReadOnlyList<string>> WaitForLinesAsync(DistributedApplication app, string resource, string prefix, int count = 1)
    {
        for (var i = 0; i < 100; i++)
        {
            var lines = app.GetResourceLogs(resource);
            if (lines.Count(l => l.StartsWith(prefix, StringComparison.Ordinal)) >= count)
                return lines;
            await Task.Delay(100, Ct);
        }
        throw new TimeoutException($"'{resource}' never wrote a line starting with '{prefix}'.");
    }
}
