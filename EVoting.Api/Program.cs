using EVoting.Api.Apis;
using EVoting.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseApiPipeline();
app.MapDefaultEndpoints();
app.MapAuthApi();
app.MapElectionsApi();
app.MapVotesApi();
app.MapBlockchainApi();

app.Run();
