import Fluent
import Foundation
import SQLKit

/// Records written by the thousand (households, residents, case timelines, voter rolls) are
/// inserted with their columns written out: Fluent's create reflects on a model's fields
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

extension ColumnInsertable {
    /// Inserts many rows, several hundred to a statement (inside the bind limits of both databases).
    static func insertAll(_ rows: [Self], on db: any Database) async throws {
        guard let first = rows.first else { return }
        let columns = first.columnValues.map(\.column)
        let perStatement = max(1, 30_000 / columns.count)
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            let insert = (db as! any SQLDatabase).insert(into: schema).columns(columns)
            for row in rows[start..<min(rows.count, start + perStatement)] {
                if row.id == nil { row.id = UUID() }
                insert.values(row.columnValues.map { SQLBind($0.value) })
            }
            try await insert.run()
            for row in rows[start..<min(rows.count, start + perStatement)] { row._$idExists = true }
        }
    }
}

extension ColumnInsertable {
    /// Writes every column of a row read before (by its id).
    func updateColumns(on db: any Database) async throws {
        guard let id else { throw FluentError.idRequired }
        let update = (db as! any SQLDatabase).update(Self.schema)
        for field in columnValues where field.column != "id" { update.set(SQLIdentifier(field.column), to: SQLBind(field.value)) }
        try await update.where("id", .equal, SQLBind(id)).run()
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

extension CaseEvent: ColumnInsertable {
    var columnValues: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("case_id", $kase.$id.value), ("seq", $seq.value), ("at", $at.value), ("actor_account_id", $actorAccountID.value ?? nil),
         ("actor", $actor.value), ("action", $action.value), ("from_status", $fromStatus.value), ("to_status", $toStatus.value), ("note", $note.value)]
    }
}

extension RollEntry: ColumnInsertable {
    var columnValues: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("election_id", $electionID.value), ("resident_id", $personID.value), ("name", $name.value), ("sex", $sex.value),
         ("door", $door.value), ("household_id", $householdID.value), ("basis", $basis.value), ("position", $position.value),
         ("removed", $removed.value), ("voted_round", $votedRound.value ?? nil)]
    }
}

extension Case: ColumnInsertable {
    var columnValues: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("number", $number.value), ("item_id", $item.$id.value), ("family", $family.value), ("status", $status.value),
         ("channel", $channel.value), ("reporter_account_id", $reporterAccountID.value ?? nil), ("resident_id", $residentID.value ?? nil),
         ("household_id", $householdID.value ?? nil), ("compound_id", $compoundID.value ?? nil), ("grid_id", $gridID.value ?? nil),
         ("committee_id", $committeeID.value ?? nil), ("workstation_id", $workstationID.value), ("sub_district_id", $subDistrictID.value),
         ("assigned_kind", $assignedKind.value), ("assigned_body_id", $assignedBodyID.value), ("assignee_account_id", $assigneeAccountID.value ?? nil),
         ("description", $description.value), ("attributes", $attributes.value), ("address", $address.value ?? nil), ("lat", $lat.value ?? nil),
         ("long", $long.value ?? nil), ("media_url", $mediaURL.value ?? nil), ("public", $isPublic.value), ("sla_days", $slaDays.value),
         ("reported_at", $reportedAt.value), ("reported_on", $reportedOn.value), ("dispatched_on", $dispatchedOn.value ?? nil),
         ("resolved_on", $resolvedOn.value ?? nil), ("closed_on", $closedOn.value ?? nil), ("due_on", $dueOn.value),
         ("due_confirmed", $dueConfirmed.value), ("paused_days", $pausedDays.value), ("paused_since", $pausedSince.value ?? nil),
         ("escalated", $escalated.value), ("rating", $rating.value ?? nil), ("rating_comment", $ratingComment.value ?? nil),
         ("updated_at", $updatedAt.value)]
    }
}

extension StoredBallot: ColumnInsertable {
    var columnValues: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("election_id", $electionID.value), ("round", $round.value), ("sequence", $sequence.value), ("receipt", $receipt.value),
         ("ballot", $ballotJSON.value), ("previous", $previous.value), ("hash", $hash.value)]
    }
}
