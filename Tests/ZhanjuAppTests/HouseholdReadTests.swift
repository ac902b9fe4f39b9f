import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

@Suite("The household read route")
struct HouseholdReadTests {
    @Test("the hand-written JSON says what the Codable encoder says, escapes included")
    func writerMatchesEncoder() throws {
        var detail = HouseholdDetail.example
        detail.door = "1-\"101\"\\\n\t\u{01}门"
        // Responses never carry the plain numbers; the example has them because requests may.
        detail.residents[0].phone = nil
        detail.residents[0].idNumber = nil
        detail.residents.append(ResidentResource(id: UUID(), householdId: detail.id, relation: nil, name: "O'Neil \"Ann\"", sex: "female", birthDate: "2001-01-01",
                                                 hukou: "local", politicalRights: false, phone: nil, idNumber: nil, tags: [], phoneMasked: nil, idNumberMasked: nil))
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let viaCodable = try JSONSerialization.jsonObject(with: try encoder.encode(detail)) as! NSDictionary
        let viaWriter = try JSONSerialization.jsonObject(with: Data(detail.json().utf8)) as! NSDictionary
        #expect(viaWriter == viaCodable)
    }

    @Test("the served household is the one the SQL path reads, with its place named")
    func readerMatchesPortablePath() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            for (name, relation, born, id) in [("王芳", "spouse", "1949-12-31", "11010519491231002X"), ("李强", "head", "1950-03-01", nil)] {
                var body: [String: Any] = ["household_id": t.household, "relation": relation, "name": name, "sex": relation == "head" ? "male" : "female",
                                           "birth_date": born, "hukou": "local", "tags": ["elderly"]]
                if let id { body["id_number"] = id }
                #expect(try await app.json(.POST, "/api/v1/residents", body).status == .created)
            }
            let id = UUID(uuidString: t.household)!
            let map = try await app.access.map(on: app.db)
            let portableRows = HouseholdRead.named(try #require(try await SQLKitHouseholdStore().rows(id, on: app.db)), map)
            let portable = try #require(HouseholdDetail(portableRows))
            #expect(portable.residents.first?.relation == "head", "the head comes first")
            #expect(portable.place.compoundEn == "Compound" && portable.place.building == "1" && portable.place.entrance == "1", "the place is named from the map")
            #expect(HouseholdJSON.write(portableRows.head, portableRows.members) == portable.json())
            let immediate = app.householdStore as? any ImmediateHouseholdStore
            #expect((immediate != nil) == (app.storage[TestDatabasePathKey.self] != nil), "a SQLite file has the immediate store")
            if let immediate {
                let direct = try #require(try immediate.rowsNow(id))
                #expect(HouseholdJSON.write(HouseholdRead.named(direct, map).head, direct.members) == portable.json())
                #expect(try immediate.rowsNow(UUID()) == nil)
            }
            let served = try await app.json(.GET, "/api/v1/households/\(t.household)")
            #expect(served.text == portable.json())
        }
    }

    @Test("a household served from the cache changes as soon as it or its residents are written")
    func cacheFollowsWrites() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            func members() async throws -> [[String: Any]] { try await app.json(.GET, "/api/v1/households/\(t.household)").object["residents"] as? [[String: Any]] ?? [] }
            #expect(try await members().isEmpty)
            let r = try await app.json(.POST, "/api/v1/residents", ["household_id": t.household, "relation": "head", "name": "李强", "sex": "male",
                                                                   "birth_date": "1950-03-01", "hukou": "local", "tags": ["elderly"]])
            #expect(try await members().count == 1)
            let id = r.object["id"] as! String
            _ = try await app.json(.PUT, "/api/v1/residents/\(id)", ["household_id": t.household, "relation": "head", "name": "李强", "sex": "male",
                                                                     "birth_date": "1950-03-01", "hukou": "local", "tags": ["elderly", "disabled"]])
            #expect(try await members().first?["tags"] as? [String] == ["disabled", "elderly"])
            #expect(try await app.json(.PUT, "/api/v1/households/\(t.household)", ["entrance_id": t.entrance, "door": "102"]).status == .ok)
            #expect(try await app.json(.GET, "/api/v1/households/\(t.household)").object["door"] as? String == "102")
        }
    }

    @Test("a resident who moves reads their new household at once, and no one else's access is rebuilt")
    func movingResidentKeepsOthersCached() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let second = try await app.json(.POST, "/api/v1/households", ["entrance_id": t.entrance, "door": "102"]).object["id"] as! String
            let body: [String: Any] = ["household_id": t.household, "relation": "head", "name": "王芳", "sex": "female", "birth_date": "1980-05-05", "hukou": "local"]
            let person = try await app.json(.POST, "/api/v1/residents", body).object["id"] as! String
            #expect(try await app.json(.POST, "/api/v1/accounts", ["username": "wang.fang", "password": "a long password", "resident": person]).status == .created)
            let me = try await app.signIn("wang.fang", "a long password")
            #expect(try await app.json(.GET, "/api/v1/households/\(t.household)", as: me).status == .ok)
            #expect(try await app.json(.GET, "/api/v1/households/\(second)", as: me).status == .notFound)

            let admin = try #require(app.storage[AdminCallerKey.self]?.token)
            #expect(try await app.json(.GET, "/api/v1/households/\(second)").status == .ok)
            #expect(app.access.cachedPrincipal(Secret.hash(admin), bearer: true, now: app.clock.now()) != nil)
            var moved = body
            moved["household_id"] = second
            #expect(try await app.json(.PUT, "/api/v1/residents/\(person)", moved).status == .ok)
            #expect(app.access.cachedPrincipal(Secret.hash(admin), bearer: true, now: app.clock.now()) != nil, "the administrator's grants did not change")
            #expect(app.access.cachedPrincipal(Secret.hash(try #require(me.token)), bearer: true, now: app.clock.now()) == nil, "the resident's did")
            #expect(try await app.json(.GET, "/api/v1/households/\(second)", as: me).status == .ok)
            #expect(try await app.json(.GET, "/api/v1/households/\(t.household)", as: me).status == .notFound)
        }
    }

    @Test("the cache keeps at most its capacity, dropping the oldest first")
    func cacheCapacity() {
        let cache = HouseholdCache(capacity: 2)
        let entry = HouseholdCache.Entry(place: Place(), json: "{}", jsonWithSensitive: nil)
        for key in ["a", "b", "c"] { cache.put(key, entry, ticket: cache.ticket()) }
        #expect(cache.count == 2)
        #expect(cache.get("a") == nil && cache.get("b") != nil && cache.get("c") != nil)
        for n in 0..<100 { cache.put("k\(n)", entry, ticket: cache.ticket()) }
        #expect(cache.count == 2)
        #expect(cache.get("k99") != nil)
        #expect(HouseholdCache(capacity: 0).get("a") == nil)
    }

    @Test("a read that began before a write cannot put back what the write removed")
    func staleReadIsNotCached() {
        let cache = HouseholdCache(capacity: 8)
        let entry = HouseholdCache.Entry(place: Place(), json: "{\"door\":\"101\"}", jsonWithSensitive: nil)
        let ticket = cache.ticket()          // the read starts
        cache.remove([UUID()])               // a write to some household commits meanwhile
        cache.put("h", entry, ticket: ticket)
        #expect(cache.get("h") == nil)
        cache.put("h", entry, ticket: cache.ticket())
        #expect(cache.get("h") != nil)
        let before = cache.ticket()
        cache.removeAll()
        cache.put("g", entry, ticket: before)
        #expect(cache.get("g") == nil)
    }
}
