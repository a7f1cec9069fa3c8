using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EVoting.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class CeremonyRestart : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Complaints move from the complainer's guardian row to the election, which keeps every judged complaint
            // of every round (docs/trustees.md "A complaint"). A ceremony that failed under the old rule (one upheld
            // complaint) is carried over as failed, so it still cannot open.
            migrationBuilder.AddColumn<string>(
                name: "ceremony_complaints",
                table: "election",
                type: "longtext",
                nullable: true)
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.Sql("""
                UPDATE election e JOIN election_guardian g ON g.election_id = e.id AND g.complaint IS NOT NULL
                SET e.ceremony_complaints = JSON_ARRAY(JSON_OBJECT(
                    'round', 1, 'by', g.guardian_index, 'by_name', g.name,
                    'accused', JSON_EXTRACT(g.complaint, '$.from'), 'accused_name', '',
                    'share', JSON_UNQUOTE(JSON_EXTRACT(g.complaint, '$.share')), 'ruling', 'failed',
                    'reason', 'An upheld complaint failed this ceremony before restarts existed. Create the election again.',
                    'at', DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%dT%H:%i:%sZ')))
                WHERE e.ceremony_complaints IS NULL
                """);
            migrationBuilder.Sql("UPDATE election_guardian SET verdict = NULL WHERE verdict = 'complaint'");

            migrationBuilder.DropColumn(
                name: "complaint",
                table: "election_guardian");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ceremony_complaints",
                table: "election");

            migrationBuilder.AddColumn<string>(
                name: "complaint",
                table: "election_guardian",
                type: "longtext",
                nullable: true)
                .Annotation("MySql:CharSet", "utf8mb4");
        }
    }
}
