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
}
