namespace EVoting.Api.Challenges;

/// <summary>The answer to a posted challenged ballot: where it is listed, by its tracking code.</summary>
public sealed record SpoiledBallotReceipt(int ElectionId, string BallotHash, DateTime PostedAt);
