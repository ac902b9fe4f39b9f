import Fluent
import Foundation
import SQLKit

/// The registry's bulk records (a sub-district holds thousands of households and residents)
/// are inserted with their columns written out: Fluent's create reflects on a model's fields
/// several times per insert, which in the demo's profile cost more than the insert itself.
/// `ColumnInsertTests` holds each list to the model's own fields, so a field added to the
/// model and forgotten here fails a test rather than going unsaved.
protocol ColumnInsertable: Model where IDValue == UUID {
    /// Every field's column and value, the id included.
    var columnValues: [(column: String, value: any Encodable & Sendable)] { get }
}

extension ColumnInsertable {
    func insertColumns(on db: any Database) async throws {
        if id == nil { id = UUID() }
        let fields = columnValues
        try await (db as! any SQLDatabase).insert(into: Self.schema)
            .columns(fields.map(\.column))
            .values(fields.map { SQLBind($0.value) })
            .run()
        _$idExists = true
    }
}

extension Model {
    /// Inserts the row: by its written-out columns where it has them, else through Fluent.
    func insert(on db: any Database) async throws {
        if let columns = self as? any ColumnInsertable { try await columns.insertColumns(on: db) } else { try await create(on: db) }
    }
}

// Values are read through each field's `value` (nil while unset) rather than the field itself,
// which traps when unset: a required field left unset then fails the insert as NOT NULL.
extension Household: ColumnInsertable {
    var columnValues: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("entrance_id", $entrance.$id.value), ("building_id", $building.$id.value), ("compound_id", $compound.$id.value),
         ("grid_id", $grid.$id.value ?? nil), ("door", $door.value)]
    }
}

extension Resident: ColumnInsertable {
    var columnValues: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("household_id", $household.$id.value ?? nil), ("relation", $relation.value ?? nil), ("name", $name.value),
         ("sex", $sex.value), ("birth_date", $birthDate.value), ("hukou", $hukou.value), ("political_rights", $politicalRights.value),
         ("phone_sealed", $phoneSealed.value ?? nil), ("id_number_sealed", $idNumberSealed.value ?? nil),
         ("phone_hash", $phoneHash.value ?? nil), ("id_number_hash", $idNumberHash.value ?? nil),
         ("phone_masked", $phoneMasked.value ?? nil), ("id_number_masked", $idNumberMasked.value ?? nil), ("tags", $tags.value)]
    }
}
