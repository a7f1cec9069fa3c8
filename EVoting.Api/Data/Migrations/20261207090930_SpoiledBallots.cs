using System;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EVoting.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class SpoiledBallots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "spoiled_ballots",
                columns: table => new
                {
                    id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.IdentityColumn),
                    election_id = table.Column<int>(type: "int", nullable: false),
                    ballot_hash = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    challenged_json = table.Column<string>(type: "longtext", nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    posted_at = table.Column<DateTime>(type: "datetime(6)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spoiled_ballots", x => x.id);
                    table.ForeignKey(
                        name: "FK_spoiled_ballots_election_election_id",
                        column: x => x.election_id,
                        principalTable: "election",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                })
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateIndex(
                name: "IX_vote_transactions_election_id_ballot_hash",
                table: "vote_transactions",
                columns: new[] { "election_id", "ballot_hash" });

            // The new index starts with election_id, so it serves the foreign key; MariaDB drops the old one only
            // once the new one exists.
            migrationBuilder.DropIndex(
                name: "IX_vote_transactions_election_id",
                table: "vote_transactions");

            migrationBuilder.CreateIndex(
                name: "IX_spoiled_ballots_election_id_ballot_hash",
                table: "spoiled_ballots",
                columns: new[] { "election_id", "ballot_hash" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "spoiled_ballots");

            migrationBuilder.CreateIndex(
                name: "IX_vote_transactions_election_id",
                table: "vote_transactions",
                column: "election_id");

            migrationBuilder.DropIndex(
                name: "IX_vote_transactions_election_id_ballot_hash",
                table: "vote_transactions");
        }
    }
}
