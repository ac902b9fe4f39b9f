import Fluent
import Foundation
import SQLKit

/// 030: each round's distinct forms of ballot with how many were cast like each, kept by the
/// write that appends the ballots, so the count reads a few dozen rows rather than grouping a
/// million (issue 12: a million ballots tallied in under 2 s). The log stays the record: the
/// offline check recounts from it. Elections already held get their forms from their ballots.
struct Migration030ElectionBallotForms: AsyncMigration {
    var name: String { "030-election-ballot-forms" }

    private struct Group: Decodable { var election_id: UUID; var round: Int; var ballot: String; var n: Int }

    func prepare(on db: any Database) async throws {
        try await db.schema("election_ballot_forms").id()
            .field("election_id", .uuid, .required, .references("elections", "id"))
            .field("round", .int, .required)
            .field("ballot", .string, .required)
            .field("count", .int, .required)
            .unique(on: "election_id", "round", "ballot")
            .create()
        let sql = db as! any SQLDatabase
        let groups = try await sql.raw("SELECT election_id, round, ballot, COUNT(*) AS n FROM election_ballots GROUP BY election_id, round, ballot")
            .all(decoding: Group.self)
        for chunk in stride(from: 0, to: groups.count, by: 1_000) {
            let insert = sql.insert(into: "election_ballot_forms").columns("id", "election_id", "round", "ballot", "count")
            for g in groups[chunk..<min(groups.count, chunk + 1_000)] {
                insert.values(SQLBind(UUID()), SQLBind(g.election_id), SQLBind(g.round), SQLBind(g.ballot), SQLBind(g.n))
            }
            try await insert.run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema("election_ballot_forms").delete()
    }
}
