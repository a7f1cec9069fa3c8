namespace EVoting.Tests.Hosting;

/// <summary>Waits for a condition of a running system (a height, a final transaction, a status field) to hold.</summary>
internal static class Poll
{
    /// <summary>Checks every 200 ms; a request that fails or times out counts as "not yet".</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await condition())
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // not answering yet
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"timed out after {timeout.TotalSeconds} s waiting for {what}");
            await Task.Delay(200, ct);
        }
    }
}
