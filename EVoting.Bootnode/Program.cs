using EVoting.Bootnode;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddBootnode();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapBootnodeApi();
app.Run();
