import Fluent
import Foundation

/// Who lives in a household, for other capabilities (services filing for a household at the
/// counter) without their reading the registry's tables themselves.
enum HouseholdPeople {
    /// The head of the household, or its eldest member where no head is recorded.
    static func head(of household: UUID, on db: any Database) async throws -> UUID? {
        let members = try await Resident.query(on: db).filter(\.$household.$id == household).sort(\.$birthDate).all()
        return (members.first { $0.relation == Relation.head.rawValue } ?? members.first)?.id
    }
}
