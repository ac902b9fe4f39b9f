import Fluent
import Foundation
import SQLKit

/// 007: residents' committee elections: the election with its rule set, its posts and staff, the
/// voter roll with its changes and objections, nominations, candidate lists, one-time voting
/// codes (hashes only), the ballots (each its own entry of the public, hash-chained ballot log:
/// no voter, no time) and the counted rounds.
struct Migration007Elections: AsyncMigration {
    var name: String { "007-elections" }

    func prepare(on db: any Database) async throws {
        try await db.schema("elections").id()
            .field("committee_id", .uuid, .required, .references("residents_committees", "id"))
            .field("name_zh", .string, .required).field("name_en", .string, .required)
            .field("rule_set_name", .string, .required).field("rule_set_version", .int, .required)
            // The rule set's every parameter as it stood when the election was called (JSON).
            .field("rules", .string, .required)
            .field("method", .string, .required)
            .field("polling_day", .string, .required)
            .field("stage", .string, .required)
            .field("round", .int, .required)
            .field("roll_published_on", .string)
            .field("final_list_published_on", .string)
            .field("announced_on", .string)
            // The ballot log's length and last hash, advanced in the write that appends a ballot.
            .field("log_length", .int, .required)
            .field("log_head", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("election_posts").id()
            .field("election_id", .uuid, .required, .references("elections", "id"))
            .field("post", .string, .required)
            .field("seats", .int, .required)
            .unique(on: "election_id", "post")
            .create()
        try await db.schema("election_staff").id()
            .field("election_id", .uuid, .required, .references("elections", "id"))
            .field("resident_id", .uuid, .required, .references("residents", "id"))
            .field("name", .string, .required)
            .field("role", .string, .required)
            .unique(on: "election_id", "resident_id", "role")
            .create()
        // The roll: one row per voter. `voted_round` is the "has voted" mark, written in the same
        // write as the ballot; it carries no time, and updating it keeps the row where it was, so
        // the order of marks says nothing about the order of ballots.
        try await db.schema("election_roll").id()
            .field("election_id", .uuid, .required, .references("elections", "id"))
            .field("resident_id", .uuid, .required, .references("residents", "id"))
            .field("name", .string, .required)
            .field("sex", .string, .required)
            .field("door", .string, .required)
            .field("household_id", .uuid, .required)
            .field("basis", .string, .required)
            .field("position", .int, .required)
            .field("removed", .bool, .required)
            .field("voted_round", .int)
            .unique(on: "election_id", "resident_id")
            .create()
        try await db.schema("election_roll_changes").id()
            .field("election_id", .uuid, .required, .references("elections", "id"))
            .field("seq", .int, .required)
            .field("resident_id", .uuid, .required, .references("residents", "id"))
            .field("name", .string, .required)
            .field("change", .string, .required)
            .field("reason", .string, .required)
            .field("changed_on", .string, .required)
            .unique(on: "election_id", "seq")
            .create()
        try await db.schema("election_objections").id()
            .field("election_id", .uuid, .required, .references("elections", "id"))
            .field("resident_id", .uuid, .required, .references("residents", "id"))
            .field("name", .string, .required)
            .field("request", .string, .required)
            .field("reason", .string, .required)
            .field("raised_on", .string, .required)
            .field("decision", .string)
            .field("answer", .string)
            .field("answered_on", .string)
            .create()
        try await db.schema("election_nominations").id()
            .field("election_id", .uuid, .required, .references("elections", "id"))
            .field("nominee_id", .uuid, .required, .references("residents", "id"))
            .field("nominee_name", .string, .required)
            .field("post", .string, .required)
            .field("kind", .string, .required)
            .field("group_name", .string)
            // Signers' resident ids, comma-separated.
            .field("signers", .string, .required)
            .field("made_on", .string, .required)
            .create()
        try await db.schema("election_candidates").id()
            .field("election_id", .uuid, .required, .references("elections", "id"))
            .field("resident_id", .uuid, .required, .references("residents", "id"))
            .field("name", .string, .required)
            .field("sex", .string, .required)
            .field("post", .string, .required)
            .field("list", .string, .required)
            .unique(on: "election_id", "resident_id", "list")
            .create()
        // One code per voter per round (the unique key), used once: the voter's mark on the roll,
        // written with the ballot, spends it (`used` was set beside that mark in earlier versions
        // and is no longer written; VotingCode). Only the code's hash is kept.
        try await db.schema("election_codes").id()
            .field("election_id", .uuid, .required, .references("elections", "id"))
            .field("round", .int, .required)
            .field("roll_entry_id", .uuid, .required, .references("election_roll", "id"))
            .field("code_hash", .string, .required)
            .field("used", .bool, .required)
            .unique(on: "election_id", "round", "roll_entry_id")
            .unique(on: "code_hash")
            .create()
        // A ballot is its own entry of the public log: a random id, the round, its place in the
        // chain, its receipt, its marks, and the hashes. No voter, no code, no time.
        try await db.schema("election_ballots").id()
            .field("election_id", .uuid, .required, .references("elections", "id"))
            .field("round", .int, .required)
            .field("sequence", .int, .required)
            .field("receipt", .string, .required)
            .field("ballot", .string, .required)
            .field("previous", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "election_id", "sequence")
            .unique(on: "election_id", "receipt")
            .create()
        // Each round's ballot (posts, seats, candidates) and, once counted, its result.
        try await db.schema("election_rounds").id()
            .field("election_id", .uuid, .required, .references("elections", "id"))
            .field("number", .int, .required)
            .field("definition", .string, .required)
            .field("ballots_issued", .int, .required)
            .field("result", .string)
            .field("scrutineers", .string)
            .field("log_head", .string)
            .field("counted_on", .string)
            .unique(on: "election_id", "number")
            .create()
    }

    func revert(on db: any Database) async throws {
        for table in ["election_rounds", "election_ballots", "election_codes", "election_candidates", "election_nominations",
                      "election_objections", "election_roll_changes", "election_roll", "election_staff", "election_posts", "elections"] {
            try await db.schema(table).delete()
        }
    }
}
