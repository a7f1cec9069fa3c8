using System.Text;

namespace EVoting.Cli.Guardians;

/// <summary>A guardian's passphrase: from $EVOTING_GUARDIAN_PASSPHRASE (scripts, tests), else asked on the terminal without echo.</summary>
public static class Passphrase
{
    public static string Read(TextWriter prompt, bool confirm)
    {
        if (Environment.GetEnvironmentVariable(GuardianKey.PassphraseVariable) is { Length: > 0 } fromEnvironment)
            return fromEnvironment;
        if (Console.IsInputRedirected)
            throw new GuardianException($"no terminal to ask for the passphrase: set ${GuardianKey.PassphraseVariable}");
        var first = Ask(prompt, "Passphrase for my guardian key: ");
        if (confirm && Ask(prompt, "Again: ") != first)
            throw new GuardianException("the two passphrases differ");
        return first;
    }

    private static string Ask(TextWriter prompt, string text)
    {
        prompt.Write(text);
        var typed = new StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace && typed.Length > 0)
                typed.Length--;
            else if (!char.IsControl(key.KeyChar))
                typed.Append(key.KeyChar);
        }
        prompt.WriteLine();
        return typed.ToString();
    }
}
