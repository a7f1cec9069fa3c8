using System;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EVoting.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class VoterRoll : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Elections created before rolls existed let every account vote: they stay "open".
            migrationBuilder.AddColumn<string>(
                name: "eligibility",
                table: "election",
                type: "varchar(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "open")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<DateTime>(
                name: "roll_codes_expire_at",
                table: "election",
                type: "datetime(6)",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "roll_codes_issued_at",
                table: "election",
                type: "datetime(6)",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "roll_entries",
                table: "election",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "roll_entry",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.IdentityColumn),
                    election_id = table.Column<int>(type: "int", nullable: false),
                    identifier = table.Column<string>(type: "varchar(254)", maxLength: 254, nullable: false, collation: "utf8mb4_bin")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    code_hash = table.Column<byte[]>(type: "binary(32)", nullable: true),
                    voter_id = table.Column<int>(type: "int", nullable: true),
                    enrolled_at = table.Column<DateTime>(type: "datetime(6)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_roll_entry", x => x.id);
                    table.ForeignKey(
                        name: "FK_roll_entry_election_election_id",
                        column: x => x.election_id,
                        principalTable: "election",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_roll_entry_voter_voter_id",
                        column: x => x.voter_id,
                        principalTable: "voter",
                        principalColumn: "id");
                })
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateIndex(
                name: "IX_roll_entry_code_hash",
                table: "roll_entry",
                column: "code_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_roll_entry_election_id_identifier",
                table: "roll_entry",
                columns: new[] { "election_id", "identifier" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_roll_entry_election_id_voter_id",
                table: "roll_entry",
                columns: new[] { "election_id", "voter_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_roll_entry_voter_id",
                table: "roll_entry",
                column: "voter_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "roll_entry");

            migrationBuilder.DropColumn(
                name: "eligibility",
                table: "election");

            migrationBuilder.DropColumn(
                name: "roll_codes_expire_at",
                table: "election");

            migrationBuilder.DropColumn(
                name: "roll_codes_issued_at",
                table: "election");

            migrationBuilder.DropColumn(
                name: "roll_entries",
                table: "election");
        }
    }
}
