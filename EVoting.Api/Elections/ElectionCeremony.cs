using EVoting.Api.Data;
using EVoting.Ballots.Trustees;

namespace EVoting.Api.Elections;

/// <summary>
/// The ceremony record an election's election_open carries (docs/trustees.md "The election record on chain"). With
/// the server as the one guardian (g = q = 1, the default) the API holds s and proves K_{1,0} = K itself.
/// </summary>
public sealed class ElectionCeremony(ElectionCreator keys)
{
    public string RecordFor(ElectionRecord election) =>
        CeremonyJson.Serialize(SingleTrustee.Ceremony((ulong)election.Id, keys.OpenKey(election)));
}
