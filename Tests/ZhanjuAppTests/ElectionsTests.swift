import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// A committee's area with people to elect from: twenty adults (even ones women), one who turns
/// 18 on election day, one who turns 18 the day after, one deprived of political rights, one
/// long-term resident without local hukou; each in a household of their own, but for a child of 选民3.
struct ElectionFixture {
    var t: Territory
    /// Name → resident id.
    var people: [String: String]
    var adults: [String]

    static let pollingDay = "2026-12-20"

    static func make(_ app: Application) async throws -> ElectionFixture {
        let t = try await Territory.make(app)
        var people: [String: String] = [:]
        var sequence = 10
        var households: [String: String] = [:]
        func person(_ name: String, door: String, born: String, sex: Sex, hukou: String = "local", rights: Bool = true, childOf: String? = nil) async throws {
            var household = childOf.flatMap { households[$0] }
            if household == nil {
                let h = try await app.json(.POST, "/api/v1/households", ["entrance_id": t.entrance, "door": door])
                #expect(h.status == .created, "\(h.text)")
                household = h.object["id"] as? String
            }
            sequence += 1
            let id = IDNumber.make(region: "510107", birthDate: CivilDate(iso: born)!, sex: sex, sequence: sequence).value
            let r = try await app.json(.POST, "/api/v1/residents", ["name": name, "sex": sex.rawValue, "birth_date": born, "hukou": hukou, "political_rights": rights,
                                                                    "id_number": id, "household_id": household!, "relation": childOf == nil ? "head" : "child"])
            #expect(r.status == .created, "\(r.text)")
            people[name] = r.object["id"] as? String
            households[name] = household
        }
        var adults: [String] = []
        for i in 1...20 {
            let name = "选民\(i)"
            try await person(name, door: "\(200 + i)", born: "1970-03-\(String(format: "%02d", i))", sex: i % 2 == 0 ? .female : .male)
            adults.append(name)
        }
        try await person("成年", door: "301", born: "2008-12-20", sex: .female)
        try await person("少年", door: "302", born: "2008-12-21", sex: .male)
        try await person("无权", door: "303", born: "1960-01-01", sex: .male, rights: false)
        try await person("外来", door: "304", born: "1985-06-01", sex: .female, hukou: "long_term_non_local")
        // Too young to vote, but a candidate's lineal relative all the same.
        try await person("选民3之子", door: "", born: "2010-05-01", sex: .male, childOf: "选民3")
        return ElectionFixture(t: t, people: people, adults: adults)
    }

    func id(_ name: String) -> String { people[name]! }
}

extension TestingHTTPResponse {
    var array: [[String: Any]] { (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [[String: Any]] ?? [] }
}

@Suite("Elections: a residents' committee election by the statute, from roll to announced result, with a verifiable ballot log")
struct ElectionsTests {
    static func day(_ app: Application, _ iso: String) { app.clock = .fixed(CivilDate(iso: iso)!) }

    func create(_ app: Application, _ f: ElectionFixture, pollingDay: String = ElectionFixture.pollingDay,
                posts: [[String: Any]] = [["post": "chair", "seats": 1], ["post": "member", "seats": 4]]) async throws -> TestingHTTPResponse {
        try await app.json(.POST, "/api/v1/elections", ["committee_id": f.t.committee, "name_zh": "第十二届居委会选举", "name_en": "12th committee election",
                                                        "polling_day": pollingDay, "posts": posts])
    }

    @Test("the roll is published at least 20 days ahead: election day 19 days away is refused, 20 days away is accepted")
    func rollPublicationDays() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ElectionFixture.make(app)   // today is 2026-11-27
            let early = try await create(app, f, pollingDay: "2026-12-16")
            #expect(early.status == .unprocessableEntity)
            #expect(early.object["code"] as? String == "election.roll_publication", "\(early.text)")
            #expect(early.object["field"] as? String == "polling_day")
            #expect(try await create(app, f, pollingDay: "2026-12-17").status == .created)
            #expect(try await create(app, f, pollingDay: "2026-12-18").status == .created)
        }
    }

    @Test("the seats must make a committee: 4 seats refused, 5 accepted; two chairs refused")
    func committeeSize() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ElectionFixture.make(app)
            let four = try await create(app, f, posts: [["post": "chair", "seats": 1], ["post": "member", "seats": 3]])
            #expect(four.status == .unprocessableEntity && four.object["code"] as? String == "election.committee_size", "\(four.text)")
            let twoChairs = try await create(app, f, posts: [["post": "chair", "seats": 2], ["post": "member", "seats": 3]])
            #expect(twoChairs.object["code"] as? String == "election.one_chair", "\(twoChairs.text)")
            #expect(try await create(app, f).status == .created)
        }
    }

    @Test("only those who run the committee's elections call or read one; anyone may read the result, the log and receipts")
    func access() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ElectionFixture.make(app)
            #expect(try await app.json(.POST, "/api/v1/accounts", ["username": "voter", "password": "quiet-river-voter", "resident": f.id("选民1")]).status == .created)
            let voter = try await app.signIn("voter", "quiet-river-voter")
            let r = try await app.json(.POST, "/api/v1/elections", ["committee_id": f.t.committee], as: voter)
            #expect(r.status == .forbidden)
            #expect(try await app.json(.POST, "/api/v1/elections", ["committee_id": f.t.committee], as: .anonymous).status == .unauthorized)
            let e = try await create(app, f).object["id"] as! String
            #expect(try await app.json(.GET, "/api/v1/elections/\(e)", as: voter).status == .forbidden)
            #expect(try await app.json(.GET, "/api/v1/elections/\(e)/log", as: .anonymous).status == .ok)
            // The result is public once announced; before that there is none.
            #expect(try await app.json(.GET, "/api/v1/elections/\(e)/result", as: .anonymous).status == .notFound)
        }
    }

    /// Everything up to a published final list: roll (with the age, rights and residence rules),
    /// objections, nominations (one co-signer short, then enough), and the final list.
    /// An election prepared to its final list, its codes printed, and polling opened on election day.
    static func openPolling(_ app: Application, _ f: ElectionFixture) async throws -> (election: String, candidates: [String: String], codes: [String]) {
        let (e, c) = try await prepare(app, f)
        let codes = try await app.json(.POST, "/api/v1/elections/\(e)/codes").array.map { $0["code"] as! String }
        day(app, ElectionFixture.pollingDay)
        #expect(try await app.json(.POST, "/api/v1/elections/\(e)/polling").status == .ok)
        return (e, c, codes)
    }

    static func prepare(_ app: Application, _ f: ElectionFixture, method: String = "all_voters") async throws -> (election: String, candidates: [String: String]) {
        let created = try await app.json(.POST, "/api/v1/elections", ["committee_id": f.t.committee, "name_zh": "第十二届居委会选举", "name_en": "12th committee election",
                                                                      "polling_day": ElectionFixture.pollingDay, "method": method,
                                                                      "posts": [["post": "chair", "seats": 1], ["post": "member", "seats": 4]]])
        #expect(created.status == .created, "\(created.text)")
        let e = created.object["id"] as! String
        for (name, role) in [("选民19", "scrutineer"), ("选民20", "scrutineer"), ("选民18", "clerk")] {
            let s = try await app.json(.POST, "/api/v1/elections/\(e)/staff", ["resident_id": f.id(name), "role": role])
            #expect(s.status == .created, "\(s.text)")
        }
        let built = try await app.json(.POST, "/api/v1/elections/\(e)/roll/build")
        #expect(built.status == .ok, "\(built.text)")
        // 20 adults and the one who turns 18 on election day; not the one a day short, nor the one without rights.
        #expect(built.object["listed"] as? Int == 21)
        let excluded = (built.object["not_listed"] as? [[String: Any]] ?? []).map { ($0["name"] as! String, ($0["reasons"] as! [[String: Any]]).map { $0["rule"] as! String }) }
        #expect(excluded.contains { $0.0 == "少年" && $0.1 == ["voter_age"] })
        #expect(excluded.contains { $0.0 == "无权" && $0.1 == ["political_rights"] })
        // A resident without local hukou is registered on application after 12 months: 11 refused, 12 accepted.
        let short = try await app.json(.POST, "/api/v1/elections/\(e)/roll/changes", ["resident_id": f.id("外来"), "change": "add", "reason": "本人申请", "since": "2025-12-21"])
        #expect(short.status == .unprocessableEntity && short.object["code"] as? String == "election.non_local_resident", "\(short.text)")
        let enough = try await app.json(.POST, "/api/v1/elections/\(e)/roll/changes", ["resident_id": f.id("外来"), "change": "add", "reason": "本人申请", "since": "2025-12-20"])
        #expect(enough.status == .created, "\(enough.text)")
        // The election committee has 7–9 members by the time it publishes the roll: 6 are too few.
        for i in 11...16 {
            #expect(try await app.json(.POST, "/api/v1/elections/\(e)/staff", ["resident_id": f.id("选民\(i)"), "role": "election_committee"]).status == .created)
        }
        let six = try await app.json(.POST, "/api/v1/elections/\(e)/roll/publish")
        #expect(six.status == .unprocessableEntity && six.object["code"] as? String == "election.election_committee_size", "\(six.text)")
        #expect(try await app.json(.POST, "/api/v1/elections/\(e)/staff", ["resident_id": f.id("选民17"), "role": "election_committee"]).status == .created)
        #expect(try await app.json(.POST, "/api/v1/elections/\(e)/roll/publish").status == .ok)
        #expect(try await app.json(.POST, "/api/v1/elections/\(e)/roll/build").status == .conflict)

        // Objections run five days from publication (11-27 to 12-02): the last day is taken, the day after refused.
        day(app, "2026-12-02")
        let objection = try await app.json(.POST, "/api/v1/elections/\(e)/objections", ["resident_id": f.id("成年"), "request": "remove", "reason": "不在本社区居住"])
        #expect(objection.status == .created, "\(objection.text)")
        #expect(objection.object["answer_due"] as? String == "2026-12-07")   // three working days, over the weekend
        day(app, "2026-12-03")
        let late = try await app.json(.POST, "/api/v1/elections/\(e)/objections", ["resident_id": f.id("选民1"), "request": "remove", "reason": "迟到的异议"])
        #expect(late.status == .unprocessableEntity && late.object["code"] as? String == "election.objection_period", "\(late.text)")
        let answered = try await app.json(.POST, "/api/v1/elections/\(e)/objections/\(objection.object["id"] as! String)/answer",
                                          ["decision": "upheld", "answer": "经核实已迁出"])
        #expect(answered.status == .ok, "\(answered.text)")
        #expect(try await app.json(.POST, "/api/v1/elections/\(e)/objections/\(objection.object["id"] as! String)/answer",
                                   ["decision": "upheld", "answer": "again"]).status == .conflict)

        // Nominations: self-nomination needs 10 co-signers on the roll; 9 are one short.
        let signers = (1...17).map { f.id("选民\($0)") }
        func nominate(_ name: String, _ post: String, _ cosigners: [String]) async throws -> TestingHTTPResponse {
            try await app.json(.POST, "/api/v1/elections/\(e)/nominations",
                               ["nominee_id": f.id(name), "post": post, "kind": "self_nomination", "signers": cosigners.filter { $0 != f.id(name) }])
        }
        let nine = try await nominate("选民1", "chair", Array(signers[1...9]))
        #expect(nine.status == .unprocessableEntity && nine.object["code"] as? String == "election.nomination", "\(nine.text)")
        #expect(nine.object["field"] as? String == "signers")
        let offRoll = try await nominate("少年", "member", Array(signers[1...10]))
        #expect(offRoll.object["code"] as? String == "election.nominee_on_roll", "\(offRoll.text)")
        var candidates: [String: String] = [:]
        for (name, post) in [("选民1", "chair"), ("选民2", "chair"), ("选民3", "member"), ("选民4", "member"), ("选民5", "member"), ("选民6", "member"),
                             ("选民7", "member"), ("选民8", "member")] {
            let n = try await nominate(name, post, Array(signers[0...11]))
            #expect(n.status == .created, "\(name): \(n.text)")
            candidates[name] = f.id(name)
        }
        // A member of the election committee may be nominated, but must withdraw from the committee to be a formal candidate.
        #expect(try await nominate("选民11", "member", Array(signers[0...11])).status == .created)

        // The final list: the member margin is seats + 1 to + 3 (4 candidates refused, 5 accepted), published 5 days ahead.
        func list(_ names: [(String, String)]) -> [String: Any] { ["candidates": names.map { ["resident_id": f.id($0.0), "post": $0.1] }] }
        day(app, "2026-12-15")
        let noMargin = try await app.json(.POST, "/api/v1/elections/\(e)/final-list",
                                          list([("选民1", "chair"), ("选民2", "chair"), ("选民3", "member"), ("选民4", "member"), ("选民5", "member"), ("选民6", "member")]))
        #expect(noMargin.status == .unprocessableEntity && noMargin.object["code"] as? String == "election.competitive_margin", "\(noMargin.text)")
        let sitting = try await app.json(.POST, "/api/v1/elections/\(e)/final-list",
                                         list([("选民1", "chair"), ("选民2", "chair"), ("选民3", "member"), ("选民4", "member"), ("选民5", "member"), ("选民6", "member"), ("选民11", "member")]))
        #expect(sitting.status == .unprocessableEntity && sitting.object["code"] as? String == "election.election_committee_withdrawal", "\(sitting.text)")
        let final = list([("选民1", "chair"), ("选民2", "chair"), ("选民3", "member"), ("选民4", "member"), ("选民5", "member"), ("选民6", "member"), ("选民7", "member")])
        day(app, "2026-12-16")
        let tooLate = try await app.json(.POST, "/api/v1/elections/\(e)/final-list", final)
        #expect(tooLate.status == .unprocessableEntity && tooLate.object["code"] as? String == "election.final_candidate_list", "\(tooLate.text)")
        day(app, "2026-12-15")
        let published = try await app.json(.POST, "/api/v1/elections/\(e)/final-list", final)
        #expect(published.status == .ok, "\(published.text)")
        #expect(published.object["stage"] as? String == "final_list")
        // A candidate's child may not serve as staff (the register records the relation to the head).
        let child = try await app.json(.POST, "/api/v1/elections/\(e)/staff", ["resident_id": f.id("选民3之子"), "role": "mobile_box_carrier"])
        #expect(child.status == .unprocessableEntity && child.object["code"] as? String == "election.staff_exclusion", "\(child.text)")
        // Nor may a candidate do any other job of the election.
        let member = try await app.json(.POST, "/api/v1/elections/\(e)/staff", ["resident_id": f.id("选民4"), "role": "teller"])
        #expect(member.object["code"] as? String == "election.staff_exclusion", "\(member.text)")
        return (e, candidates)
    }

    @Test("a whole election: roll, objections, nominations, final list, codes, web ballots, count, further round, announcement, receipts, log verified offline")
    func wholeElection() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ElectionFixture.make(app)
            let (e, c) = try await Self.prepare(app, f)

            let detail = try await app.json(.GET, "/api/v1/elections/\(e)")
            let roll = (detail.object["roll"] as! [[String: Any]]).filter { !($0["removed"] as! Bool) }
            #expect(roll.count == 21)   // 21 drawn up, the non-local resident added, the one objected to removed
            #expect((detail.object["roll_changes"] as! [[String: Any]]).map { $0["change"] as! String } == ["remove"])

            let codes = try await app.json(.POST, "/api/v1/elections/\(e)/codes")
            #expect(codes.status == .created)
            let slips = codes.array.map { $0["code"] as! String }
            #expect(slips.count == 21)
            #expect(try await app.json(.POST, "/api/v1/elections/\(e)/codes").array.isEmpty, "codes are issued once")

            // Polling on election day only.
            Self.day(app, "2026-12-19")
            #expect(try await app.json(.POST, "/api/v1/elections/\(e)/polling").status == .conflict)
            Self.day(app, ElectionFixture.pollingDay)
            #expect(try await app.json(.POST, "/api/v1/elections/\(e)/polling").status == .ok)

            func cast(_ code: String, chair: [String], members: [String]) async throws -> TestingHTTPResponse {
                try await app.json(.POST, "/api/v1/ballots", ["code": code, "marks": ["chair": chair.map { c[$0]! }, "member": members.map { c[$0]! }]], as: .anonymous)
            }
            let paper = try await app.json(.POST, "/api/v1/ballot-papers", ["code": slips[0]], as: .anonymous)
            #expect(paper.status == .ok && (paper.object["posts"] as? [[String: Any]])?.count == 2, "\(paper.text)")

            // The same code sent twice at once: exactly one ballot.
            async let first = cast(slips[0], chair: ["选民1"], members: ["选民3", "选民4", "选民5"])
            async let second = cast(slips[0], chair: ["选民1"], members: ["选民3", "选民4", "选民5"])
            let statuses = [try await first.status, try await second.status]
            #expect(statuses.filter { $0 == .created }.count == 1 && statuses.filter { $0 == .unprocessableEntity }.count == 1, "\(statuses)")

            // Fourteen ballots: chair 选民1 9, 选民2 5. Members 3–5 on every ballot; 选民6 on 6, 选民7 on 4;
            // one ballot marks five members for four seats: void for members only.
            var receipts: [String] = []
            for i in 1..<14 {
                let chair = i < 9 ? ["选民1"] : ["选民2"]
                var members = ["选民3", "选民4", "选民5"]
                if i <= 6 { members.append("选民6") } else if i <= 10 { members.append("选民7") }
                if i == 13 { members = ["选民3", "选民4", "选民5", "选民6", "选民7"] }
                let r = try await cast(slips[i], chair: chair, members: members)
                #expect(r.status == .created, "\(r.text)")
                receipts.append(r.object["receipt"] as! String)
            }
            let running = try await app.json(.GET, "/api/v1/elections/\(e)/log", as: .anonymous)
            #expect(try JSONDecoder().decode(ElectionRead.LogFile.self, from: Data(buffer: running.body)).records.isEmpty, "no running tally while polling")
            #expect(try await app.json(.GET, "/api/v1/elections/\(e)/receipts/\(receipts[0])", as: .anonymous).object["found"] as? Bool == true)
            let wrong = try await app.json(.POST, "/api/v1/ballots", ["code": slips[14], "marks": ["chair": [f.id("选民9")]]], as: .anonymous)
            #expect(wrong.status == .unprocessableEntity && wrong.object["code"] as? String == "election.ballot", "\(wrong.text)")

            // Counted before two scrutineers: one is too few.
            let one = try await app.json(.POST, "/api/v1/elections/\(e)/count", ["scrutineers": [f.id("选民19")]])
            #expect(one.status == .unprocessableEntity && one.object["code"] as? String == "election.scrutineers", "\(one.text)")
            let notStaff = try await app.json(.POST, "/api/v1/elections/\(e)/count", ["scrutineers": [f.id("选民19"), f.id("选民9")]])
            #expect(notStaff.object["field"] as? String == "scrutineers.1", "\(notStaff.text)")
            let counted = try await app.json(.POST, "/api/v1/elections/\(e)/count", ["scrutineers": [f.id("选民19"), f.id("选民20")]])
            #expect(counted.status == .ok, "\(counted.text)")
            // 14 of 21 voted (more than half). Elected with more than half of 14 (8): chair 选民1 (9); members 3, 4, 5 (14 each).
            // 选民6 had 6 and 选民7 4 (below 8): a further round for one member seat among the top two not elected.
            #expect(counted.object["stage"] as? String == "final_list" && counted.object["round"] as? Int == 2, "\(counted.text)")
            let afterFirst = try await app.json(.GET, "/api/v1/elections/\(e)")
            let rounds = afterFirst.object["rounds"] as! [[String: Any]]
            let first1 = rounds[0]
            #expect(first1["ballots_cast"] as? Int == 14 && first1["valid"] as? Bool == true)
            let memberPost = (first1["posts"] as! [[String: Any]]).first { $0["post"] as? String == "member" }!
            #expect(memberPost["void_ballots"] as? Int == 1 && memberPost["votes_needed"] as? Int == 8)
            #expect((memberPost["elected"] as! [[String: Any]]).count == 3)
            let further = (rounds[1]["ballot"] as! [[String: Any]])
            #expect(further.count == 1 && further[0]["kind"] as? String == "further" && further[0]["seats"] as? Int == 1)
            #expect(Set((further[0]["candidates"] as! [[String: Any]]).map { $0["resident_id"] as! String }) == [c["选民6"]!, c["选民7"]!])

            // Round 2: new codes, polling again; the most votes win with at least a third of ballots cast.
            let codes2 = try await app.json(.POST, "/api/v1/elections/\(e)/codes").array.map { $0["code"] as! String }
            #expect(codes2.count == 21)
            #expect(try await cast(slips[20], chair: [], members: ["选民6"]).status == .unprocessableEntity, "a first-round code is over")
            #expect(try await app.json(.POST, "/api/v1/elections/\(e)/polling").status == .ok)
            for i in 0..<12 {
                let r = try await app.json(.POST, "/api/v1/ballots", ["code": codes2[i], "marks": ["member": [i < 7 ? c["选民6"]! : c["选民7"]!]]], as: .anonymous)
                #expect(r.status == .created, "\(r.text)")
            }
            #expect(try await app.json(.POST, "/api/v1/elections/\(e)/count", ["scrutineers": [f.id("选民19"), f.id("选民20")]]).object["stage"] as? String == "counted")
            #expect(try await app.json(.GET, "/api/v1/elections/\(e)/result", as: .anonymous).status == .notFound)
            #expect(try await app.json(.POST, "/api/v1/elections/\(e)/announce").status == .ok)

            let result = try await app.json(.GET, "/api/v1/elections/\(e)/result", as: .anonymous)
            #expect(result.status == .ok, "\(result.text)")
            let elected = (result.object["elected"] as! [[String: Any]]).map { $0["name"] as! String }
            #expect(Set(elected) == ["选民1", "选民3", "选民4", "选民5", "选民6"], "\(elected)")
            #expect(result.object["term_starts"] as? String == ElectionFixture.pollingDay && result.object["term_ends"] as? String == "2031-12-19")
            #expect((result.object["open_seats"] as! [Any]).isEmpty)
            // The elected hold the committee's posts in the registry from the announcement, for five years.
            let appointments = try await app.json(.GET, "/api/v1/appointments?body_id=\(f.t.committee)&per=50").object["items"] as! [[String: Any]]
            #expect(Set(appointments.map { "\($0["post"]!) \($0["resident_id"]!)" }) ==
                    Set([("chair", "选民1"), ("member", "选民3"), ("member", "选民4"), ("member", "选民5"), ("member", "选民6")].map { "\($0.0) \(c[$0.1]!.uppercased())" }))
            #expect(appointments.allSatisfy { $0["starts_on"] as? String == "2026-12-20" && $0["ends_on"] as? String == "2031-12-19" })

            // Receipts are found in the public log; an unknown one is not.
            let lookUp = try await app.json(.GET, "/api/v1/elections/\(e)/receipts/\(receipts[3].lowercased())", as: .anonymous)
            #expect(lookUp.object["found"] as? Bool == true, "\(lookUp.text)")
            #expect(try await app.json(.GET, "/api/v1/elections/\(e)/receipts/ZZZZ-ZZZZ", as: .anonymous).object["found"] as? Bool == false)

            // The log verifies offline; a changed ballot breaks the chain; a changed count is named.
            let log = try await app.json(.GET, "/api/v1/elections/\(e)/log", as: .anonymous)
            #expect(log.status == .ok)
            let data = Data(buffer: log.body)
            let ok = try ElectionCommands.verify(data: data)
            #expect(ok.contains("verifies: 26 ballots"), "\(ok)")
            var file = try JSONDecoder().decode(ElectionRead.LogFile.self, from: data)
            #expect(file.records.count == 26 && file.head != nil)
            var tampered = file
            tampered.records[4].entry.ballot.marks[.chair] = [.candidate(c["选民2"]!)]
            #expect(throws: AccessCommands.CommandFailure.self) { try ElectionCommands.verify(data: try JSONEncoder().encode(tampered)) }
            do { _ = try ElectionCommands.verify(data: try JSONEncoder().encode(tampered)) } catch let failure as AccessCommands.CommandFailure {
                #expect(failure.message.contains("entry 5"), "\(failure.message)")
            }
            file.published[0].votes[.chair]![c["选民1"]!] = 10
            do { _ = try ElectionCommands.verify(data: try JSONEncoder().encode(file)); Issue.record("a changed count verified") } catch let failure as AccessCommands.CommandFailure {
                #expect(failure.message.contains("round 1, chair") && failure.message.contains("9 votes in the log, 10 announced"), "\(failure.message)")
            }
            // A record cut off the end: the published head no longer matches.
            var cut = try JSONDecoder().decode(ElectionRead.LogFile.self, from: data)
            cut.records.removeLast()
            do { _ = try ElectionCommands.verify(data: try JSONEncoder().encode(cut)); Issue.record("a cut log verified") } catch let failure as AccessCommands.CommandFailure {
                #expect(failure.message.contains("not at the published"), "\(failure.message)")
            }

            // Secrecy: a stored ballot names no voter and carries no time.
            let columns = try await (app.db as! any SQLDatabase).raw("SELECT * FROM election_ballots").first()!.allColumns
            #expect(Set(columns) == ["id", "election_id", "round", "sequence", "receipt", "ballot", "previous", "hash"])
            #expect(try await RollEntry.query(on: app.db).filter(\.$votedRound == 2).count() == 12)
        }
    }

    @Test("zhanju election verify reads a log file from disk and fails on one that was changed")
    func verifyFile() async throws {
        let ballots = [BallotLogEntry(sequence: 1, election: "E", round: 1, receipt: "AAAA-BBBB", ballot: Ballot(marks: [.chair: [.candidate("a")]])),
                       BallotLogEntry(sequence: 2, election: "E", round: 1, receipt: "CCCC-DDDD", ballot: Ballot(marks: [.chair: [.candidate("b")]])),
                       BallotLogEntry(sequence: 3, election: "E", round: 1, receipt: "EEEE-FFFF", ballot: Ballot(marks: [.chair: [.candidate("a")]]))]
        let rules = ElectionRuleSet.residentsCommittee
        let round = ElectionRound(number: 1, posts: [.init(post: .chair, kind: .first, seats: 1, candidates: ["a", "b"])])
        let records = BallotLog.chain(ballots)
        let file = ElectionRead.LogFile(format: 1, election: "E", rules: rules, rounds: [round],
                                        published: [PublishedCount(round: 1, registeredVoters: 5, ballotsIssued: 5, ballotsCast: 3, votes: [.chair: ["a": 2, "b": 1]])],
                                        head: records.last!.hash, records: records)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ballot-log-\(UUID()).json").path
        try ElectionRead.logData(file).write(to: URL(fileURLWithPath: path))
        #expect(try ElectionCommands.verify(file: path).contains("verifies: 3 ballots"))
        var changed = file
        changed.records[1].entry.receipt = "XXXX-YYYY"
        try ElectionRead.logData(changed).write(to: URL(fileURLWithPath: path))
        do { _ = try ElectionCommands.verify(file: path); Issue.record("a changed log verified") } catch let failure as AccessCommands.CommandFailure {
            #expect(failure.message.contains("entry 2"), "\(failure.message)")
        }
        try? FileManager.default.removeItem(atPath: path)
    }
}

@Suite("Elections on paper: ballots issued at the booth and from a mobile box, papers entered twice, mismatches settled by a scrutineer")
struct ElectionPaperTests {
    @Test("a mobile box needs 3 carriers; a voter takes one ballot; two clerks must agree; the count waits for every paper; too few voters void the round")
    func paperBallots() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ElectionFixture.make(app)
            let (e, c) = try await ElectionsTests.prepare(app, f)
            for (name, role) in [("选民10", "clerk"), ("选民8", "mobile_box_carrier"), ("选民9", "mobile_box_carrier"), ("选民12", "mobile_box_carrier")] {
                let s = try await app.json(.POST, "/api/v1/elections/\(e)/staff", ["resident_id": f.id(name), "role": role])
                #expect(s.status == .created, "\(s.text)")
            }
            var callers: [String: Caller] = [:]
            for (name, username) in [("选民18", "clerk1"), ("选民10", "clerk2"), ("选民19", "scrutineer"), ("选民1", "voter")] {
                #expect(try await app.json(.POST, "/api/v1/accounts", ["username": username, "password": "quiet-river-\(username)", "resident": f.id(name)]).status == .created)
            }
            // Proxies, before polling: written, to a close relative, at most three held by one voter.
            func proxy(_ grantor: String, _ holder: String, _ relation: String = "sibling", written: Bool = true) async throws -> TestingHTTPResponse {
                try await app.json(.POST, "/api/v1/elections/\(e)/proxies", ["grantor_id": f.id(grantor), "holder_id": f.id(holder), "relation": relation, "written": written])
            }
            #expect(try await proxy("选民7", "选民5", written: false).object["code"] as? String == "election.proxy_written")
            #expect(try await proxy("选民7", "选民5", "other").object["code"] as? String == "election.proxy_relative")
            for grantor in ["选民7", "选民13", "选民14"] { #expect(try await proxy(grantor, "选民5").status == .created) }
            let fourth = try await proxy("选民15", "选民5")
            #expect(fourth.status == .unprocessableEntity && fourth.object["code"] as? String == "election.proxy_limit", "\(fourth.text)")
            #expect(try await proxy("选民3之子", "选民3", "child").object["code"] as? String == "election.proxy_relative", "the register says parent")
            #expect(try await proxy("选民3之子", "选民3", "parent").object["code"] as? String == "election.proxy_on_roll", "a grantor off the roll")
            let registered = try await app.json(.GET, "/api/v1/elections/\(e)").object["proxies"] as? [[String: Any]] ?? []
            #expect(registered.count == 3)
            let codes = try await app.json(.POST, "/api/v1/elections/\(e)/codes").array
            ElectionsTests.day(app, ElectionFixture.pollingDay)
            for username in ["clerk1", "clerk2", "scrutineer", "voter"] { callers[username] = try await app.signIn(username, "quiet-river-\(username)") }
            #expect(try await app.json(.POST, "/api/v1/elections/\(e)/polling").status == .ok)

            let two = try await app.json(.POST, "/api/v1/elections/\(e)/mobile-boxes", ["carriers": [f.id("选民8"), f.id("选民9")]])
            #expect(two.status == .unprocessableEntity && two.object["code"] as? String == "election.mobile_box", "\(two.text)")
            let box = try await app.json(.POST, "/api/v1/elections/\(e)/mobile-boxes", ["carriers": [f.id("选民8"), f.id("选民9"), f.id("选民12")]])
            #expect(box.status == .created && box.object["label"] as? String == "M1", "\(box.text)")

            // Issuing: by a clerk, once per voter; the voter's code no longer casts.
            #expect(try await app.json(.POST, "/api/v1/elections/\(e)/paper-ballots/issue", ["resident_id": f.id("选民2")], as: callers["voter"]).status == .forbidden)
            let issued = try await app.json(.POST, "/api/v1/elections/\(e)/paper-ballots/issue", ["resident_id": f.id("选民1"), "box": "booth"], as: callers["clerk1"])
            #expect(issued.status == .created, "\(issued.text)")
            let twice = try await app.json(.POST, "/api/v1/elections/\(e)/paper-ballots/issue", ["resident_id": f.id("选民1"), "box": "M1"], as: callers["clerk2"])
            #expect(twice.status == .conflict && twice.object["code"] as? String == "election.voted", "\(twice.text)")
            let code = try #require(codes.first { $0["name"] as? String == "选民1" }?["code"] as? String)
            // 选民5 votes by the written proxy recorded for 选民7: a proxy not recorded is refused.
            let noProxy = try await app.json(.POST, "/api/v1/elections/\(e)/paper-ballots/issue", ["resident_id": f.id("选民7"), "proxy_holder_id": f.id("选民6")], as: callers["clerk1"])
            #expect(noProxy.status == .unprocessableEntity && noProxy.object["code"] as? String == "election.proxy_written", "\(noProxy.text)")
            let byProxy = try await app.json(.POST, "/api/v1/elections/\(e)/paper-ballots/issue", ["resident_id": f.id("选民7"), "proxy_holder_id": f.id("选民5")], as: callers["clerk1"])
            #expect(byProxy.status == .created, "\(byProxy.text)")
            #expect(try await app.json(.POST, "/api/v1/ballots", ["code": code, "marks": ["chair": [c["选民1"]!]]], as: .anonymous).status == .unprocessableEntity)
            // 选民2 from the mobile box, on the polling station's page, choosing the voter by name.
            let booth = try await app.page("/elections/\(e)/booth", lang: "en", as: callers["clerk1"])
            #expect(booth.status == .ok && booth.text.contains("选民2 · ") && !booth.text.contains("选民1 · "), "\(booth.status)")
            #expect(try await app.page("/elections/\(e)/booth", as: callers["voter"]).status == .forbidden)
            let byPage = try await app.form("/elections/\(e)/booth/issue", [("resident_id", f.id("选民2")), ("box", "M1")], as: callers["clerk1"])
            #expect(byPage.status == .seeOther && byPage.headers.first(name: .location) == "/elections/\(e)/booth?done=issued", "\(byPage.status)")
            #expect(try await app.page("/elections/\(e)/booth?done=issued", lang: "en", as: callers["clerk1"]).text.contains("Ballot issued"))

            // Paper 1: both clerks read it alike (in any order of names): into the log.
            func enter(_ who: String, _ number: Int, chair: String, members: [String]) async throws -> TestingHTTPResponse {
                try await app.json(.POST, "/api/v1/elections/\(e)/paper-ballots",
                                   ["box": "booth", "number": number, "marks": ["chair": [c[chair]!], "member": members.map { c[$0]! }]], as: callers[who])
            }
            #expect(try await enter("clerk1", 1, chair: "选民1", members: ["选民3", "选民4"]).object["state"] as? String == "entered")
            #expect(try await enter("clerk1", 1, chair: "选民1", members: ["选民3", "选民4"]).status == .conflict, "the same clerk twice")
            let agreed = try await enter("clerk2", 1, chair: "选民1", members: ["选民4", "选民3"])
            #expect(agreed.object["state"] as? String == "accepted" && agreed.object["receipt"] != nil, "\(agreed.text)")
            // Paper 2: they differ: blocked, and the count waits.
            #expect(try await enter("clerk1", 2, chair: "选民1", members: []).object["state"] as? String == "entered")
            #expect(try await enter("clerk2", 2, chair: "选民2", members: []).object["state"] as? String == "mismatch")
            let scrutineers = ["scrutineers": [f.id("选民19"), f.id("选民20")]]
            let blocked = try await app.json(.POST, "/api/v1/elections/\(e)/count", scrutineers)
            #expect(blocked.status == .conflict && blocked.object["code"] as? String == "election.double_entry", "\(blocked.text)")
            let byClerk = try await app.json(.POST, "/api/v1/elections/\(e)/paper-ballots/resolve", ["box": "booth", "number": 2, "marks": ["chair": [c["选民2"]!]]],
                                             as: callers["clerk1"])
            #expect(byClerk.status == .forbidden)
            let settled = try await app.json(.POST, "/api/v1/elections/\(e)/paper-ballots/resolve", ["box": "booth", "number": 2, "marks": ["chair": [c["选民2"]!]]],
                                             as: callers["scrutineer"])
            #expect(settled.object["state"] as? String == "resolved", "\(settled.text)")

            // Two ballots of 21 voters: not more than half voted, so the round is void and held again.
            let counted = try await app.json(.POST, "/api/v1/elections/\(e)/count", scrutineers)
            #expect(counted.status == .ok && counted.object["round"] as? Int == 2, "\(counted.text)")
            let detail = try await app.json(.GET, "/api/v1/elections/\(e)")
            let first = (detail.object["rounds"] as! [[String: Any]])[0]
            #expect(first["valid"] as? Bool == false && first["ballots_cast"] as? Int == 2 && first["ballots_issued"] as? Int == 21)
            #expect(((first["validity"] as! [[String: Any]]).map { $0["rule"] as! String }).contains("turnout"))
            let log = try await app.json(.GET, "/api/v1/elections/\(e)/log", as: .anonymous)
            #expect(try ElectionCommands.verify(data: Data(buffer: log.body)).contains("verifies: 2 ballots"))
        }
    }
}

@Suite("Ballot intake: ballots arriving together are written in one transaction, each acknowledged after it commits")
struct BallotIntakeTests {
    @Test("twenty ballots sent at once: all acknowledged, in fewer transactions than ballots, the chain whole; a bad code in the batch fails alone")
    func groupCommit() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ElectionFixture.make(app)
            let (e, c, codes) = try await ElectionsTests.openPolling(app, f)
            let intake = try #require(app.storage[BallotIntakeKey.self])
            let before = await intake.counts
            let statuses = try await withThrowingTaskGroup(of: (String, UInt).self) { group in
                for code in codes.prefix(20) + ["ZZZZ-ZZZZ-ZZZZ-ZZZZ"] {
                    group.addTask {
                        let r = try await app.json(.POST, "/api/v1/ballots", ["code": code, "marks": ["chair": [c["选民1"]!], "member": [c["选民3"]!]]], as: .anonymous)
                        return (code, r.status.code)
                    }
                }
                return try await group.reduce(into: [String: UInt]()) { $0[$1.0] = $1.1 }
            }
            #expect(statuses.filter { $0.value == 201 }.count == 20 && statuses["ZZZZ-ZZZZ-ZZZZ-ZZZZ"] == 422, "\(statuses)")
            let after = await intake.counts
            #expect(after.ballots - before.ballots == 21)
            #expect(after.batches - before.batches < 21, "ballots were gathered into shared transactions")
            let stored = try await StoredBallot.query(on: app.db).sort(\.$sequence).all()
            #expect(stored.map(\.sequence) == Array(1...20))
            // The count's running forms agree with the ballots themselves, form by form.
            let forms = try await ElectionService.ballotsCounted(UUID(uuidString: e)!, round: 1, on: app.db)
            #expect(forms.reduce(0) { $0 + $1.count } == 20)
            let grouped = Dictionary(grouping: stored.map { try! JSONDecoder().decode(Ballot.self, from: Data($0.ballotJSON.utf8)) }, by: { $0 }).mapValues(\.count)
            #expect(Dictionary(uniqueKeysWithValues: forms.map { ($0.ballot, $0.count) }) == grouped)
            #expect(try await app.json(.POST, "/api/v1/elections/\(e)/count", ["scrutineers": [f.id("选民19"), f.id("选民20")]]).status == .ok)
            // The count was written by another connection than the ballots': what the ballots'
            // writer knew of the election (polling) is dropped, and a code never used casts nothing.
            let late = try await app.json(.POST, "/api/v1/ballots", ["code": codes[20], "marks": ["chair": [c["选民1"]!]]], as: .anonymous)
            #expect(late.status == .unprocessableEntity, "\(late.text)")
            let log = try await app.json(.GET, "/api/v1/elections/\(e)/log", as: .anonymous)
            #expect(try ElectionCommands.verify(data: Data(buffer: log.body)).contains("verifies: 20 ballots"))
            let lines = try await app.json(.GET, "/api/v1/elections/\(e)/log/lines", as: .anonymous)
            #expect(lines.status == .ok && lines.text.hasPrefix("zhanju-ballot-log 2\n"))
            #expect(try ElectionCommands.verify(data: Data(buffer: lines.body)).contains("verifies: 20 ballots"))
        }
    }
}

extension BallotIntakeTests {
    @Test("a receipt the election has already given is refused by the log's index and another drawn: each ballot stored once, the chain over the receipts kept")
    func receiptTakenDrawsAgain() async throws {
        guard ProcessInfo.processInfo.environment["ZHANJU_TEST_DATABASE_URL"] == nil else { return }   // the SQLite writer's path
        try await withApp { (app: Application) async throws in
            let f = try await ElectionFixture.make(app)
            let (e, c, codes) = try await ElectionsTests.openPolling(app, f)
            // Every ballot's first two draws are the same receipt: the first ballot takes it, the
            // others are refused it twice and keep their third.
            let writer = SQLiteBallotWriter(path: try #require(app.sqliteFile)) { sequence, attempt in
                attempt <= 2 ? "2222-2222" : ElectionService.receipt(sequence: sequence)
            }
            let access = app.access
            app.storage[BallotIntakeKey.self] = BallotIntake(parallel: 1) { requests in
                (try? await access.writeOnOwnConnection { await writer.write(requests) }) ?? requests.map { _ in .failure(ElectionService.retry) }
            }
            var receipts: [String] = []
            for code in codes.prefix(3) {
                let r = try await app.json(.POST, "/api/v1/ballots", ["code": code, "marks": ["chair": [c["选民1"]!]]], as: .anonymous)
                #expect(r.status == .created, "\(r.text)")
                receipts.append(r.object["receipt"] as? String ?? "")
            }
            await writer.close()
            #expect(receipts[0] == "2222-2222" && Set(receipts).count == 3, "\(receipts)")
            let stored = try await StoredBallot.query(on: app.db).sort(\.$sequence).all()
            #expect(stored.map(\.receipt) == receipts && stored.map(\.sequence) == [1, 2, 3])
            #expect(try await app.json(.POST, "/api/v1/elections/\(e)/count", ["scrutineers": [f.id("选民19"), f.id("选民20")]]).status == .ok)
            let log = try await app.json(.GET, "/api/v1/elections/\(e)/log", as: .anonymous)
            #expect(try ElectionCommands.verify(data: Data(buffer: log.body)).contains("verifies: 3 ballots"))
        }
    }

    @Test("two instances on one SQLite file take ballots at once, each code sent to both: it casts once, and the log is one unbroken chain")
    func twoInstancesOneFile() async throws {
        guard ProcessInfo.processInfo.environment["ZHANJU_TEST_DATABASE_URL"] == nil else { return }   // two processes on a SQLite file
        try await withTwoApps { (app: Application, other: Application) async throws in
            let f = try await ElectionFixture.make(app)
            let (e, c) = try await ElectionsTests.prepare(app, f)
            let codes = try await app.json(.POST, "/api/v1/elections/\(e)/codes").array.map { $0["code"] as! String }
            ElectionsTests.day(app, ElectionFixture.pollingDay)
            other.clock = app.clock
            #expect(try await app.json(.POST, "/api/v1/elections/\(e)/polling").status == .ok)
            let sent = Array(codes.prefix(16))
            let statuses = try await withThrowingTaskGroup(of: (String, UInt).self) { group in
                for code in sent {
                    for target in [app, other] {
                        group.addTask {
                            let r = try await target.json(.POST, "/api/v1/ballots", ["code": code, "marks": ["chair": [c["选民1"]!], "member": [c["选民3"]!]]], as: .anonymous)
                            return (code, r.status.code)
                        }
                    }
                }
                return try await group.reduce(into: [String: [UInt]]()) { $0[$1.0, default: []].append($1.1) }
            }
            for code in sent { #expect(statuses[code]?.sorted() == [201, 422], "\(code): \(statuses[code] ?? [])") }
            let stored = try await StoredBallot.query(on: app.db).sort(\.$sequence).all()
            #expect(stored.map(\.sequence) == Array(1...sent.count))
            #expect(Set(stored.map(\.receipt)).count == sent.count)
            let marked = try await RollEntry.query(on: app.db).filter(\.$votedRound == 1).count()
            #expect(marked == sent.count, "voters marked (their codes spent) \(marked)")
            let forms = try await ElectionService.ballotsCounted(UUID(uuidString: e)!, round: 1, on: app.db)
            #expect(forms.reduce(0) { $0 + $1.count } == sent.count)
            #expect(try await app.json(.POST, "/api/v1/elections/\(e)/count", ["scrutineers": [f.id("选民19"), f.id("选民20")]]).status == .ok)
            let log = try await app.json(.GET, "/api/v1/elections/\(e)/log", as: .anonymous)
            #expect(try ElectionCommands.verify(data: Data(buffer: log.body)).contains("verifies: \(sent.count) ballots"))
        }
    }
}

@Suite("Each election's ballot log is its own chain under its own lock")
struct BallotChainLockTests {
    @Test("on PostgreSQL, ballots are written and acknowledged while another write holds the installation's lock; a write to the same election waits for its batch",
          .enabled(if: DatabaseCopyTests.postgres))
    func ballotsDoNotQueueBehindOtherWrites() async throws {
        try await withApp(backend: .postgres) { (app: Application) async throws in
            let f = try await ElectionFixture.make(app)
            let (e, c, codes) = try await ElectionsTests.openPolling(app, f)
            // Another write (an audit append, a case, a registry change) holds the installation's
            // lock for as long as the ballots take: they must not wait for it. (Fluent runs a
            // transaction's body in a task of its own, outside this test's context: the test
            // client is told so, and the results are checked here, in the test.)
            let statuses = try await app.db.transaction { tx in
                try await (tx as! any SQLDatabase).raw("SELECT pg_advisory_xact_lock(\(literal: Int(WritePath.lockKey)), hashtext(current_schema()))").run()
                return try await VaporTestingContext.$emitWarningIfCurrentTestInfoIsUnavailable.withValue(false) { try await withThrowingTaskGroup(of: UInt.self) { group in
                    for code in codes.prefix(10) {
                        group.addTask {
                            try await app.json(.POST, "/api/v1/ballots", ["code": code, "marks": ["chair": [c["选民1"]!]]], as: .anonymous).status.code
                        }
                    }
                    return try await group.reduce(into: [UInt]()) { $0.append($1) }
                } }
            }
            #expect(statuses == Array(repeating: 201, count: 10), "\(statuses)")
            // A write holding the same election's chain (as closing the round does) holds its ballots back until it ends.
            let (finishedWhileHeld, ballot) = try await app.db.transaction { tx in
                try await WritePath.lockChains([UUID(uuidString: e)!.uuidString], on: tx)
                // Sent once the chain is held, so it cannot have been written before.
                let ballot = VaporTestingContext.$emitWarningIfCurrentTestInfoIsUnavailable.withValue(false) {
                    Task { try await app.json(.POST, "/api/v1/ballots", ["code": codes[10], "marks": ["chair": [c["选民1"]!]]], as: .anonymous).status.code }
                }
                try await Task.sleep(nanoseconds: 1_500_000_000)
                return (try await StoredBallot.query(on: tx).count() > 10, ballot)
            }
            #expect(try await ballot.value == 201)
            let held = finishedWhileHeld
            #expect(held == false, "a ballot to an election whose chain another write holds waits for it")
            let stored = try await StoredBallot.query(on: app.db).count()
            #expect(stored == 11, "the waiting ballot is written once the chain is free")
        }
    }
}
