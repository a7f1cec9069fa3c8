namespace EVoting.Api.Outcomes;

/// <summary>Collects field errors in snake_case field names.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new();

    public bool Any => _errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
            _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public FieldErrors Required(string field, object? value)
    {
        if (value is null || value is string s && string.IsNullOrWhiteSpace(s))
            Add(field, "is required");
        return this;
    }

    public FieldErrors MaxLength(string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
            Add(field, $"must be at most {max} characters");
        return this;
    }

    public Failure.InvalidFields ToFailure() => new(_errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()));
}
