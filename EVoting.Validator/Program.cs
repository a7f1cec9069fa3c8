// Replaced by the Validator implementation.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.Run();
