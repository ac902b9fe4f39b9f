import Fluent
import Foundation

/// What other capabilities read of the council's topics: a topic's committee and title, by id
/// (the surveys check a result's link to a topic, and show it). The council owns the table.
struct CouncilTopicDirectory: Sendable {
    let db: any Database

    struct Topic: Sendable, Equatable {
        var id: UUID
        var committeeID: UUID
        var title: String
    }

    func topics(_ ids: [UUID]) async throws -> [UUID: Topic] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await CouncilTopic.query(on: db).filter(\.$id ~~ Array(Set(ids))).all()
        return Dictionary(rows.map { ($0.id!, Topic(id: $0.id!, committeeID: $0.committeeID, title: $0.title)) }, uniquingKeysWith: { a, _ in a })
    }

    /// The topics of these committees, newest first: what a survey result may be linked to.
    func topics(ofCommittees committees: [UUID], limit: Int = 200) async throws -> [Topic] {
        guard !committees.isEmpty else { return [] }
        return try await CouncilTopic.query(on: db).filter(\.$committeeID ~~ committees).sort(\.$createdAt, .descending).limit(limit).all()
            .map { Topic(id: $0.id!, committeeID: $0.committeeID, title: $0.title) }
    }
}

/// What the registry reads of the owners' votes: whether one of a compound's is open (its
/// register of exclusive parts is not replaced under it).
struct OwnersVoteDirectory: Sendable {
    let db: any Database

    /// The open vote's title, if one is open.
    func openVote(compound: UUID) async throws -> String? {
        try await OwnersVote.query(on: db).filter(\.$compoundID == compound).filter(\.$closedOn == nil).first()?.title
    }

    /// The owners who cast a ballot in any of a compound's votes.
    func owners(whoVotedIn compound: UUID) async throws -> Set<UUID> {
        let votes = try await OwnersVote.query(on: db).filter(\.$compoundID == compound).all().compactMap(\.id)
        guard !votes.isEmpty else { return [] }
        return Set(try await OwnerBallotRecord.query(on: db).filter(\.$voteID ~~ votes).all().map(\.ownerID))
    }
}
