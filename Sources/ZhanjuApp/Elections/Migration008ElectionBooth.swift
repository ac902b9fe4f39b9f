import Fluent
import Foundation

/// 008: polling on paper: the ballot boxes of a round (the booth's, and mobile boxes with the
/// staff who carry them) and the paper ballots as each clerk entered them (double entry). A
/// paper's number is its place in the count, not in the queue at the booth, and no entry names a
/// voter or carries a time.
struct Migration008ElectionBooth: AsyncMigration {
    var name: String { "008-election-booth" }

    func prepare(on db: any Database) async throws {
        try await db.schema("election_boxes").id()
            .field("election_id", .uuid, .required, .references("elections", "id"))
            .field("round", .int, .required)
            .field("label", .string, .required)
            .field("kind", .string, .required)
            // Resident ids of the staff carrying a mobile box, comma-separated.
            .field("carriers", .string, .required)
            .unique(on: "election_id", "round", "label")
            .create()
        try await db.schema("election_paper_entries").id()
            .field("election_id", .uuid, .required, .references("elections", "id"))
            .field("round", .int, .required)
            .field("box", .string, .required)
            .field("number", .int, .required)
            // The account that entered it (each paper is entered by two clerks, independently).
            .field("clerk", .uuid, .required)
            .field("ballot", .string, .required)
            .field("state", .string, .required)
            .unique(on: "election_id", "round", "box", "number", "clerk")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("election_paper_entries").delete()
        try await db.schema("election_boxes").delete()
    }
}
