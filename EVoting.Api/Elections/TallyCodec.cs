using System.Text.Json;
using EVoting.Ballots;
using EVoting.Ballots.Trustees;
using EVoting.Api.Data;

namespace EVoting.Api.Elections;

/// <summary>
/// Stores and reads back a tally: aggregate ciphertexts and decryption proofs as lowercase hex
/// (points compressed, the point at infinity as "00" when no ballot was cast), counts as numbers.
/// Reading re-verifies every decryption proof, so a row edited in the database reports verified:false.
/// </summary>
public static class TallyCodec
{
    public static (IReadOnlyList<AggregateCiphertext> Aggregate, IReadOnlyList<DecryptionProof> Proofs, long[] Counts) Encode(
        IReadOnlyList<CandidateDecryption> decryptions) => (
        decryptions.Select(d => new AggregateCiphertext(Hex(P256.EncodeTally(d.A)), Hex(P256.EncodeTally(d.B)))).ToArray(),
        decryptions.Select(d => new DecryptionProof(Hex(P256.EncodeTally(d.D)), Hex(P256.EncodeScalar(d.C)), Hex(P256.EncodeScalar(d.V)))).ToArray(),
        decryptions.Select(d => d.Count).ToArray());

    /// <summary>The sums as the results show them: (A, B) per candidate, infinity as "00".</summary>
    public static IReadOnlyList<AggregateCiphertext> Aggregate(EncryptedTally sums) =>
        sums.A.Zip(sums.B, (a, b) => new AggregateCiphertext(Hex(P256.EncodeTally(a)), Hex(P256.EncodeTally(b)))).ToArray();

    /// <summary>
    /// The response for a stored tally; <paramref name="tally"/> is its election_tally event (null for a tally stored
    /// before it existed) and <paramref name="open"/> the election_open event whose ceremony record the threshold
    /// results are checked against when guardians decrypted.
    /// </summary>
    public static ResultsResponse ToResponse(ElectionRecord election, TallyResult row, ElectionEvent? tally, ElectionEvent? open)
    {
        var counts = JsonSerializer.Deserialize<long[]>(row.Counts) ?? [];
        var aggregate = JsonSerializer.Deserialize<AggregateCiphertext[]>(row.Aggregate, Json) ?? [];
        var proofs = JsonSerializer.Deserialize<DecryptionProof[]>(row.DecryptionProofs, Json) ?? [];
        var candidates = election.Candidates.OrderBy(c => c.Position).ToArray();
        return new ResultsResponse(
            election.Id, election.Status.Text(), row.TotalBallots,
            candidates.Select((c, i) => new CandidateCount(c.Id, c.Name, i < counts.Length ? counts[i] : 0)).ToArray(),
            aggregate, proofs,
            election.ExternalGuardians ? VerifyThreshold(election, counts, tally, open) : Verify(election, counts, aggregate, proofs), row.ComputedAt,
            tally?.TxHash, tally?.Status.Text(), tally is null ? [] : GuardiansWhoTookPart(tally));
    }

    /// <summary>The guardians in any candidate's set S of the election_tally record, in index order.</summary>
    private static IReadOnlyList<int> GuardiansWhoTookPart(ElectionEvent tally)
    {
        using var results = JsonDocument.Parse(Chain.TransactionJson.Parse(tally.Payload).Results);
        return results.RootElement.EnumerateArray()
            .SelectMany(r => r.GetProperty("set").EnumerateArray().Select(g => g.GetInt32()))
            .Distinct().Order().ToArray();
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The counts are the election_tally's, and its record verifies against the ceremony of election_open.</summary>
    private static bool VerifyThreshold(ElectionRecord election, long[] counts, ElectionEvent? tally, ElectionEvent? open)
    {
        if (tally is null || open is null)
            return false;
        try
        {
            var results = Chain.TransactionJson.Parse(tally.Payload).Results;
            return ThresholdJson.ParseResults(results).Select(r => r.Count).SequenceEqual(counts)
                && TrusteeVerifier.VerifyThresholdResults(election.ToBallotElection(), Chain.TransactionJson.Parse(open.Payload).Ceremony, results) is null;
        }
        catch (Exception ex) when (ex is FormatException or BallotFormatException or ArgumentException)
        {
            return false;
        }
    }

    private static bool Verify(ElectionRecord election, long[] counts, AggregateCiphertext[] aggregate, DecryptionProof[] proofs)
    {
        var k = election.Candidates.Count;
        if (counts.Length != k || aggregate.Length != k || proofs.Length != k)
            return false;
        try
        {
            var ballotElection = election.ToBallotElection();
            for (var i = 0; i < k; i++)
            {
                var d = new CandidateDecryption(
                    P256.DecodeTallyPoint(Convert.FromHexString(aggregate[i].Alpha)),
                    P256.DecodeTallyPoint(Convert.FromHexString(aggregate[i].Beta)),
                    P256.DecodeTallyPoint(Convert.FromHexString(proofs[i].D)),
                    P256.DecodeScalar(Convert.FromHexString(proofs[i].C)),
                    P256.DecodeScalar(Convert.FromHexString(proofs[i].V)),
                    counts[i]);
                if (DecryptionVerifier.Verify(ballotElection, d) is not null)
                    return false;
            }
            return true;
        }
        catch (Exception ex) when (ex is FormatException or BallotFormatException or ArgumentException)
        {
            return false;
        }
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
