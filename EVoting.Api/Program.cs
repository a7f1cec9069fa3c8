using EVoting.Api.Apis;
using EVoting.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

if (BuildTimeDocument.IsGenerating)
    BuildTimeDocument.UseThrowawaySettings(builder);
builder.AddServiceDefaults();
builder.AddApplicationServices();
if (BuildTimeDocument.IsGenerating)
    BuildTimeDocument.RemoveBackgroundServices(builder.Services);

var app = builder.Build();

app.UseApiPipeline();
app.MapDefaultEndpoints();
app.MapAuthApi();
app.MapElectionsApi();
app.MapGuardiansApi();
app.MapSpoiledBallotsApi();
app.MapVotesApi();
app.MapBlockchainApi();

app.Run();
