using System.ComponentModel.DataAnnotations;
using EVoting.Api.Data;

namespace EVoting.Api.Accounts;

public sealed record RegisterRequest(string? Email, string? Password, string? FullName, string? EnrolmentCode = null);
public sealed record LoginRequest(string? Email, string? Password);
public sealed record VoterResponse(int Id, string Email, string FullName, [property: AllowedValues(Roles.Voter, Roles.Admin)] string Role, DateTime CreatedAt);
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);
