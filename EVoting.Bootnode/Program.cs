using EVoting.Bootnode;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
var options = BootnodeOptions.FromConfiguration(builder.Configuration);
builder.Services.AddSingleton(options);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(sp => new PeerRegistry(sp.GetRequiredService<TimeProvider>()) { StaleAfter = options.StaleAfter });
builder.Services.AddHostedService<StalePeerSweeper>();
builder.Services.AddProblemDetails();
if (string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(builder.Configuration["URLS"]))
    builder.WebHost.UseUrls($"http://0.0.0.0:{options.Port}");

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapBootnodeApi();
app.Run();
