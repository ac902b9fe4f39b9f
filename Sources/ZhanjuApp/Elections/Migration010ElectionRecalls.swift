import Fluent
import Foundation

/// 010: recalls (罢免) of members the committee's election seated: the petition with its signers
/// and the roll it was checked against, and the vote's figures and decision.
struct Migration010ElectionRecalls: AsyncMigration {
    var name: String { "010-election-recalls" }

    func prepare(on db: any Database) async throws {
        try await db.schema("election_recalls").id()
            .field("election_id", .uuid, .required, .references("elections", "id"))
            .field("member_id", .uuid, .required, .references("residents", "id"))
            .field("member_name", .string, .required)
            .field("post", .string, .required)
            .field("appointment_id", .uuid, .required)
            .field("reason", .string, .required)
            .field("signers", .string, .required)
            .field("petition_roll", .int, .required)
            .field("petition_explanations", .string, .required)
            .field("petitioned_on", .string, .required)
            .field("state", .string, .required)
            .field("registered_voters", .int)
            .field("ballots_cast", .int)
            .field("in_favour", .int)
            .field("vote_explanations", .string)
            .field("decided_on", .string)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("election_recalls").delete()
    }
}
