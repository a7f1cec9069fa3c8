namespace EVoting.Ballots.Trustees;

/// <summary>
/// g = q = 1 with one holder of the whole election secret s (the API in its demo mode): guardian 1's polynomial is the
/// constant s, so K*_1 = K, and its partial decryptions M_1 = s·A are the decryption D. The record it produces is the
/// one a guardians' ceremony and threshold tally produce, so one verifier checks both (docs/trustees.md).
/// </summary>
public static class SingleTrustee
{
    public static CeremonyParameters Parameters(ulong electionId) => new(electionId, 1, 1);

    /// <summary>The ceremony record: K_{1,0} = K with its Schnorr proof.</summary>
    public static CeremonyRecord Ceremony(ulong electionId, ElectionKeyPair key)
    {
        var commitments = GuardianPolynomial.FromCoefficients(Parameters(electionId), 1, [key.Secret]).Commit();
        return CeremonyRecord.From(CeremonyResult.FromCommitments(Parameters(electionId), [commitments]), [commitments]);
    }

    /// <summary>Guardian 1's partial decryption of every candidate's aggregate, combined into the threshold results.</summary>
    public static IReadOnlyList<ThresholdCandidateResult> Decrypt(Election election, ElectionKeyPair key, EncryptedTally tally)
    {
        var ceremony = Ceremony(election.Id, key).Verify();
        var shares = Enumerable.Range(0, election.Candidates)
            .Select(i => (IReadOnlyList<PartialDecryption>)[PartialDecryption.Create(election, 1, key.Secret, election.Key, tally.A[i], tally.B[i])])
            .ToArray();
        return ThresholdTally.Combine(election, ceremony, tally, shares);
    }
}
