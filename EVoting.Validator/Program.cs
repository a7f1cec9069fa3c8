using EVoting.Validator;
using EVoting.Validator.Rpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddValidatorNode();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapJsonRpc();
app.Run();
