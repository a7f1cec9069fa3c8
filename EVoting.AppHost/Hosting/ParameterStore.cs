using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace EVoting.AppHost.Hosting;

/// <summary>
/// Resolves parameter values: configuration first (<c>Parameters:&lt;name&gt;</c>), else the value
/// generated on an earlier run and kept in <c>&lt;state&gt;/parameters.json</c>, else a new one (then kept).
/// </summary>
public sealed class ParameterStore(IConfiguration configuration, string stateDirectory)
{
    private readonly Lock _gate = new();
    private readonly string _file = Path.Combine(stateDirectory, "parameters.json");
    private Dictionary<string, string>? _generated;

    public string GetValue(ParameterResource parameter)
    {
        if (configuration[parameter.ConfigurationKey] is { Length: > 0 } configured)
            return configured;
        if (parameter.Default is null)
            throw new MissingParameterValueException(parameter.Name);

        lock (_gate)
        {
            _generated ??= Load();
            if (_generated.TryGetValue(parameter.Name, out var kept))
                return kept;
            var value = parameter.Default.Generate();
            _generated[parameter.Name] = value;
            Save(_generated);
            return value;
        }
    }

    private Dictionary<string, string> Load() =>
        File.Exists(_file)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(_file)) ?? []
            : [];

    private void Save(Dictionary<string, string> values) =>
        OwnerOnlyFile.WriteAllText(_file, JsonSerializer.Serialize(
            new SortedDictionary<string, string>(values, StringComparer.Ordinal), new JsonSerializerOptions { WriteIndented = true }));
}

public sealed class MissingParameterValueException(string name)
    : InvalidOperationException($"Parameter '{name}' has no value: set configuration 'Parameters:{name}' (environment variable 'Parameters__{name}').");
