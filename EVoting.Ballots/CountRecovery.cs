using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace EVoting.Ballots;

/// <summary>Baby-step giant-step for T in [0, max] with T·K = target; the baby-step table is built once per tally.</summary>
public sealed class CountRecovery
{
    private readonly Dictionary<string, long> babySteps = new(StringComparer.Ordinal);
    private readonly ECPoint giantStep;
    private readonly long stepCount;
    private readonly long max;

    public CountRecovery(ECPoint key, long max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        this.max = max;
        stepCount = (long)Math.Ceiling(Math.Sqrt(max + 1.0));
        var points = new ECPoint[stepCount];
        var current = P256.Infinity;
        for (var j = 0; j < stepCount; j++)
        {
            points[j] = current;
            current = current.Add(key);
        }
        P256.Curve.NormalizeAll(points);
        for (var j = 0; j < stepCount; j++)
            babySteps.TryAdd(Key(points[j]), j);
        giantStep = P256.MultiplyFixed(key, BigInteger.ValueOf(stepCount)).Negate();
    }

    /// <summary>T, or null when no T in [0, max] fits.</summary>
    public long? Solve(ECPoint target)
    {
        var gamma = target.Normalize();
        for (long i = 0; i * stepCount <= max; i++)
        {
            if (babySteps.TryGetValue(Key(gamma), out var j) && i * stepCount + j <= max)
                return i * stepCount + j;
            gamma = gamma.Add(giantStep).Normalize();
        }
        return null;
    }

    private static string Key(ECPoint p) => Convert.ToHexString(P256.EncodeTally(p));
}
