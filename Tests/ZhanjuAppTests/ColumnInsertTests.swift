import FluentKit
import Foundation
import Testing
@testable import ZhanjuApp

/// The registry's bulk records are inserted by written-out columns (ColumnInsert.swift); a field
/// added to the model and not to its list would silently go unsaved.
@Suite("Written-out inserts: every field of the model, no more")
struct ColumnInsertTests {
    static func columns(_ model: some ColumnInsertable) -> Set<String> { Set(model.columnValues.map(\.column)) }

    @Test("a household's columns are exactly its model's fields")
    func household() {
        #expect(Self.columns(Household()) == Set(Household.keys.map(\.description)))
    }

    @Test("a resident's columns are exactly its model's fields")
    func resident() {
        #expect(Self.columns(Resident()) == Set(Resident.keys.map(\.description)))
    }

    @Test("a case event's and a roll entry's columns are exactly their models' fields")
    func others() {
        #expect(Self.columns(CaseEvent()) == Set(CaseEvent.keys.map(\.description)))
        #expect(Self.columns(RollEntry()) == Set(RollEntry.keys.map(\.description)))
        #expect(Self.columns(Case()) == Set(Case.keys.map(\.description)))
        #expect(Self.columns(StoredBallot()) == Set(StoredBallot.keys.map(\.description)))
    }

    @Test("a resident written by columns reads back field for field through Fluent")
    func residentRoundTrip() async throws {
        try await withApp { app in
            let t = try await Territory.make(app)
            let household = try #require(UUID(uuidString: t.household))
            let row = Resident()
            row.$household.id = household
            row.relation = "head"; row.name = "王芳"; row.sex = "female"; row.birthDate = "1949-12-31"; row.hukou = "local"
            row.politicalRights = false; row.phoneMasked = "138****5678"; row.phoneHash = "h"; row.phoneSealed = "s"; row.tags = ",elderly,"
            try await app.access.write(on: app.db) { tx in try await row.insert(on: tx) }
            let read = try #require(try await Resident.find(row.id, on: app.db))
            #expect(read.$household.id == household && read.relation == "head" && read.name == "王芳" && read.sex == "female")
            #expect(read.birthDate == "1949-12-31" && read.hukou == "local" && read.politicalRights == false && read.tags == ",elderly,")
            #expect(read.phoneMasked == "138****5678" && read.phoneHash == "h" && read.phoneSealed == "s" && read.idNumberHash == nil)
        }
    }
}
