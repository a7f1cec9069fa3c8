using Microsoft.EntityFrameworkCore;
using MySqlConnector;

namespace EVoting.Api.Data;

public static class DbErrors
{
    /// <summary>MariaDB error 1062 (ER_DUP_ENTRY): a unique index refused the row.</summary>
    public static bool IsUniqueViolation(this DbUpdateException ex) =>
        ex.InnerException is MySqlException { ErrorCode: MySqlErrorCode.DuplicateKeyEntry };

    /// <summary>A deadlock or lock-wait timeout: InnoDB rolled the statement back; the transaction may be retried.</summary>
    public static bool IsLockConflict(this Exception ex) =>
        (ex as MySqlException ?? ex.InnerException as MySqlException) is { ErrorCode: MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout };

    /// <summary>
    /// Runs <paramref name="transaction"/> again (up to 5 times, 20 ms × attempt apart) when InnoDB undid it for a
    /// deadlock or lock-wait timeout; the context's tracked entities are dropped and <paramref name="reset"/> runs first,
    /// so the retry starts clean and then sees whichever transaction won.
    /// </summary>
    public static async Task<T> RetryOnLockConflictAsync<T>(this DbContext db, Func<Task<T>> transaction, Action reset, CancellationToken ct)
    {
        const int maxAttempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await transaction();
            }
            catch (Exception ex) when (ex.IsLockConflict() && attempt < maxAttempts)
            {
                db.ChangeTracker.Clear();
                reset();
                await Task.Delay(20 * attempt, ct);
            }
        }
    }
}
