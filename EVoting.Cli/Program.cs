using EVoting.Cli;

return await CliApp.RunAsync(args);
