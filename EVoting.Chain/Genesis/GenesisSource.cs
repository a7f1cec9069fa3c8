namespace EVoting.Chain;

/// <summary>
/// Where a service finds the chain's genesis: the JSON itself (GENESIS_JSON) or a file (GENESIS_PATH),
/// the JSON first. One reading for the API, the validator and the bootnode.
/// </summary>
public static class GenesisSource
{
    public const string JsonKey = "GENESIS_JSON";
    public const string PathKey = "GENESIS_PATH";

    /// <summary>
    /// The genesis from <paramref name="json"/> or <paramref name="path"/>; null with no error when
    /// neither is set; null with an error naming the key when the one set is not a valid genesis.
    /// </summary>
    public static Genesis? TryLoad(string? json, string? path, out string? error)
    {
        error = null;
        try
        {
            if (!string.IsNullOrWhiteSpace(json))
                return Genesis.Load(json);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or System.Text.Json.JsonException or InvalidOperationException)
        {
            error = $"{JsonKey} is not a valid genesis: {e.Message}";
            return null;
        }
        try
        {
            if (!string.IsNullOrWhiteSpace(path))
                return Genesis.LoadFile(path);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or System.Text.Json.JsonException or InvalidOperationException
                                      or IOException or UnauthorizedAccessException)
        {
            error = $"{PathKey} ({path}) is not a readable, valid genesis: {e.Message}";
            return null;
        }
        return null;
    }
}
