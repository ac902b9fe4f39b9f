import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

@Suite("Election recall: a petition of a fifth of the current roll, a vote of a majority of a majority, the appointment ended in the registry")
struct ElectionRecallTests {
    /// The fixture's election, polled in one round (14 of 21 vote: 选民1 chair, 选民3–6 members) and announced on election day.
    static func announced(_ app: Application, _ f: ElectionFixture) async throws -> String {
        let (e, c) = try await ElectionsTests.prepare(app, f)
        let codes = try await app.json(.POST, "/api/v1/elections/\(e)/codes").array.map { $0["code"] as! String }
        ElectionsTests.day(app, ElectionFixture.pollingDay)
        #expect(try await app.json(.POST, "/api/v1/elections/\(e)/polling").status == .ok)
        for code in codes.prefix(14) {
            let r = try await app.json(.POST, "/api/v1/ballots", ["code": code, "marks": ["chair": [c["选民1"]!], "member": ["选民3", "选民4", "选民5", "选民6"].map { c[$0]! }]],
                                       as: .anonymous)
            #expect(r.status == .created, "\(r.text)")
        }
        let counted = try await app.json(.POST, "/api/v1/elections/\(e)/count", ["scrutineers": [f.id("选民19"), f.id("选民20")]])
        #expect(counted.object["stage"] as? String == "counted", "\(counted.text)")
        #expect(try await app.json(.POST, "/api/v1/elections/\(e)/announce").status == .ok)
        return e
    }

    @Test("petition one below, at and one above a fifth of the roll; vote one below and at each majority, and above; the recalled leave office that day")
    func thresholds() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ElectionFixture.make(app)
            let e = try await Self.announced(app, f)
            // Months later, the current roll: 选民1–20, 成年 and 少年 (both adult by now) with local hukou, and 外来, registered
            // on application; not 无权. 23 voters: a fifth is 5 (4.6 rounded up); more than half is 12; of 12 voting, 7.
            ElectionsTests.day(app, "2027-03-01")
            app.storage[AdminCallerKey.self] = try await app.signIn("tester", "tester-password")
            let voters = ["选民7", "选民8", "选民9", "选民10", "选民11", "选民12", "成年", "外来"]
            func petition(_ member: String, _ signers: [String]) async throws -> TestingHTTPResponse {
                try await app.json(.POST, "/api/v1/elections/\(e)/recalls", ["member_id": f.id(member), "reason": "长期不履行职责", "signers": signers.map(f.id)])
            }
            let four = try await petition("选民3", Array(voters[0..<4]) + ["无权", "选民3之子", "选民7"])
            #expect(four.status == .unprocessableEntity && four.object["code"] as? String == "election.recall_petition", "\(four.text)")
            #expect(four.object["field"] as? String == "signers")
            #expect((four.object["detail"] as? String ?? four.text).contains("4 voters propose the recall") && four.text.contains("(5) required"), "\(four.text)")
            let five = try await petition("选民3", Array(voters[0..<5]))
            #expect(five.status == .created, "\(five.text)")
            #expect(five.object["petition_roll"] as? Int == 23 && five.object["signers"] as? Int == 5 && five.object["state"] as? String == "petitioned")
            #expect(try await petition("选民3", Array(voters[0..<5])).status == .conflict, "one recall of a member at a time")
            let notSitting = try await petition("选民2", Array(voters[0..<5]))
            #expect(notSitting.status == .unprocessableEntity && notSitting.object["field"] as? String == "member_id", "\(notSitting.text)")
            let recall3 = five.object["id"] as! String

            func vote(_ recall: String, _ cast: Int, _ favour: Int) async throws -> TestingHTTPResponse {
                try await app.json(.POST, "/api/v1/elections/\(e)/recalls/\(recall)/vote", ["ballots_cast": cast, "in_favour": favour])
            }
            #expect(try await vote(recall3, 24, 20).object["field"] as? String == "ballots_cast", "more ballots than voters")
            #expect(try await vote(recall3, 12, 13).object["field"] as? String == "in_favour")
            // Turnout one below: 11 of 23 vote, all in favour.
            let lowTurnout = try await vote(recall3, 11, 11)
            #expect(lowTurnout.status == .ok && lowTurnout.object["state"] as? String == "not_recalled", "\(lowTurnout.text)")
            #expect(lowTurnout.text.contains("11 of 23 registered voters voted") && lowTurnout.text.contains("more than half (12) must vote"), "\(lowTurnout.text)")
            #expect(try await vote(recall3, 12, 12).status == .conflict, "decided once")

            // Turnout at, approval one below: 12 vote, 6 agree.
            let again = try await petition("选民3", Array(voters[0..<6]))
            #expect(again.status == .created, "\(again.text)")
            let lowApproval = try await vote(again.object["id"] as! String, 12, 6)
            #expect(lowApproval.object["state"] as? String == "not_recalled" && lowApproval.text.contains("(7) must agree"), "\(lowApproval.text)")
            // Both at: 12 vote, 7 agree. Both one above: 13 vote, 8 agree.
            let at = try await vote(try await petition("选民4", Array(voters[0..<5])).object["id"] as! String, 12, 7)
            #expect(at.object["state"] as? String == "recalled" && at.object["registered_voters"] as? Int == 23, "\(at.text)")
            let above = try await vote(try await petition("选民5", Array(voters[0..<6])).object["id"] as! String, 13, 8)
            #expect(above.object["state"] as? String == "recalled", "\(above.text)")

            // The registry: the recalled leave office on the day of the vote; the others sit on.
            let appointments = try await app.json(.GET, "/api/v1/appointments?body_id=\(f.t.committee)&per=50").object["items"] as! [[String: Any]]
            func ends(_ name: String) -> String? { appointments.first { ($0["resident_id"] as? String)?.lowercased() == f.id(name).lowercased() }?["ends_on"] as? String }
            #expect(ends("选民4") == "2027-03-01" && ends("选民5") == "2027-03-01", "\(appointments)")
            #expect(ends("选民3") == "2031-12-19" && ends("选民6") == "2031-12-19")
            #expect(try await petition("选民4", Array(voters[0..<5])).object["field"] as? String == "member_id", "a recalled member no longer sits")

            // Public: the recalls with their figures, to anyone; acting on them is the election committee's alone.
            let list = try await app.json(.GET, "/api/v1/elections/\(e)/recalls", as: .anonymous)
            #expect(list.status == .ok && list.array.map { $0["state"] as! String } == ["not_recalled", "not_recalled", "recalled", "recalled"], "\(list.text)")
            #expect(!list.text.contains(f.id("选民7")), "signers are counted, not named")
            #expect(try await app.json(.POST, "/api/v1/elections/\(e)/recalls", ["member_id": f.id("选民6"), "reason": "x", "signers": [String]()], as: .anonymous).status == .unauthorized)
            let page = try await app.page("/elections/\(e)/result", lang: "en", as: .anonymous)
            #expect(page.status == .ok && page.text.contains("Recalls") && page.text.contains("13 of 23 registered voters voted"), "\(page.status)")
            let zh = try await app.page("/elections/\(e)/result", as: .anonymous)
            #expect(zh.text.contains("罢免通过") && zh.text.contains("赞成罢免 8 票"))
        }
    }

    @Test("from the overview page: the member picked by name, signers from the current roll, the count entered; errors beside the form")
    func fromPages() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ElectionFixture.make(app)
            let e = try await Self.announced(app, f)
            ElectionsTests.day(app, "2027-03-01")
            app.storage[AdminCallerKey.self] = try await app.signIn("tester", "tester-password")
            let overview = try await app.page("/elections/\(e)", lang: "en")
            #expect(overview.status == .ok && overview.text.contains("Propose a recall") && overview.text.contains("选民6 · Member"), "\(overview.status)")
            let few = try await app.form("/elections/\(e)/recalls", [("member_id", f.id("选民6")), ("reason", "不履职"), ("signers[]", f.id("选民7"))])
            #expect(few.status == .unprocessableEntity && few.text.contains("1 voters propose the recall"), "\(few.status)")
            let signers = ["选民7", "选民8", "选民9", "选民10", "选民12"].map { ("signers[]", f.id($0)) }
            let made = try await app.form("/elections/\(e)/recalls", [("member_id", f.id("选民6")), ("reason", "不履职")] + signers)
            #expect(made.status == .seeOther || made.status == .found, "\(made.status) \(made.text)")
            let recall = try #require(try await RecallRecord.query(on: app.db).first())
            let voted = try await app.form("/elections/\(e)/recalls/\(recall.id!)/vote", [("ballots_cast", "20"), ("in_favour", "15")])
            #expect(voted.status == .seeOther || voted.status == .found, "\(voted.status) \(voted.text)")
            let after = try await app.page("/elections/\(e)", lang: "en")
            #expect(after.text.contains("Recalled") && !after.text.contains(">选民6 · Member</option>"), "the recalled member is no longer offered")
        }
    }
}
