import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

@Suite("Registry API: writes are validated, errors are problem+json naming the field")
struct RegistryAPITests {
    @Test("the structure can be built through the API and read back, with derived places")
    func buildAndRead() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let h = try await app.json(.GET, "/api/v1/households/\(t.household)")
            #expect(h.status == .ok)
            #expect(h.object["compound_id"] as? String == t.compound)
            #expect(h.object["building_id"] as? String == t.building)
            let list = try await app.json(.GET, "/api/v1/households?compound_id=\(t.compound)")
            #expect(list.object["total"] as? Int == 1)
        }
    }

    @Test("an ID number with a wrong check character is refused with 422 naming id_number, in the asker's language")
    func badIDNumber() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let body: [String: Any] = ["household_id": t.household, "relation": "head", "name": "王芳", "sex": "female",
                                       "birth_date": "1949-12-31", "hukou": "local", "id_number": "110105194912310021"]
            let r = try await app.json(.POST, "/api/v1/residents", body)
            #expect(r.status == .unprocessableEntity)
            #expect(r.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            #expect(r.object["field"] as? String == "id_number")
            #expect(r.object["code"] as? String == "id_number.checkDigit")
            #expect((r.object["detail"] as? String)?.contains("check character") == true)
            let zh = try await app.json(.POST, "/api/v1/residents", body, lang: "zh-CN")
            #expect((zh.object["detail"] as? String)?.contains("校验码") == true)
        }
    }

    @Test("an ID number must agree with the recorded sex and birth date")
    func idNumberConsistency() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let r = try await app.json(.POST, "/api/v1/residents", ["household_id": t.household, "relation": "head", "name": "王芳", "sex": "male",
                                                                    "birth_date": "1949-12-31", "hukou": "local", "id_number": "11010519491231002X"])
            #expect(r.object["code"] as? String == "id_number.sexMismatch")
        }
    }

    @Test("ID and phone numbers are accepted whole and only ever returned masked")
    func masking() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let r = try await app.json(.POST, "/api/v1/residents", ["household_id": t.household, "relation": "head", "name": "王芳", "sex": "female",
                                                                    "birth_date": "1949-12-31", "hukou": "local", "id_number": "11010519491231002X",
                                                                    "phone": "13812345678", "tags": ["elderly"]])
            #expect(r.status == .created)
            #expect(r.object["id_number_masked"] as? String == "1101**********002X")
            #expect(r.object["phone_masked"] as? String == "138****5678")
            #expect(!r.text.contains("11010519491231002X"))
            #expect(!r.text.contains("13812345678"))
            let h = try await app.json(.GET, "/api/v1/households/\(t.household)")
            #expect(!h.text.contains("11010519491231002X"))
            #expect(h.text.contains("1101**********002X"))
        }
    }

    @Test("missing, malformed and unknown references each name their field")
    func fieldErrors() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let missing = try await app.json(.POST, "/api/v1/compounds", ["committee_id": t.committee, "code": "X", "name_en": "X"])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.object["field"] as? String == "name_zh")
            let unknown = try await app.json(.POST, "/api/v1/compounds", ["committee_id": UUID().uuidString, "code": "X", "name_zh": "X", "name_en": "X"])
            #expect(unknown.object["field"] as? String == "committee_id")
            let wrongType = try await app.json(.POST, "/api/v1/buildings", ["compound_id": t.compound, "number": "2", "floors": "many"])
            #expect(wrongType.status == .badRequest)
            #expect(wrongType.object["field"] as? String == "floors")
            let dup = try await app.json(.POST, "/api/v1/compounds", ["committee_id": t.committee, "code": "C", "name_zh": "X", "name_en": "X"])
            #expect(dup.status == .conflict)
            #expect(dup.object["field"] as? String == "code")
            let notJSON = try await app.testing().sendRequest(.POST, "/api/v1/compounds", headers: ["Content-Type": "application/json", "Authorization": "Bearer \(app.admin.token!)"],
                                                              body: ByteBuffer(string: "{"))
            #expect(notJSON.status == .badRequest)
        }
    }

    @Test("unknown and malformed ids are 404, never 500")
    func notFound() async throws {
        try await withApp { (app: Application) async throws in
            #expect(try await app.json(.GET, "/api/v1/households/\(UUID())").status == .notFound)
            #expect(try await app.json(.GET, "/api/v1/compounds/not-a-uuid").status == .notFound)
            #expect(try await app.json(.PUT, "/api/v1/compounds/\(UUID())", ["code": "x"]).status == .notFound)
        }
    }

    @Test("a zone of another compound cannot hold a building")
    func zoneMustMatchCompound() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let other = try await app.json(.POST, "/api/v1/compounds", ["committee_id": t.committee, "code": "C2", "name_zh": "二", "name_en": "Two"])
            let zone = try await app.json(.POST, "/api/v1/zones", ["compound_id": other.object["id"]!, "code": "A", "name_zh": "A区", "name_en": "A"])
            let r = try await app.json(.POST, "/api/v1/buildings", ["compound_id": t.compound, "zone_id": zone.object["id"]!, "number": "9", "floors": 3])
            #expect(r.status == .unprocessableEntity)
            #expect(r.object["field"] as? String == "zone_id")
        }
    }

    @Test("a failed write leaves nothing behind")
    func transactional() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let before = try await Resident.query(on: app.db).count()
            // A client-chosen id that exists, then an update with an invalid date: neither changes anything.
            let ok = try await app.json(.POST, "/api/v1/residents", ["household_id": t.household, "relation": "head", "name": "甲", "sex": "male", "birth_date": "1980-01-01", "hukou": "local"])
            let id = ok.object["id"] as! String
            let again = try await app.json(.POST, "/api/v1/residents", ["id": id, "household_id": t.household, "relation": "head", "name": "乙", "sex": "male", "birth_date": "1980-01-01", "hukou": "local"])
            #expect(again.status == .conflict)
            let bad = try await app.json(.PUT, "/api/v1/residents/\(id)", ["household_id": t.household, "relation": "head", "name": "丙", "sex": "male", "birth_date": "1980-02-30", "hukou": "local"])
            #expect(bad.object["field"] as? String == "birth_date")
            #expect(try await Resident.query(on: app.db).count() == before + 1)
            #expect(try await Resident.find(UUID(uuidString: id), on: app.db)?.name == "甲")

            // A write that fails after it has written (the record and its audit link are in, then
            // the database refuses a row) leaves neither behind.
            let audits = try await AuditRecord.query(on: app.db).count()
            await #expect(throws: ZhanjuError.self) {
                try await app.access.write(on: app.db) { tx in
                    _ = try await RegistryService(db: tx, context: .system("test", app))
                        .create(ResidentResource(id: nil, householdId: UUID(uuidString: t.household), relation: "spouse", name: "丁", sex: "female",
                                                 birthDate: "1982-01-01", hukou: "local", politicalRights: true, phone: nil, idNumber: nil, tags: nil))
                    #expect(try await Resident.query(on: tx).count() == before + 2, "written inside the transaction")
                    // A household on an entrance that does not exist: the foreign key refuses it.
                    try await (tx as! any SQLDatabase).raw("INSERT INTO households (id, entrance_id, building_id, compound_id, door) VALUES (\(bind: UUID()), \(bind: UUID()), \(bind: UUID(uuidString: t.building)!), \(bind: UUID(uuidString: t.compound)!), 'X')").run()
                }
            }
            #expect(try await Resident.query(on: app.db).count() == before + 1)
            #expect(try await AuditRecord.query(on: app.db).count() == audits)
        }
    }

    @Test("lists page and filter; a bad filter value is a 400 naming the parameter")
    func paging() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            for door in 102...111 {
                _ = try await app.json(.POST, "/api/v1/households", ["entrance_id": t.entrance, "door": "\(door)"])
            }
            let page2 = try await app.json(.GET, "/api/v1/households?building_id=\(t.building)&per=4&page=2")
            #expect(page2.object["total"] as? Int == 11)
            #expect((page2.object["items"] as? [Any])?.count == 4)
            let bad = try await app.json(.GET, "/api/v1/households?building_id=nope")
            #expect(bad.status == .badRequest)
            #expect(bad.object["field"] as? String == "building_id")
        }
    }
}

@Suite("Health")
struct HealthTests {
    @Test func healthAndReadiness() async throws {
        try await withApp { (app: Application) async throws in
            #expect(try await app.json(.GET, "/healthz").status == .ok)
            let ready = try await app.json(.GET, "/readyz")
            #expect(ready.status == .ok)
            #expect(ready.object["status"] as? String == "ready")
        }
    }
}

@Suite("Odd input")
struct OddInputTests {
    @Test("a birth date in the future is refused; a name search is a prefix search, whatever wildcards are typed")
    func oddInput() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let future = try await app.json(.POST, "/api/v1/residents", ["household_id": t.household, "relation": "child", "name": "甲", "sex": "male",
                                                                         "birth_date": "9999-12-31", "hukou": "local"])
            #expect(future.object["field"] as? String == "birth_date")
            for name in ["乙", "丙丁"] {
                _ = try await app.json(.POST, "/api/v1/residents", ["household_id": t.household, "relation": "other", "name": name, "sex": "male", "birth_date": "1980-01-01", "hukou": "local"])
            }
            // "%丁" would match 丙丁 as a pattern; as a prefix search with wildcards removed it is "丁", which matches nobody.
            let pattern = try await app.json(.GET, "/api/v1/residents?name=%25%E4%B8%81")
            #expect(pattern.object["total"] as? Int == 0)
            let prefix = try await app.json(.GET, "/api/v1/residents?name=%E4%B8%99")
            #expect(prefix.object["total"] as? Int == 1)
        }
    }
}
