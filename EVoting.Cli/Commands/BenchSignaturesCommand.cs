using System.CommandLine;
using System.Security.Cryptography;
using EVoting.Chain;
using NBitcoin.Secp256k1;

namespace EVoting.Cli.Commands;

/// <summary>
/// `evoting bench signatures`: secp256k1 signing (RFC 6979, low s, recovery id) and sender recovery as the chain
/// does them (EVoting.Chain), beside NBitcoin.Secp256k1, the managed implementation inside Nethereum.Signer,
/// on the same keys and digests, one core. Prints figures; docs/benchmarks.md records them.
/// </summary>
public static class BenchSignaturesCommand
{
    public static Command Create()
    {
        var command = new Command("signatures", "secp256k1: sign and recover, EVoting.Chain beside NBitcoin.Secp256k1 (managed)");
        var count = new Option<int>("--count") { Description = "Signatures per measurement", DefaultValueFactory = _ => 4000 };
        command.Options.Add(count);
        command.SetAction(parse =>
        {
            var n = parse.GetValue(count);
            if (n < 1)
            {
                Console.Error.WriteLine("--count must be positive");
                return 2;
            }
            Run(n, Console.Out);
            return 0;
        });
        return command;
    }

    public static void Run(int n, TextWriter output)
    {
        output.WriteLine($"secp256k1 benchmark: {n} keys and digests, one core");
        var keys = Enumerable.Range(0, n).Select(_ => EthKey.Generate()).ToArray();
        var digests = Enumerable.Range(0, n).Select(_ => new Hash32(RandomNumberGenerator.GetBytes(32))).ToArray();
        var timer = new BenchTimer();

        var ours = new Signature[n];
        for (var i = 0; i < Math.Min(n, 200); i++)
            keys[i].Sign(digests[i]);
        timer.Restart();
        for (var i = 0; i < n; i++)
            ours[i] = keys[i].Sign(digests[i]);
        timer.Report(output, "EVoting.Chain: sign", n, "op");
        for (var i = 0; i < Math.Min(n, 200); i++)
            Signature.RecoverSigner(digests[i], ours[i]);
        timer.Restart();
        for (var i = 0; i < n; i++)
        {
            if (Signature.RecoverSigner(digests[i], ours[i]) != keys[i].Address)
                throw new InvalidOperationException("EVoting.Chain recovered another signer");
        }
        timer.Report(output, "EVoting.Chain: recover signer", n, "op");

        var managedKeys = keys.Select(k => ECPrivKey.Create(Hex.Decode(k.ToHex()))).ToArray();
        var theirs = new SecpRecoverableECDSASignature[n];
        timer.Restart();
        for (var i = 0; i < n; i++)
        {
            if (!managedKeys[i].TrySignRecoverable(digests[i].ToArray(), out var signature))
                throw new InvalidOperationException("NBitcoin.Secp256k1 did not sign");
            theirs[i] = signature ?? throw new InvalidOperationException("NBitcoin.Secp256k1 did not sign");
        }
        timer.Report(output, "NBitcoin.Secp256k1: sign", n, "op");
        timer.Restart();
        for (var i = 0; i < n; i++)
        {
            if (!ECPubKey.TryRecover(Context.Instance, theirs[i], digests[i].ToArray(), out _))
                throw new InvalidOperationException("NBitcoin.Secp256k1 did not recover");
        }
        timer.Report(output, "NBitcoin.Secp256k1: recover public key", n, "op");

        // Same digests and keys: the same 65 bytes (both RFC 6979, low s).
        for (var i = 0; i < n; i++)
        {
            theirs[i].Deconstruct(out var r, out var s, out var recoveryId);
            var bytes = new byte[Signature.Length];
            r.WriteToSpan(bytes.AsSpan(0, 32));
            s.WriteToSpan(bytes.AsSpan(32, 32));
            bytes[64] = (byte)(27 + recoveryId);
            if (new Signature(bytes) != ours[i])
                throw new InvalidOperationException($"signature {i} differs from NBitcoin.Secp256k1's");
        }
        output.WriteLine($"  all {n} signatures byte-identical to NBitcoin.Secp256k1's");
    }
}
