namespace EVoting.Chain;

/// <summary>
/// Checks a vote's ballot proofs against its election. Pluggable so the chain library stays free of
/// ballot cryptography; EVoting.Ballots provides the real rule.
/// </summary>
public interface IBallotRule
{
    bool Verify(ElectionInfo election, Transaction vote, out string? error);

    /// <summary>Per-item error (null when valid). Implementations may verify the batch at once.</summary>
    string?[] VerifyBatch(IReadOnlyList<(ElectionInfo Election, Transaction Vote)> items)
    {
        var errors = new string?[items.Count];
        for (var i = 0; i < items.Count; i++)
            errors[i] = Verify(items[i].Election, items[i].Vote, out var e) ? null : e;
        return errors;
    }
}
