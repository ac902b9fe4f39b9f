import Fluent
import Foundation
import SQLKit

/// A grid cuts across compounds (RULES.md, grids), so a grant for a grid reaches the households
/// that carry its id. For writes that is not enough: a grid worker naming their own grid must
/// not place a household in, or move one to, a compound the grid does not serve. A grid serves
/// the compounds where it already has households; the workstation extends it there.
enum GridReach {
    static func serves(grid: UUID, compound: UUID, on db: any Database) async throws -> Bool {
        try await Household.query(on: db).filter(\.$grid.$id == grid).filter(\.$compound.$id == compound).field(\.$id).first() != nil
    }

    /// The compounds among these that a grid serves (for the household form's choice).
    static func served(by grids: Set<UUID>, on db: any Database) async throws -> Set<UUID> {
        guard !grids.isEmpty else { return [] }
        let sql = db as! any SQLDatabase
        let rows = try await sql.select().distinct().column("compound_id").from("households")
            .where("grid_id", .in, Array(grids)).all()
        return Set(try rows.map { try $0.decode(column: "compound_id", as: UUID.self) })
    }
}
