namespace EVoting.Api.Roll;

/// <summary>What an upload stored: <see cref="Entries"/> distinct identifiers, after dropping duplicates and blank lines.</summary>
public sealed record RollUploadResponse(int Entries, long Duplicates, long BlankLines);

public sealed record EnrolRequest(string? Code);

/// <summary>The election an enrolment code added to the account.</summary>
public sealed record EnrolmentResponse(int ElectionId, string Title);
