using System.Runtime.InteropServices;
using EVoting.Ballots;
using EVoting.Ballots.Arithmetic;
using Org.BouncyCastle.Math;
using Xunit;

namespace EVoting.Tests.Ballots;

/// <summary>
/// The two verification backends (OpenSSL's libcrypto, BouncyCastle) must be interchangeable:
/// every shared vector, random ballot and tampered ballot gets the same verdict and reason from
/// each, and both recompute byte-identical commitments.
/// </summary>
public class VerificationBackendTests
{
    public static TheoryData<string> Backends => ["OpenSSL", "BouncyCastle"];

    private static VerificationArithmetic Backend(string name)
    {
        if (name == "BouncyCastle")
            return BouncyCastleArithmetic.Instance;
        // Linux always has it here: .NET's own cryptography needs libcrypto.
        Assert.SkipUnless(OperatingSystem.IsLinux(), "libcrypto.so.3 is only expected on Linux");
        return OpenSslArithmetic.TryCreate() ?? throw new InvalidOperationException("libcrypto.so.3 did not load or failed its self-test");
    }

    private static VerificationArithmetic OpenSsl => Backend("OpenSSL");

    private static string? VerifyJson(Election election, string json, VerificationArithmetic backend) =>
        BallotJson.TryParse(json, out var ballot, out var error) ? BallotVerifier.Verify(election, ballot!, backend) : error;

    /// <summary>Both verdicts, asserted equal, and (when the ballot has statements) byte-equal commitments.</summary>
    private static string? VerifyOnBoth(Election election, Ballot ballot)
    {
        var openSsl = BallotVerifier.Verify(election, ballot, OpenSsl);
        Assert.Equal(BallotVerifier.Verify(election, ballot, BouncyCastleArithmetic.Instance), openSsl);
        if (BallotVerifier.CheckShape(election, ballot) is null && BallotVerifier.Statements(ballot) is { } statements)
            Assert.Equal(Commitments(election, statements, BouncyCastleArithmetic.Instance), Commitments(election, statements, OpenSsl));
        return openSsl;
    }

    private static string Commitments(Election election, ProofStatement[] statements, VerificationArithmetic backend)
    {
        var encoded = new byte[VerificationArithmetic.CommitmentCount(statements) * P256.PointLength];
        backend.EncodeCommitments(election, statements, encoded);
        return Convert.ToHexString(encoded);
    }

    [Fact]
    public void OpenSsl_is_the_default_wherever_libcrypto_3_loads()
    {
        if (NativeLibrary.TryLoad("libcrypto.so.3", out var handle))
        {
            NativeLibrary.Free(handle);
            Assert.NotNull(OpenSslArithmetic.TryCreate());
            Assert.Equal("OpenSSL", BallotVerifier.Backend);
        }
        else
        {
            Assert.Null(OpenSslArithmetic.TryCreate());
            Assert.Equal("BouncyCastle", BallotVerifier.Backend);
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Every_positive_vector_verifies(string name)
    {
        var backend = Backend(name);
        foreach (var file in new[] { "deterministic.json", "csharp-ballots.json", "ts-ballots.json", "ts-deterministic.json" })
        {
            foreach (var item in VectorFiles.Read(file)["cases"]!.AsArray())
            {
                var election = VectorMaker.ElectionFrom(item!["election"]!);
                var reason = VerifyJson(election, item["ballot"]!.ToJsonString(), backend);
                Assert.True(reason is null, $"{name}, {file}: {item["name"]}: {reason}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Every_negative_vector_is_rejected_for_its_reason(string name)
    {
        var backend = Backend(name);
        foreach (var item in VectorFiles.Read("negative.json")["cases"]!.AsArray())
        {
            var election = VectorMaker.ElectionFrom(item!["election"]!);
            var reason = VerifyJson(election, item["ballot"]!.ToJsonString(), backend);
            Assert.True(item["reason"]!.GetValue<string>() == reason, $"{name}: {item["name"]}: expected '{item["reason"]}', got '{reason}'");
        }
    }

    [Fact]
    public void Vectors_recompute_identical_commitments_on_both_backends()
    {
        foreach (var file in new[] { "deterministic.json", "ts-ballots.json", "negative.json" })
        {
            foreach (var item in VectorFiles.Read(file)["cases"]!.AsArray())
            {
                if (BallotJson.TryParse(item!["ballot"]!.ToJsonString(), out var ballot, out _))
                    VerifyOnBoth(VectorMaker.ElectionFrom(item["election"]!), ballot!);
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(5, 1)]
    [InlineData(8, 3)]
    public void Random_ballots_verify_on_both_backends(int candidates, int maxSelections)
    {
        var election = BallotFixtures.Election(31, candidates, maxSelections);
        for (var i = 0; i < 6; i++)
        {
            var selections = Enumerable.Range(0, candidates).Select(c => c < maxSelections && (i + c) % 2 == 0 ? 1 : 0).ToArray();
            Assert.Null(VerifyOnBoth(election, BallotEncryptor.Encrypt(election, selections)));
        }
    }

    public static TheoryData<string> Tampering => [.. Tamperings.Keys];

    private static readonly BigInteger One = BigInteger.One;

    /// <summary>Ways to break a valid 5-candidate ballot whose candidate-2 randomness is ξ.</summary>
    private static readonly Dictionary<string, Func<Ballot, BigInteger, Ballot>> Tamperings = new()
    {
        ["c_0 + 1 in proof 1"] = (b, _) => WithProof(b, 0, p => new RangeProof([P256.Mod(p.C[0].Add(One)), p.C[1]], p.V)),
        ["v_1 + 1 in proof 3"] = (b, _) => WithProof(b, 2, p => new RangeProof(p.C, [p.V[0], P256.Mod(p.V[1].Add(One))])),
        ["c and v swapped in proof 4"] = (b, _) => WithProof(b, 3, p => new RangeProof(p.V, p.C)),
        ["all-zero proof 5"] = (b, _) => WithProof(b, 4, _ => new RangeProof([BigInteger.Zero, BigInteger.Zero], [BigInteger.Zero, BigInteger.Zero])),
        ["ciphertexts 1 and 2 swapped"] = (b, _) => b with { Ciphertexts = [b.Ciphertexts[1], b.Ciphertexts[0], .. b.Ciphertexts.Skip(2)] },
        ["alpha and beta swapped in ciphertext 3"] = (b, _) => b with
        {
            Ciphertexts = [.. b.Ciphertexts.Select((ct, i) => i == 2 ? new Ciphertext(ct.Beta, ct.Alpha) : ct)],
        },
        ["beta of ciphertext 5 plus G"] = (b, _) => b with
        {
            Ciphertexts = [.. b.Ciphertexts.Select((ct, i) => i == 4 ? new Ciphertext(ct.Alpha, ct.Beta.Add(P256.G).Normalize()) : ct)],
        },
        ["sum proof c_1 + 1"] = (b, _) => b with { SumProof = new RangeProof([b.SumProof.C[0], P256.Mod(b.SumProof.C[1].Add(One))], b.SumProof.V) },
        ["sum proof v_0 = 0"] = (b, _) => b with { SumProof = new RangeProof(b.SumProof.C, [BigInteger.Zero, b.SumProof.V[1]]) },
        // a_0 = v_0·G + c_0·ξ·G is the point at infinity: both backends must encode it as "no encoding".
        ["infinite commitment a_0 in proof 2"] = (b, xi) => WithProof(b, 1, p => new RangeProof(p.C, [P256.Mod(p.C[0].Multiply(xi).Negate()), p.V[1]])),
        // Scalars out of [0, n) cannot be decoded, but the public records can carry them: both reduce mod n.
        ["hand-built scalars c_0 + n and v_0 − n in proof 1"] = (b, _) => WithProof(b, 0, p => new RangeProof([p.C[0].Add(P256.N), p.C[1]], [p.V[0].Subtract(P256.N), p.V[1]])),
    };

    private static Ballot WithProof(Ballot ballot, int index, Func<RangeProof, RangeProof> change) =>
        ballot with { Proofs = [.. ballot.Proofs.Select((p, i) => i == index ? change(p) : p)] };

    [Theory]
    [MemberData(nameof(Tampering))]
    public void Tampered_ballots_get_the_same_reason_from_both_backends(string how)
    {
        var election = BallotFixtures.Election(32, 5, 1);
        var randomness = BallotRandomness.Random(5, 1);
        var ballot = BallotEncryptor.EncryptDeterministic(election, BallotFixtures.OneHot(5, 2), randomness);
        var tampered = Tamperings[how](ballot, randomness.Xi[1]);
        var reason = VerifyOnBoth(election, tampered);
        if (how.StartsWith("hand-built", StringComparison.Ordinal))
            Assert.Null(reason); // the same group elements, so the same (valid) proof
        else
            Assert.NotNull(reason);
    }

    [Fact]
    public void Parallel_batches_over_several_election_keys_match_the_portable_backend()
    {
        // Three keys (so three OpenSSL key groups built concurrently), valid and tampered ballots mixed.
        var elections = Enumerable.Range(0, 3).Select(i => new Election((ulong)(40 + i), ElectionKeyPair.Generate().PublicKey, 3, 1)).ToArray();
        var items = new List<(Election, Ballot)>();
        for (var i = 0; i < 60; i++)
        {
            var election = elections[i % 3];
            var ballot = BallotEncryptor.EncryptChoice(election, i % 4);
            items.Add((election, i % 5 == 0 ? WithProof(ballot, 1, p => new RangeProof(p.V, p.C)) : ballot));
        }
        var fast = BallotVerifier.VerifyBatch(items, OpenSsl, 4);
        var portable = BallotVerifier.VerifyBatch(items, BouncyCastleArithmetic.Instance, 1);
        Assert.Equal(portable, fast);
        Assert.Equal(12, fast.Count(r => r == BallotErrors.RangeProofInvalid));
        Assert.Equal(48, fast.Count(r => r is null));
    }
}
