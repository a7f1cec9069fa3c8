using Microsoft.Extensions.Configuration;

namespace EVoting.AppHost.Hosting;

/// <summary>Collects the resources of the app model, then builds the application that runs or publishes them.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];

    public DistributedApplicationBuilder(DistributedApplicationOptions options)
    {
        Options = options;
        RepositoryRoot = RepositoryLayout.FindRoot();
        Configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(options.Args)
            .AddInMemoryCollection(options.Configuration)
            .Build();
        ExecutionContext = new DistributedApplicationExecutionContext(Configuration["publisher"], Configuration["output-path"]);
        StateDirectory = Path.GetFullPath(options.StateDirectory ?? Configuration["StateDirectory"] ?? Path.Combine(RepositoryRoot, ".state"));
    }

    public DistributedApplicationOptions Options { get; }
    public IConfiguration Configuration { get; }
    public DistributedApplicationExecutionContext ExecutionContext { get; }
    public string RepositoryRoot { get; }
    public string StateDirectory { get; }
    public IReadOnlyList<Resource> Resources => _resources;

    /// <summary>Set when the builder came from the testing harness.</summary>
    public Testing.DistributedApplicationTestingOptions? TestingOptions { get; internal set; }

    public IResourceBuilder<T> AddResource<T>(T resource) where T : Resource
    {
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
            throw new InvalidOperationException($"A resource named '{resource.Name}' is already declared.");
        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    public IResourceBuilder<T> CreateResourceBuilder<T>(T resource) where T : Resource => new ResourceBuilder<T>(resource, this);

    public Resource GetResource(string name) =>
        _resources.FirstOrDefault(r => r.Name == name) ?? throw new KeyNotFoundException($"No resource named '{name}'.");

    public DistributedApplication Build()
    {
        var ports = new PortAllocator();
        if (ExecutionContext.IsRunMode)
            AllocatePorts(ports);
        return new DistributedApplication(this, SelectResourcesToStart(), ports);
    }

    private void AllocatePorts(PortAllocator ports)
    {
        var fixedPorts = _resources.SelectMany(r => r.Endpoints).Where(e => e.Port is not null && !Options.RandomPorts).Select(e => e.Port!.Value);
        foreach (var port in fixedPorts)
            ports.Reserve(port);
        foreach (var endpoint in _resources.SelectMany(r => r.Endpoints))
            endpoint.AllocatedPort = Options.RandomPorts || endpoint.Port is null ? ports.Next() : endpoint.Port;
    }

    /// <summary>The chosen resources plus everything they depend on; a dependency left out on purpose is an error.</summary>
    private IReadOnlyList<Resource> SelectResourcesToStart()
    {
        foreach (var name in (Options.Only ?? []).Concat(Options.Without))
            GetResource(name);
        var chosen = Options.Only is null ? _resources.ToList() : _resources.Where(r => Options.Only.Contains(r.Name)).ToList();
        var excluded = _resources.Where(r => Options.Without.Contains(r.Name)).ToHashSet();
        var selected = new HashSet<Resource>();
        var pending = new Stack<Resource>(chosen.Where(r => !excluded.Contains(r)));
        while (pending.TryPop(out var resource))
        {
            if (!selected.Add(resource))
                continue;
            foreach (var dependency in resource.Dependencies)
            {
                if (excluded.Contains(dependency))
                    throw new InvalidOperationException($"'{resource.Name}' depends on '{dependency.Name}', which was left out.");
                pending.Push(dependency);
            }
        }
        return _resources.Where(selected.Contains).ToList();
    }
}
