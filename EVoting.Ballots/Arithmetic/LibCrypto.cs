using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace EVoting.Ballots.Arithmetic;

/// <summary>
/// The few OpenSSL 3 (libcrypto.so.3) EC and BIGNUM functions the OpenSSL verification arithmetic
/// calls. Only public values ever cross this boundary (ballot points, proof scalars, election keys);
/// secrets stay in BouncyCastle. <see cref="Available"/> is false when the library cannot be loaded
/// (Windows, macOS, a Linux without OpenSSL 3), and then nothing here may be called.
/// </summary>
internal static partial class LibCrypto
{
    private const string Library = "libcrypto.so.3";
    public const int NidP256 = 415; // NID_X9_62_prime256v1
    public const int PointConversionCompressed = 2;

    private static readonly IntPtr Handle = Load();

    public static bool Available => Handle != IntPtr.Zero;

    private static IntPtr Load()
    {
        if (!NativeLibrary.TryLoad(Library, out var handle))
            return IntPtr.Zero;
        // Every name this class imports must resolve, or the whole backend is unavailable.
        foreach (var method in typeof(LibCrypto).GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public))
        {
            if (method.GetCustomAttribute<LibraryImportAttribute>() is not null && !NativeLibrary.TryGetExport(handle, method.Name, out _))
                return IntPtr.Zero;
        }
        NativeLibrary.SetDllImportResolver(typeof(LibCrypto).Assembly,
            (name, _, _) => name == Library ? handle : IntPtr.Zero);
        return handle;
    }

    [LibraryImport(Library)]
    public static partial EcGroupHandle EC_GROUP_new_by_curve_name(int nid);

    [LibraryImport(Library)]
    public static partial EcGroupHandle EC_GROUP_dup(EcGroupHandle group);

    [LibraryImport(Library)]
    public static partial void EC_GROUP_free(IntPtr group);

    [LibraryImport(Library)]
    public static partial IntPtr EC_GROUP_get0_order(EcGroupHandle group);

    [LibraryImport(Library)]
    public static partial IntPtr EC_GROUP_get0_cofactor(EcGroupHandle group);

    [LibraryImport(Library)]
    public static partial int EC_GROUP_set_generator(EcGroupHandle group, EcPointHandle generator, IntPtr order, IntPtr cofactor);

    [LibraryImport(Library)]
    public static partial int EC_GROUP_precompute_mult(EcGroupHandle group, BnCtxHandle ctx);

    [LibraryImport(Library)]
    public static partial EcPointHandle EC_POINT_new(EcGroupHandle group);

    [LibraryImport(Library)]
    public static partial void EC_POINT_free(IntPtr point);

    [LibraryImport(Library)]
    public static unsafe partial int EC_POINT_oct2point(EcGroupHandle group, EcPointHandle point, byte* buffer, nuint length, BnCtxHandle ctx);

    [LibraryImport(Library)]
    public static unsafe partial nuint EC_POINT_point2oct(EcGroupHandle group, EcPointHandle point, int form, byte* buffer, nuint length, BnCtxHandle ctx);

    /// <summary>r = g·(the group's generator) + p·point.</summary>
    [LibraryImport(Library)]
    public static partial int EC_POINT_mul(EcGroupHandle group, EcPointHandle r, BnHandle g, EcPointHandle point, BnHandle p, BnCtxHandle ctx);

    [LibraryImport(Library)]
    public static partial BnHandle BN_new();

    [LibraryImport(Library)]
    public static partial void BN_free(IntPtr bn);

    [LibraryImport(Library)]
    public static unsafe partial IntPtr BN_bin2bn(byte* bytes, int length, BnHandle into);

    [LibraryImport(Library)]
    public static partial BnCtxHandle BN_CTX_new();

    [LibraryImport(Library)]
    public static partial void BN_CTX_free(IntPtr ctx);

    /// <summary>Throws when an OpenSSL call reports failure (0); these calls fail only on allocation failure or misuse.</summary>
    public static void Check(int result, string call)
    {
        if (result != 1)
            throw new InvalidOperationException($"libcrypto {call} failed");
    }
}

internal sealed class EcGroupHandle() : SafeHandleZeroOrMinusOneIsInvalid(true)
{
    protected override bool ReleaseHandle()
    {
        LibCrypto.EC_GROUP_free(handle);
        return true;
    }
}

internal sealed class EcPointHandle() : SafeHandleZeroOrMinusOneIsInvalid(true)
{
    protected override bool ReleaseHandle()
    {
        LibCrypto.EC_POINT_free(handle);
        return true;
    }
}

internal sealed class BnHandle() : SafeHandleZeroOrMinusOneIsInvalid(true)
{
    protected override bool ReleaseHandle()
    {
        LibCrypto.BN_free(handle);
        return true;
    }
}

internal sealed class BnCtxHandle() : SafeHandleZeroOrMinusOneIsInvalid(true)
{
    protected override bool ReleaseHandle()
    {
        LibCrypto.BN_CTX_free(handle);
        return true;
    }
}
