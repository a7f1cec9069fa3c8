using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EVoting.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class VoteTraceContext : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "traceparent",
                table: "vote_transactions",
                type: "varchar(128)",
                maxLength: 128,
                nullable: true)
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<string>(
                name: "tracestate",
                table: "vote_transactions",
                type: "varchar(512)",
                maxLength: 512,
                nullable: true)
                .Annotation("MySql:CharSet", "utf8mb4");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "traceparent",
                table: "vote_transactions");

            migrationBuilder.DropColumn(
                name: "tracestate",
                table: "vote_transactions");
        }
    }
}
