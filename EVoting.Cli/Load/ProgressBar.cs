namespace EVoting.Cli.Load;

/// <summary>A one-line progress bar on the terminal's stderr; silent when stderr is not a terminal.</summary>
public sealed class ProgressBar(TextWriter writer, bool enabled)
{
    private const int Width = 30;

    public void Show(string phase, int done, int total, string detail = "")
    {
        if (!enabled || total <= 0) return;
        var filled = (int)Math.Round(Width * Math.Min(1.0, (double)done / total));
        writer.Write($"\r{phase,-10} [{new string('#', filled)}{new string('.', Width - filled)}] {done}/{total} {detail}".PadRight(100));
    }

    public void Done()
    {
        if (enabled) writer.WriteLine();
    }
}
