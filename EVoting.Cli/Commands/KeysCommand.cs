using System.CommandLine;

namespace EVoting.Cli.Commands;

/// <summary>`evoting keys generate`: the seed design's generate_keys step.</summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var keys = new Command("keys", "Validator and submitter keys, and the genesis that names them");
        return keys;
    }
}
