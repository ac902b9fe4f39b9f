import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp

/// The structure and committee pages keep their counts between views, and lose them on any write.
@Suite("Structure counts: kept between views, dropped by every registry write")
struct StructureCountsTests {
    @Test("a household added shows in the committee's count on the next view")
    func countsFollowWrites() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let before = try await app.page("/committees/\(t.committee)", lang: "en")
            #expect(before.text.contains("Households 1 · Residents 0"), "\(before.text.prefix(2000))")
            let again = try await app.page("/committees/\(t.committee)", lang: "en")
            #expect(again.text.contains("Households 1 · Residents 0"))
            #expect(try await app.json(.POST, "/api/v1/households", ["entrance_id": t.entrance, "door": "102"]).status == .created)
            #expect(try await app.json(.POST, "/api/v1/residents", ["household_id": t.household, "relation": "head", "name": "李强", "sex": "male",
                                                                   "birth_date": "1950-03-01", "hukou": "local"]).status == .created)
            let after = try await app.page("/committees/\(t.committee)", lang: "en")
            #expect(after.text.contains("Households 2 · Residents 1"))
        }
    }
}
