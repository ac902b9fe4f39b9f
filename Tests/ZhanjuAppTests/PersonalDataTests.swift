import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

@Suite("Personal data: encrypted at rest, revealed with a reason, a resident's own copy and corrections")
struct PersonalDataTests {
    static let id = "11010519491231002X"
    static let phone = "13812345678"

    func resident(_ app: Application, _ t: Territory, headers: [String: String] = [:]) async throws -> TestingHTTPResponse {
        var h: HTTPHeaders = ["Content-Type": "application/json", "Authorization": "Bearer \(app.admin.token!)"]
        for (k, v) in headers { h.add(name: k, value: v) }
        let body: [String: Any] = ["household_id": t.household, "relation": "head", "name": "王芳", "sex": "female", "birth_date": "1949-12-31",
                                   "hukou": "local", "phone": Self.phone, "id_number": Self.id, "tags": ["elderly", "disabled"]]
        return try await app.testing().sendRequest(.POST, "/api/v1/residents", headers: h, body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: body)))
    }

    @Test("no column of the residents table and no byte of the SQLite file holds a plain ID or phone number")
    func encryptedAtRest() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            #expect(try await resident(app, t).status == .created)
            let rows = try await (app.db as! any SQLDatabase).raw("SELECT * FROM residents").all()
            #expect(rows.count == 1)
            for column in rows[0].allColumns {
                let value = (try? rows[0].decode(column: column, as: String?.self)) ?? nil
                #expect(value?.contains(Self.id) != true, "\(column)")
                #expect(value?.contains(Self.phone) != true, "\(column)")
            }
            if let path = app.storage[TestDatabasePathKey.self] {
                let bytes = ["", "-wal"].compactMap { FileManager.default.contents(atPath: path + $0) }.reduce(Data(), +)
                #expect(bytes.range(of: Data(Self.id.utf8)) == nil)
                #expect(bytes.range(of: Data(Self.phone.utf8)) == nil)
            }
            // A second resident with the same ID number is still refused: the lookup hash sees it.
            let again = try await resident(app, t)
            #expect(again.status == .conflict)
            #expect(again.object["field"] as? String == "id_number")
        }
    }

    @Test("revealing a number needs a reason, returns it whole and leaves an access record the resident can see")
    func reveal() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let person = try await resident(app, t).object["id"] as! String
            let noReason = try await app.json(.POST, "/api/v1/residents/\(person)/reveal", ["field": "id_number"])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.object["field"] as? String == "reason")
            let shown = try await app.json(.POST, "/api/v1/residents/\(person)/reveal", ["field": "id_number", "reason": "核对身份"])
            #expect(shown.object["value"] as? String == Self.id)
            let log = try await DataAccessRecord.query(on: app.db).all()
            #expect(log.count == 1)
            #expect(log.first?.reason == "核对身份")
            #expect(log.first?.field == "id_number")

            // The resident signs in, sees the read, downloads everything whole, asks for a correction.
            _ = try await app.json(.POST, "/api/v1/accounts", ["username": "wang.fang", "password": "a long password", "resident": person])
            let me = try await app.signIn("wang.fang", "a long password")
            let export = try await app.json(.GET, "/api/v1/my/household", as: me)
            let members = export.object["members"] as? [[String: Any]] ?? []
            #expect(members.first?["id_number"] as? String == Self.id)
            #expect(members.first?["tags"] as? [String] == ["disabled", "elderly"])
            let csv = try await app.page("/my/export.csv", as: me)
            #expect(csv.text.contains(Self.id) && csv.text.contains("王芳"))
            let page = try await app.page("/my", lang: "en", as: me)
            #expect(page.text.contains("核对身份"))
            #expect(!page.text.contains(Self.id))

            let filed = try await app.json(.POST, "/api/v1/my/corrections", ["resident_id": person, "field": "phone", "requested_value": "13900001111",
                                                                             "explanation": "换号了"], as: me)
            #expect(filed.status == .created)
            let queue = try await app.json(.GET, "/api/v1/corrections?status=open").text
            #expect(queue.contains("13900001111"))
            let correction = filed.object["id"] as! String
            let answered = try await app.json(.POST, "/api/v1/corrections/\(correction)/answer", ["decision": "accepted", "answer": "已更正"])
            #expect(answered.object["status"] as? String == "accepted")
            let twice = try await app.json(.POST, "/api/v1/corrections/\(correction)/answer", ["decision": "rejected", "answer": "x"])
            #expect(twice.status == .conflict)
            let mine = try await app.json(.GET, "/api/v1/my/corrections", as: me).text
            #expect(mine.contains("已更正"))
        }
    }

    @Test("key rotation re-seals every number under the new key without losing one")
    func rotation() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            _ = try await resident(app, t)
            let newKey = PersonalDataCipher.Key(secret: "the next secret, thirty-two characters or more")
            let ring = PersonalNumbers(cipher: PersonalDataCipher(current: newKey, previous: [app.access.cipher.current]))
            #expect(try await ring.rotate(on: app.db, lock: app.access.writeLock) == 1)
            #expect(try await ring.rotate(on: app.db, lock: app.access.writeLock) == 0, "a second run has nothing left to do")
            let onlyNew = PersonalNumbers(cipher: PersonalDataCipher(current: newKey))
            let r = try #require(try await Resident.query(on: app.db).first())
            #expect(try onlyNew.open(.idNumber, of: r) == Self.id)
            #expect(try onlyNew.open(.phone, of: r) == Self.phone)
            #expect(try await onlyNew.find(.idNumber, equal: Self.id, on: app.db).count == 1)
        }
    }

    @Test("a counter entry is marked in the audit chain with the resident it was made for; the chain verifies until a row is edited")
    func auditChain() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let missing = try await resident(app, t, headers: ["Zhanju-Channel": "counter"])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.object["field"] as? String == "_on_behalf_of")
            let person = UUID()
            let r = try await resident(app, t, headers: ["Zhanju-Channel": "counter", "Zhanju-On-Behalf-Of": person.uuidString])
            #expect(r.status == .created)
            let last = try #require(try await AuditRecord.query(on: app.db).sort(\.$sequence, .descending).first())
            #expect(last.channel == "counter")
            #expect(last.onBehalfOf == person)
            #expect(last.targetType == "residents")
            #expect(last.actor.contains("tester"))

            let intact = try await AuditTrail.verify(on: app.db)
            #expect(intact.firstBreak == nil)
            #expect(intact.checked >= 8)
            #expect(try await app.json(.GET, "/api/v1/audit/verify").object["intact"] as? Bool == true)

            // Someone edits the log behind the application's back.
            try await (app.db as! any SQLDatabase).raw("UPDATE audit_records SET actor = 'nobody' WHERE sequence = 3").run()
            let broken = try await AuditTrail.verify(on: app.db)
            #expect(broken.firstBreak == .contentChanged(sequence: 3))
            let viaAPI = try await app.json(.GET, "/api/v1/audit/verify").object
            #expect(viaAPI["intact"] as? Bool == false)
            await #expect(throws: AccessCommands.CommandFailure.self) { _ = try await AccessCommands.verifyAudit(in: app) }
        }
    }
}

