namespace EVoting.AppHost.Publishing;

/// <summary>
/// The Aspire dashboard as a compose service, as Aspire's Docker publisher adds it: every other service sends its
/// traces, logs and metrics to its OTLP/gRPC port on the compose network. Its browser port is published on the
/// host's loopback only, and it keeps its browser-token login: the URL with the token is in
/// <c>docker compose logs aspire-dashboard</c>.
/// </summary>
public static class AspireDashboardService
{
    public const string Name = "aspire-dashboard";
    public const string Image = "mcr.microsoft.com/dotnet/aspire-dashboard:13.6";
    public const int BrowserPort = 18888;
    public const int OtlpGrpcPort = 18889;

    public static string OtlpEndpoint => $"http://{Name}:{OtlpGrpcPort}";

    public static ComposeService Create(string network)
    {
        var service = new ComposeService { Image = Image, Restart = DockerComposeFileBuilder.RestartPolicy };
        service.Ports.Add($"127.0.0.1:{BrowserPort}:{BrowserPort}");
        service.Expose.Add($"{OtlpGrpcPort}");
        service.Networks.Add(network);
        return service;
    }
}
