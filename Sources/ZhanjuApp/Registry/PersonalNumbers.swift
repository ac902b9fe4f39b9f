import Fluent
import Foundation
import SQLKit
import ZhanjuRules

/// The only code that turns residents' ID and phone numbers into what is stored (sealed, hashed,
/// masked) and back.
struct PersonalNumbers: Sendable {
    let cipher: PersonalDataCipher

    enum Field: String, CaseIterable, Sendable {
        case idNumber = "id_number"
        case phone

        var revealPermission: Permission { self == .idNumber ? .revealIDNumber : .revealPhone }
        var label: Text { self == .idNumber ? Strings.idNumber : Strings.phone }
        /// The link that reveals it, as a sentence: "Show the full phone number".
        var revealLabel: Text { self == .idNumber ? Text("查看完整身份证号", "Show the full ID number") : Text("查看完整手机号", "Show the full phone number") }
    }

    func store(_ plain: String?, _ field: Field, in row: Resident) {
        let sealed = plain.map(cipher.seal), hash = plain.map(cipher.lookupHash)
        switch field {
        case .idNumber:
            row.idNumberSealed = sealed
            row.idNumberHash = hash
            row.idNumberMasked = plain.map(Masking.idNumber)
        case .phone:
            row.phoneSealed = sealed
            row.phoneHash = hash
            row.phoneMasked = plain.map(Masking.phone)
        }
    }

    func open(_ field: Field, of member: RegistryDirectory.MemberRecord) throws -> String? {
        switch field {
        case .idNumber: return try member.idNumberSealed.map(cipher.open)
        case .phone: return try member.phoneSealed.map(cipher.open)
        }
    }

    func open(_ field: Field, of row: Resident) throws -> String? {
        switch field {
        case .idNumber: return try row.idNumberSealed.map(cipher.open)
        case .phone: return try row.phoneSealed.map(cipher.open)
        }
    }

    /// The ids of the residents holding this ID number (by lookup hash under any key of the
    /// ring), without decoding them: the duplicate check on every resident write.
    func holders(of idNumber: String, on db: any Database) async throws -> [UUID] {
        try await (db as! any SQLDatabase).select().column("id").from(Resident.schema)
            .where("id_number_hash", .in, cipher.lookupHashes(idNumber)).all().map { try $0.decode(column: "id", as: UUID.self) }
    }

    /// Residents whose number matches exactly, by lookup hash under any key of the ring.
    func find(_ field: Field, equal plain: String, on db: any Database) async throws -> [Resident] {
        let hashes = cipher.lookupHashes(plain)
        switch field {
        case .idNumber: return try await Resident.query(on: db).filter(\.$idNumberHash ~~ hashes).all()
        case .phone: return try await Resident.query(on: db).filter(\.$phoneHash ~~ hashes).all()
        }
    }

    /// Re-seals every value not under the current key and recomputes its lookup hash. Each batch is
    /// one transaction and the old key stays in the ring until the command finishes, so an
    /// interrupted rotation loses nothing and can simply be run again.
    @discardableResult
    func rotate(on db: any Database, lock: WriteLock) async throws -> Int {
        try await rewrite(on: db, lock: lock, where: { !cipher.isCurrent($0) }, read: { try cipher.open($0) })
    }

    private func rewrite(on db: any Database, lock: WriteLock, where needsWork: @escaping @Sendable (String) -> Bool,
                         read: @escaping @Sendable (String) throws -> String) async throws -> Int {
        var after: UUID?
        var changed = 0
        while true {
            let query = Resident.query(on: db).group(.or) { $0.filter(\.$phoneSealed != nil).filter(\.$idNumberSealed != nil) }
            if let after { query.filter(\.$id > after) }
            let rows = try await query.sort(\.$id).limit(2000).all()
            guard let last = rows.last else { return changed }
            after = last.id
            let candidates = rows.filter { [$0.phoneSealed, $0.idNumberSealed].contains { $0.map(needsWork) ?? false } }.map { $0.id! }
            // Re-read inside the write: a server beside this command may have changed a number since.
            changed += try await WritePath.run(on: db, lock: lock) { tx in
                // Servers beside this command hold household reads with the old seals.
                WritePath.changed(.registry)
                let work = candidates.isEmpty ? [] : try await Resident.query(on: tx).filter(\.$id ~~ candidates).all()
                    .filter { [$0.phoneSealed, $0.idNumberSealed].contains { $0.map(needsWork) ?? false } }
                for row in work {
                    store(try row.phoneSealed.map(read), .phone, in: row)
                    store(try row.idNumberSealed.map(read), .idNumber, in: row)
                    try await row.update(on: tx)
                }
                return work.count
            }
        }
    }
}
