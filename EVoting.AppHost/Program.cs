using EVoting.AppHost.Hosting;

var builder = DistributedApplication.CreateBuilder(args);
await using var app = builder.Build();
return await app.RunAsync();
