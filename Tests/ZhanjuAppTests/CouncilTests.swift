import Fluent
import Foundation
import Plot
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// Self-governance over the Shenxianshu demo: the council decides, the committee executes, the
/// supervisory committee signs off, the owners vote by area and headcount, residents follow it
/// on public pages. Thresholds one below, at and one above are the rules' tests
/// (ZhanjuRulesTests/Council*, Owners*); these hold the write path, access and the API to them.
@Suite("Council: topics, meetings, resolutions, supervision, petitions, owners' votes, notices")
struct CouncilTests {
    static func weirong(_ app: Application) async throws -> UUID {
        try #require(try await ResidentsCommittee.query(on: app.db).filter(\.$code == "WR").first()?.id)
    }

    static func callers(_ app: Application, _ names: [String]) async throws -> [String: Caller] {
        var out: [String: Caller] = [:]
        for n in names { out[n] = try await app.signIn(n, ShenxianshuDemo.password(for: n)) }
        return out
    }

    @Test("the demo's loop: a Victoria resident's topic co-signed, decided with a quorum, carried out with evidence, a finding then a sign-off, all public")
    func demoLoop() async throws {
        try await withApp { (app: Application) async throws in
            _ = try await ShenxianshuDemo.load(into: app)
            let committee = try await Self.weirong(app)
            let topics = try await app.json(.GET, "/api/v1/council/topics?committee_id=\(committee)", as: .anonymous).array
            let ramp = try #require(topics.first { ($0["title"] as? String)?.contains("无障碍坡道") == true })
            #expect(ramp["status"] as? String == "decided")
            #expect(ramp["origin"] as? String == "resident")
            #expect((ramp["co_signers"] as? [String: Any])?["met"] as? Bool == true)
            #expect((ramp["co_signers"] as? [String: Any])?["count"] as? Int == 10)
            let comments = try #require(ramp["comments"] as? [[String: Any]])
            #expect(comments.contains { $0["text"] == nil && ($0["hidden_reason"] as? String)?.contains("电话") == true }, "a moderated comment shows its public reason")
            #expect(!String(describing: comments).contains("13800001234"), "a hidden comment's text is not served")
            // The residents' compact is routed to the residents' assembly, the rule named.
            let compact = try #require(topics.first { ($0["matter"] as? String) == "residents_compact" })
            #expect(compact["status"] as? String == "referred")
            #expect(compact["deciding_body"] as? String == "residents_assembly")
            #expect(compact["review_rule"] as? String == "reserved_to_residents_assembly")

            let meetings = try await app.json(.GET, "/api/v1/council/meetings?committee_id=\(committee)", as: .anonymous).array
            let meeting = try #require(meetings.first)
            #expect(meeting["status"] as? String == "signed")
            let quorum = try #require(meeting["quorum"] as? [String: Any])
            #expect(quorum["met"] as? Bool == true && quorum["count"] as? Int == 12 && quorum["base"] as? Int == 15 && quorum["required"] as? Int == 10)
            let items = try #require(meeting["items"] as? [[String: Any]])
            #expect(items.allSatisfy { $0["outcome"] as? String == "adopted" && ($0["decided_by"] as? [String: Any])?["rule"] as? String == "council_majority" })
            #expect((meeting["attendance"] as? [[String: Any]])?.contains { $0["member"] as? Bool == false } == true, "the author attends as an observer")

            let resolutions = try await app.json(.GET, "/api/v1/council/resolutions?committee_id=\(committee)", as: .anonymous).array
            let done = try #require(resolutions.first { ($0["title"] as? String)?.contains("无障碍坡道") == true })
            #expect(done["status"] as? String == "completed")
            #expect(done["progress_basis_points"] as? Int == 10_000)
            let history = try #require(done["history"] as? [[String: Any]]).compactMap { $0["action"] as? String }
            let finding = try #require(history.firstIndex(of: "record_finding"))
            let signOff = try #require(history.firstIndex(of: "sign_off"))
            #expect(history.first == "adopted" && finding < signOff && history.filter { $0 == "report_done" }.count == 2)
            let evidence = try #require(done["evidence"] as? [[String: Any]])
            let file = try #require(evidence.compactMap { $0["file_url"] as? String }.first)
            let download = try await app.json(.GET, file, as: .anonymous)
            #expect(download.status == .ok && download.headers.contentType == .png && Data(buffer: download.body) == DemoCouncil.png)

            let late = try #require(resolutions.first { ($0["title"] as? String)?.contains("楼道堆物") == true })
            #expect(late["status"] as? String == "in_progress")
            #expect((late["overdue_tasks"] as? [Any])?.count == 1)
            let callers = try await Self.callers(app, ["station.head", "resident"])
            let overdue = try await app.json(.GET, "/api/v1/council/overdue", as: callers["station.head"])
            #expect(overdue.status == .ok && overdue.array.count == 1, "\(overdue.text)")
            #expect(try await app.json(.GET, "/api/v1/council/overdue", as: callers["resident"]).status == .forbidden)

            let petitions = try await app.json(.GET, "/api/v1/council/petitions?committee_id=\(committee)", as: .anonymous).array
            let petition = try #require(petitions.first)
            #expect(petition["obliged"] as? Bool == true)
            // Qualified on 17 November, when the first residents' group signed: held within 30 days of it.
            #expect(petition["must_be_held_by"] as? String == "2026-12-17")
            let groups = try #require((petition["criteria"] as? [[String: Any]])?.first { ($0["rule"] as? [String: Any])?["rule"] as? String == "petition_residents_groups" })
            #expect(groups["met"] as? Bool == true && groups["count"] as? Int == 1 && groups["base"] as? Int == 2)

            // Owners: counted by area and by headcount from the registry's dwellings.
            let votes = try await app.json(.GET, "/api/v1/council/owners-votes", as: .anonymous).array
            #expect(votes.count == 2)
            let lift = try #require(votes.first { $0["matter"] as? String == "use_maintenance_fund" })
            let liftResult = try #require(lift["result"] as? [String: Any])
            #expect(liftResult["outcome"] as? String == "adopted" && liftResult["special_majority"] as? Bool == false)
            let use = try #require(votes.first { $0["matter"] as? String == "change_use_of_common_parts" })
            let useResult = try #require(use["result"] as? [String: Any])
            #expect(useResult["outcome"] as? String == "rejected" && useResult["special_majority"] as? Bool == true)
            #expect((useResult["decided_by"] as? [[String: Any]])?.contains { ($0["rule"] as? String)?.hasPrefix("owners_special_majority") == true } == true)
            // Fewer owners than dwellings: one buyer of several flats and the developer count once each.
            let zhmc = try #require(try await Compound.query(on: app.db).filter(\.$code == "ZHMC").first()?.id)
            let owners = try await RegistryDirectory(db: app.db).owners(compound: zhmc)
            #expect(try await RegistryDirectory(db: app.db).dwellings(compound: zhmc).count == 1_200)
            #expect(owners.contains { $0.developer && $0.parts > 1 } && owners.contains { !$0.developer && $0.parts > 1 })
            #expect(liftResult["total_owners"] as? Int == owners.filter { $0.parts > 0 }.count)

            // Residents follow it on public pages, in both languages.
            let doneID = try #require(done["id"] as? String)
            for lang in ["zh-Hans", "en"] {
                let page = try await app.page("/council/resolutions/\(doneID)", lang: lang, as: .anonymous)
                #expect(page.status == .ok)
                #expect(page.text.contains("扶手高度 1.05 米"))
                #expect(try await app.page("/council/committees/\(committee)", lang: lang, as: .anonymous).status == .ok)
                #expect(try await app.page("/council/owners-votes/\(try #require(lift["id"] as? String))", lang: lang, as: .anonymous).status == .ok)
                #expect(try await app.page("/council/petitions/\(try #require(petition["id"] as? String))", lang: lang, as: .anonymous).status == .ok)
                #expect(try await app.page("/council/meetings/\(try #require(meeting["id"] as? String))", lang: lang, as: .anonymous).status == .ok)
            }
            // The notice reaches Weirong's residents, with a read receipt.
            let notices = try await app.json(.GET, "/api/v1/council/notices", as: callers["resident"])
            let notice = try #require(notices.array.first)
            let read = try await app.json(.POST, "/api/v1/council/notices/\(try #require(notice["id"] as? String))/read", as: callers["resident"])
            #expect(read.status == .ok && read.object["read"] as? Bool == true && read.object["reads"] as? Int == 1)
        }
    }

    @Test("the write path refuses with the rule named: the committee cannot sign off, a finding needs a public reason, reserved matters stay with the assembly, residents act in their own area")
    func refusals() async throws {
        try await withApp { (app: Application) async throws in
            _ = try await ShenxianshuDemo.load(into: app)
            let committee = try await Self.weirong(app)
            let c = try await Self.callers(app, ["resident", "wr.member", "wr.chair", "wr.council", "wr.supervisor"])
            let zhmc = try #require(try await ResidentsCommittee.query(on: app.db).filter(\.$code == "ZHMC").first()?.id)

            // A resident raises a topic in their committee; not in another.
            let raise: [String: Any] = ["committee_id": committee.uuidString, "title": "<b>路灯</b>", "body": "北门路灯坏了三盏。"]
            #expect(try await app.json(.POST, "/api/v1/council/topics", raise, as: .anonymous).status == .unauthorized)
            let raised = try await app.json(.POST, "/api/v1/council/topics", raise, as: c["resident"])
            #expect(raised.status == .created && raised.object["status"] as? String == "collecting", "\(raised.text)")
            var elsewhere = raise
            elsewhere["committee_id"] = zhmc.uuidString
            let refused = try await app.json(.POST, "/api/v1/council/topics", elsewhere, as: c["resident"])
            #expect(refused.status == .forbidden && refused.object["code"] as? String == "council.signer_not_on_roll", "\(refused.text)")
            let missing = try await app.json(.POST, "/api/v1/council/topics", ["committee_id": committee.uuidString, "body": "x"], as: c["resident"])
            #expect(missing.status == .unprocessableEntity && missing.object["field"] as? String == "title")
            let topic = try #require(raised.object["id"] as? String)
            // The author's own co-signature does not count; another resident's does, once.
            let own = try await app.json(.POST, "/api/v1/council/topics/\(topic)/co-signatures", as: c["resident"])
            #expect(own.status == .unprocessableEntity && own.object["code"] as? String == "council.author_cannot_co_sign", "\(own.text)")
            let cosign = try await app.json(.POST, "/api/v1/council/topics/\(topic)/co-signatures", as: c["wr.member"])
            #expect(cosign.status == .created && (cosign.object["co_signers"] as? [String: Any])?["count"] as? Int == 1, "\(cosign.text)")
            let twice = try await app.json(.POST, "/api/v1/council/topics/\(topic)/co-signatures", as: c["wr.member"])
            #expect(twice.status == .conflict && twice.object["code"] as? String == "council.duplicate_signature")
            // A collecting topic cannot be reviewed; a member cannot review at all.
            #expect(try await app.json(.POST, "/api/v1/council/topics/\(topic)/review", ["decision": "admit", "reason": "r"], as: c["wr.chair"]).status == .conflict)
            #expect(try await app.json(.POST, "/api/v1/council/topics/\(topic)/review", ["decision": "admit", "reason": "r"], as: c["wr.council"]).status == .forbidden)

            // A reserved matter is refused to the council, the rule named, beside the field.
            let compact = try #require(try await CouncilTopic.query(on: app.db).filter(\.$matter == "residents_compact").first())
            compact.status = TopicStatus.admitted.rawValue   // even were it admitted
            try await compact.save(on: app.db)
            let meeting: [String: Any] = ["committee_id": committee.uuidString, "title": "临时会议", "place": "会所", "starts_at": "2026-12-01T11:00:00Z",
                                          "topic_ids": [compact.id!.uuidString]]
            let reserved = try await app.json(.POST, "/api/v1/council/meetings", meeting, as: c["wr.council"])
            #expect(reserved.status == .unprocessableEntity && reserved.object["code"] as? String == "council.reserved_to_residents_assembly"
                    && reserved.object["field"] as? String == "topic_ids.0", "\(reserved.text)")
            var other = meeting
            other["committee_id"] = zhmc.uuidString
            #expect(try await app.json(.POST, "/api/v1/council/meetings", other, as: c["wr.council"]).status == .notFound, "another committee's council is out of reach")
            #expect(try await app.json(.POST, "/api/v1/council/meetings", meeting, as: c["wr.chair"]).status == .forbidden)
            // A time that is not RFC 3339 in a plausible year (an offset past ±14 h, the year 144) is refused beside its field.
            for bad in ["0144-09-24T02:40:50+18:29", "2026-12-01 11:00", "tomorrow"] {
                var wrong = meeting
                wrong["starts_at"] = bad
                let r = try await app.json(.POST, "/api/v1/council/meetings", wrong, as: c["wr.council"])
                #expect(r.status == .unprocessableEntity && r.object["field"] as? String == "starts_at", "\(bad): \(r.text)")
            }

            // Execution: only the supervisory committee signs off; a finding needs a public reason.
            let late = try #require(try await CouncilResolution.query(on: app.db).filter(\.$title == "融城后街楼道堆物集中清理").first()?.id)
            let signOff = try await app.json(.POST, "/api/v1/council/resolutions/\(late)/actions", ["action": "sign_off"], as: c["wr.chair"])
            #expect(signOff.status == .forbidden && signOff.object["code"] as? String == "council.sign_off_required", "\(signOff.text)")
            let early = try await app.json(.POST, "/api/v1/council/resolutions/\(late)/actions", ["action": "report_done"], as: c["wr.chair"])
            #expect(early.status == .conflict && early.object["code"] as? String == "council.tasks_unfinished", "\(early.text)")
            // The supervisory committee decides as a body: more than half of its members agree.
            let supervisors = try await RegistryDirectory(db: app.db).members(of: .supervisoryCommittee, committee: committee, on: app.clock.today).map(\.id.uuidString)
            try #require(supervisors.count == 3)
            let silent = try await app.json(.POST, "/api/v1/council/resolutions/\(late)/actions", ["action": "record_finding", "agreed": Array(supervisors.prefix(2))], as: c["wr.supervisor"])
            #expect(silent.status == .unprocessableEntity && silent.object["code"] as? String == "council.public_reason_required" && silent.object["field"] as? String == "reason")
            let alone = try await app.json(.POST, "/api/v1/council/resolutions/\(late)/actions", ["action": "record_finding", "reason": "r", "agreed": [supervisors[0]], "present": supervisors],
                                           as: c["wr.supervisor"])
            #expect(alone.status == .unprocessableEntity && alone.object["code"] as? String == "council.supervisory_majority" && alone.object["field"] as? String == "agreed", "one of three: \(alone.text)")
            let nobody = try await app.json(.POST, "/api/v1/council/resolutions/\(late)/actions", ["action": "record_finding", "reason": "r"], as: c["wr.supervisor"])
            #expect(nobody.status == .unprocessableEntity && nobody.object["field"] as? String == "agreed")
            let stranger = try await app.json(.POST, "/api/v1/council/resolutions/\(late)/actions", ["action": "record_finding", "reason": "r", "agreed": [supervisors[0], UUID().uuidString]],
                                              as: c["wr.supervisor"])
            #expect(stranger.status == .unprocessableEntity && stranger.object["field"] as? String == "agreed.1" && stranger.object["code"] as? String == "council.not_a_supervisor")
            let finding = try await app.json(.POST, "/api/v1/council/resolutions/\(late)/actions", ["action": "record_finding", "reason": "5–8 栋尚未清运,已逾期。",
                                                                                                     "agreed": Array(supervisors.prefix(2)), "present": supervisors], as: c["wr.supervisor"])
            #expect(finding.status == .ok && finding.object["status"] as? String == "in_progress", "\(finding.text)")
            let recorded = (finding.object["history"] as? [[String: Any]])?.last?["decision"] as? [String: Any]
            #expect(recorded?["members"] as? Int == 3 && (recorded?["agreed"] as? [String])?.count == 2 && (recorded?["present"] as? [String])?.count == 3, "\(String(describing: recorded))")
            #expect(try await app.json(.POST, "/api/v1/council/resolutions/\(late)/tasks", ["title": "t", "owner_id": UUID().uuidString, "due_on": "2026-12-01"], as: c["wr.supervisor"]).status == .forbidden)

            // Evidence files: the content must be what the type says, and small.
            let fake = try await app.json(.POST, "/api/v1/council/resolutions/\(late)/evidence",
                                          ["text": "照片", "file_name": "x.png", "content_type": "image/png", "content_base64": Data("not a png".utf8).base64EncodedString()], as: c["wr.chair"])
            #expect(fake.status == .unprocessableEntity && fake.object["field"] as? String == "content_type", "\(fake.text)")
            let odd = try await app.json(.POST, "/api/v1/council/resolutions/\(late)/evidence",
                                         ["text": "x", "file_name": "x.exe", "content_type": "application/x-msdownload", "content_base64": "TVo="], as: c["wr.chair"])
            #expect(odd.status == .unprocessableEntity && odd.object["field"] as? String == "content_type")
            let big = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(count: CouncilService.maxFileBytes)
            let tooBig = try await app.json(.POST, "/api/v1/council/resolutions/\(late)/evidence",
                                            ["text": "x", "file_name": "x.png", "content_type": "image/png", "content_base64": big.base64EncodedString()], as: c["wr.chair"])
            #expect(tooBig.status == .unprocessableEntity && tooBig.object["field"] as? String == "content_base64", "\(tooBig.status) \(tooBig.text.prefix(200))")
            let text = try await app.json(.POST, "/api/v1/council/resolutions/\(late)/evidence",
                                          ["text": "清运记录", "file_name": "log.txt", "content_type": "text/plain", "content_base64": Data("5 栋已清运".utf8).base64EncodedString()], as: c["wr.chair"])
            #expect(text.status == .created, "\(text.text)")

            // The bodies and their composition: public to those who read the structure there.
            let bodies = try await app.json(.GET, "/api/v1/council/committees/\(committee)/bodies", as: c["wr.member"])
            #expect(bodies.status == .ok, "\(bodies.text)")
            let listed = try #require(bodies.object["bodies"] as? [[String: Any]])
            #expect(listed.map { $0["body"] as? String } == ["residents_council", "supervisory_committee", "residents_committee"])
            #expect((listed[0]["members"] as? [Any])?.count == 15 && (listed[1]["members"] as? [Any])?.count == 3)
            #expect(try await app.json(.GET, "/api/v1/council/committees/\(zhmc)/bodies", as: c["wr.member"]).status == .notFound)
            #expect(try await app.json(.GET, "/api/v1/council/committees/\(committee)/bodies", as: .anonymous).status == .unauthorized)

            // Owners' votes are run by the owners' committee of the compound (or the workstation).
            let lift = try #require(try await OwnersVote.query(on: app.db).filter(\.$matter == "use_maintenance_fund").first())
            // Weirong's chair chairs Rongcheng Houjie's property-management committee: owners' votes there, not in Zhonghai Mingcheng.
            #expect(try await app.json(.POST, "/api/v1/council/owners-votes/\(lift.id!)/close", as: c["wr.chair"]).status == .notFound)
            #expect(try await app.json(.POST, "/api/v1/council/owners-votes/\(lift.id!)/close", as: c["wr.council"]).status == .forbidden)
            let closed = try await app.json(.POST, "/api/v1/council/owners-votes/\(lift.id!)/close")
            #expect(closed.status == .conflict && closed.object["code"] as? String == "council.state")
        }
    }

    @Test("a meeting from the API: one member below the quorum decides nothing and the topic waits; at the quorum an even split is a tie, the rule named")
    func quorumAndTie() async throws {
        try await withApp { (app: Application) async throws in
            _ = try await ShenxianshuDemo.load(into: app)
            let committee = try await Self.weirong(app)
            let c = try await Self.callers(app, ["wr.chair", "wr.council"])
            let members = try await RegistryDirectory(db: app.db).members(of: .residentsCouncil, committee: committee, on: app.clock.today)
            #expect(members.count == 15)
            let raised = try await app.json(.POST, "/api/v1/council/topics", ["committee_id": committee.uuidString, "title": "增设快递柜", "body": "在东门增设快递柜。",
                                                                              "origin": "committee"], as: c["wr.chair"])
            #expect(raised.status == .created && raised.object["status"] as? String == "published", "\(raised.text)")
            let topic = try #require(raised.object["id"] as? String)
            #expect(try await app.json(.POST, "/api/v1/council/topics/\(topic)/review", ["decision": "admit", "reason": "受理"], as: c["wr.chair"]).object["status"] as? String == "admitted")

            func meet(present: Int, split: Bool) async throws -> [String: Any] {
                let m = try await app.json(.POST, "/api/v1/council/meetings", ["committee_id": committee.uuidString, "title": "会议", "place": "会所",
                                                                               "starts_at": "2026-11-27T11:00:00Z", "topic_ids": [topic]], as: c["wr.council"])
                #expect(m.status == .created, "\(m.text)")
                let id = try #require(m.object["id"] as? String)
                let item = try #require((m.object["items"] as? [[String: Any]])?.first?["id"] as? String)
                for p in members.prefix(present) {
                    #expect(try await app.json(.POST, "/api/v1/council/meetings/\(id)/attendance", ["resident_id": p.id.uuidString], as: c["wr.council"]).status == .created)
                }
                let again = try await app.json(.POST, "/api/v1/council/meetings/\(id)/attendance", ["resident_id": members[0].id.uuidString], as: c["wr.council"])
                #expect(again.status == .conflict)
                if split {
                    for (i, p) in members.prefix(present).enumerated() where i < 10 {
                        let v = try await app.json(.POST, "/api/v1/council/meetings/\(id)/items/\(item)/votes", ["resident_id": p.id.uuidString, "choice": i % 2 == 0 ? "for" : "against"], as: c["wr.council"])
                        #expect(v.status == .created, "\(v.text)")
                    }
                    let absent = try await app.json(.POST, "/api/v1/council/meetings/\(id)/items/\(item)/votes", ["resident_id": members[14].id.uuidString, "choice": "for"], as: c["wr.council"])
                    #expect(absent.status == .unprocessableEntity && absent.object["code"] as? String == "council.voter_not_present")
                }
                let decided = try await app.json(.POST, "/api/v1/council/meetings/\(id)/items/\(item)/result", [:], as: c["wr.council"])
                #expect(decided.status == .ok, "\(decided.text)")
                return try #require((decided.object["items"] as? [[String: Any]])?.first)
            }
            // 15 members, quorum two thirds: 10. Nine present decide nothing.
            let below = try await meet(present: 9, split: false)
            #expect(below["outcome"] as? String == "no_quorum" && (below["decided_by"] as? [String: Any])?["rule"] as? String == "council_quorum")
            #expect(try await app.json(.GET, "/api/v1/council/topics/\(topic)", as: .anonymous).object["status"] as? String == "admitted")
            let tie = try await meet(present: 10, split: true)
            #expect(tie["outcome"] as? String == "tied" && (tie["decided_by"] as? [String: Any])?["rule"] as? String == "tie_is_not_a_majority", "\(tie)")
            #expect(tie["for"] as? Int == 5 && tie["against"] as? Int == 5)
            #expect(try await CouncilResolution.query(on: app.db).filter(\.$topicID == UUID(uuidString: topic)!).count() == 0)

            // The workstation gives the council a rule set of its own: secret ballot, majority of those present.
            let rules: [String: Any] = ["quorum": ["comparison": "at_least", "numerator": 2, "denominator": 3],
                                        "majority": ["comparison": "more_than", "numerator": 1, "denominator": 2], "decision_base": "present", "ballot": "secret"]
            let path = "/api/v1/council/committees/\(committee)/rule-sets/residents_council"
            let station = try await app.signIn("station.head", ShenxianshuDemo.password(for: "station.head"))
            #expect(try await app.json(.PUT, path, rules, as: c["wr.chair"]).status == .forbidden)
            let set = try await app.json(.PUT, path, rules, as: station)
            #expect(set.status == .ok && set.object["ballot"] as? String == "secret" && set.object["version"] as? Int == 1, "\(set.text)")
            var bad = rules
            bad["quorum"] = ["comparison": "at_least", "numerator": 4, "denominator": 3]
            let refused = try await app.json(.PUT, path, bad, as: station)
            #expect(refused.status == .unprocessableEntity && refused.object["field"] as? String == "quorum.numerator")
            let second = try await app.json(.POST, "/api/v1/council/topics", ["committee_id": committee.uuidString, "title": "增设充电桩", "body": "为电动车增设充电桩。",
                                                                              "origin": "committee"], as: c["wr.chair"])
            let topic2 = try #require(second.object["id"] as? String)
            _ = try await app.json(.POST, "/api/v1/council/topics/\(topic2)/review", ["decision": "admit", "reason": "受理"], as: c["wr.chair"])
            let m = try await app.json(.POST, "/api/v1/council/meetings", ["committee_id": committee.uuidString, "title": "会议", "place": "会所",
                                                                           "starts_at": "2026-11-27T11:00:00Z", "topic_ids": [topic2]], as: c["wr.council"])
            #expect(m.object["ballot"] as? String == "secret" && m.object["decision_base"] as? String == "present")
            let id = try #require(m.object["id"] as? String)
            let item = try #require((m.object["items"] as? [[String: Any]])?.first?["id"] as? String)
            for p in members.prefix(10) { _ = try await app.json(.POST, "/api/v1/council/meetings/\(id)/attendance", ["resident_id": p.id.uuidString], as: c["wr.council"]) }
            let named = try await app.json(.POST, "/api/v1/council/meetings/\(id)/items/\(item)/votes", ["resident_id": members[0].id.uuidString, "choice": "for"], as: c["wr.council"])
            #expect(named.status == .unprocessableEntity && named.object["code"] as? String == "council.secret_ballot_not_named")
            let uncounted = try await app.json(.POST, "/api/v1/council/meetings/\(id)/items/\(item)/result", [:], as: c["wr.council"])
            #expect(uncounted.status == .unprocessableEntity && uncounted.object["field"] as? String == "for")
            let counted = try await app.json(.POST, "/api/v1/council/meetings/\(id)/items/\(item)/result", ["for": 6, "against": 3, "abstain": 1], as: c["wr.council"])
            let result = try #require((counted.object["items"] as? [[String: Any]])?.first)
            #expect(result["outcome"] as? String == "adopted" && (result["votes"] as? [Any])?.isEmpty == true, "\(counted.text)")
        }
    }

    @Test("the disclosure pages render from their models alone, in both languages, with every value escaped")
    func pagesFromModels() throws {
        let payload = "<script>alert(1)</script>\"'"
        var resolution = CouncilExamples.resolution
        resolution.title = payload
        resolution.tasks[0].ownerName = payload
        resolution.evidence[0].fileUrl = "/x?\"><script>"
        resolution.history[0].reason = payload
        var topic = CouncilExamples.topic
        topic.body = payload
        topic.status = "collecting"
        let m = ResolutionPageModel(committee: Text("维融居民委员会", "Weirong"), resolution: resolution, topic: topic, meetingTitle: payload, item: CouncilExamples.meeting.items[0])
        for lang in Lang.allCases {
            let html = Node<HTML.BodyContext>.group(CouncilPageView.resolution(m, lang: lang)).render()
            #expect(!html.contains("<script>"), "\(lang): unescaped payload")
            #expect(html.contains(lang == .zh ? "监事会意见" : "Supervisors' findings"))
            #expect(html.contains("50.0%"))
            let topicHTML = Node<HTML.BodyContext>.group(CouncilPageView.topic(TopicPageModel(committee: Text("维融", "Weirong"), topic: topic, canCoSign: true, error: nil),
                                                                               lang: lang, csrf: .empty)).render()
            #expect(!topicHTML.contains("<script>") && topicHTML.contains(lang == .zh ? "我联署" : "Co-sign"))
            let petition = Node<HTML.BodyContext>.group(CouncilPageView.petition(CouncilExamples.petition, committee: Text("维融", "Weirong"), lang: lang)).render()
            #expect(petition.contains("2026-12-30"))
            let owners = Node<HTML.BodyContext>.group(CouncilPageView.ownersVote(CouncilExamples.ownersVote, compound: Text("中海名城", "Zhonghai Mingcheng"), lang: lang)).render()
            #expect(owners.contains("15000.00 m²"))
            var meeting = CouncilExamples.meeting
            meeting.minutes = payload
            #expect(!Node<HTML.BodyContext>.group(CouncilPageView.meeting(meeting, committee: Text("维融", "Weirong"), lang: lang)).render().contains("<script>"))
        }
    }
}

@Suite("Council pages: the loop from forms, errors beside their fields")
struct CouncilFormTests {
    @Test("a resident raises a topic from the committee's page; the supervisors' finding without a reason is refused beside the field, with one it reopens the work; the workstation sees overdue work and notices")
    func forms() async throws {
        try await withApp { (app: Application) async throws in
            _ = try await ShenxianshuDemo.load(into: app)
            let committee = try await CouncilTests.weirong(app)
            var c: [String: Caller] = [:]
            for n in ["resident", "wr.supervisor", "wr.chair", "station.head", "wr.council"] { c[n] = try await app.signInSession(n, ShenxianshuDemo.password(for: n)) }

            let index = try await app.page("/council/committees/\(committee)", lang: "en", as: c["resident"])
            #expect(index.status == .ok && index.text.contains("/council/committees/\(committee)/topics/new"))
            let empty = try await app.form("/council/committees/\(committee)/topics/new", [("title", ""), ("body", ""), ("origin", "resident"), ("matter", "delegated")], as: c["resident"])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.text.contains("error-title") && empty.text.contains("error-body"), "every error at once, beside its field")
            let raised = try await app.form("/council/committees/\(committee)/topics/new", [("title", "北门增设自行车棚"), ("body", "自行车无处停放。"), ("origin", "resident"), ("matter", "delegated")],
                                            as: c["resident"])
            #expect(raised.status == .seeOther, "\(raised.text.prefix(300))")
            let topicPath = try #require(raised.headers.first(name: .location))
            #expect(try await app.page(topicPath, lang: "en", as: c["resident"]).text.contains("Gathering co-signatures"))
            // The resident may not raise one for the committee.
            let posing = try await app.form("/council/committees/\(committee)/topics/new", [("title", "t"), ("body", "b"), ("origin", "committee"), ("matter", "delegated")], as: c["resident"])
            #expect(posing.status == .forbidden)

            let late = try #require(try await CouncilResolution.query(on: app.db).filter(\.$title == "融城后街楼道堆物集中清理").first()?.id)
            let page = try await app.page("/council/resolutions/\(late)", lang: "en", as: c["wr.supervisor"])
            #expect(page.text.contains("/council/resolutions/\(late)/act") && !page.text.contains("/tasks/new"))
            let supervisors = try await RegistryDirectory(db: app.db).members(of: .supervisoryCommittee, committee: committee, on: app.clock.today)
            let two = supervisors.prefix(2).map { ("agreed", $0.id.uuidString) }
            let actForm = try await app.page("/council/resolutions/\(late)/act", lang: "en", as: c["wr.supervisor"])
            #expect(actForm.text.contains("Supervisors who agreed") && supervisors.allSatisfy { actForm.text.contains($0.name) }, "supervisors chosen by name")
            let silent = try await app.form("/council/resolutions/\(late)/act", [("action", "record_finding"), ("reason", "")] + two, as: c["wr.supervisor"])
            #expect(silent.status == .unprocessableEntity && silent.text.contains("error-reason"), "\(silent.status)")
            let finding = try await app.form("/council/resolutions/\(late)/act", [("action", "record_finding"), ("reason", "5–8 栋尚未清运。")] + two, as: c["wr.supervisor"])
            #expect(finding.status == .seeOther, "\(finding.status) \(finding.text.prefix(600))")
            let shown = try await app.page("/council/resolutions/\(late)", lang: "en", as: .anonymous).text
            #expect(shown.contains("5–8 栋尚未清运。") && shown.contains("3 supervisors, 2 present, 2 agreed"), "who agreed, shown to residents")
            // The committee's form offers no sign-off.
            let act = try await app.page("/council/resolutions/\(late)/act", lang: "en", as: c["wr.chair"])
            #expect(act.status == .ok && act.text.contains("report_done") && !act.text.contains("sign_off"))
            let members = try await RegistryDirectory(db: app.db).members(of: .residentsCommittee, committee: committee, on: app.clock.today)
            let task = try await app.page("/council/resolutions/\(late)/tasks/new", lang: "zh-Hans", as: c["wr.chair"])
            #expect(task.text.contains(members[0].name), "owners are chosen by name")

            // The council gives notice from its page; an agenda left empty is refused beside its field.
            #expect(try await app.page("/council/committees/\(committee)", lang: "en", as: c["wr.council"]).text.contains("/meetings/new"))
            let noAgenda = try await app.form("/council/committees/\(committee)/meetings/new", [("title", "会议"), ("place", "会所"), ("date", "2026-12-01"), ("time", "19:30")],
                                              as: c["wr.council"])
            #expect(noAgenda.status == .unprocessableEntity && noAgenda.text.contains("error-topic-ids"), "\(noAgenda.status)")
            let meeting = try #require(try await CouncilMeeting.query(on: app.db).first()?.id)
            #expect(try await app.page("/council/meetings/\(meeting)", lang: "en", as: .anonymous).text.contains("Minutes"))
            // A resident signs the petition from its page, once.
            let petition = try #require(try await CouncilPetition.query(on: app.db).first()?.id)
            #expect(try await app.page("/council/petitions/\(petition)", lang: "en", as: c["resident"]).text.contains("Sign the petition"))
            #expect(try await app.form("/council/petitions/\(petition)/sign", [], as: c["resident"]).status == .seeOther)
            #expect(!(try await app.page("/council/petitions/\(petition)", lang: "en", as: c["resident"]).text.contains("Sign the petition")))

            // The committee publishes a notice to a place chosen by name; a resident reads it and says so.
            let form = try await app.page("/council/notices/new", lang: "en", as: c["wr.chair"])
            #expect(form.status == .ok && form.text.contains("Weirong") && !form.text.contains("Zhonghai Mingcheng Residents"))
            let published = try await app.form("/council/notices/new", [("scope", "committee:\(committee)"), ("title", "停水通知"), ("body", "12月3日9:00–12:00维多利亚停水。")],
                                               as: c["wr.chair"])
            #expect(published.status == .seeOther)
            let noticePath = try #require(published.headers.first(name: .location))
            #expect(try await app.page(noticePath, lang: "en", as: c["resident"]).text.contains("I have read this"))
            #expect(try await app.form(noticePath + "/read", [], as: c["resident"]).status == .seeOther)
            #expect(try await app.page(noticePath, lang: "en", as: c["wr.chair"]).text.contains("Read by: 1"))
            #expect(try await app.page("/council/notices/new", lang: "en", as: c["resident"]).status == .forbidden)

            let council = try await app.page("/council", lang: "en", as: c["station.head"])
            #expect(council.text.contains("Resolutions with work overdue") && council.text.contains("融城后街楼道堆物集中清理"))
            let mine = try await app.page("/council", lang: "en", as: c["resident"])
            #expect(mine.text.contains("居务公开:维多利亚东门无障碍坡道已验收办结"))
        }
    }
}

@Suite("Council labels exist in both languages")
struct CouncilTranslationTests {
    func isChinese(_ s: String) -> Bool { s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }

    @Test("every council enumeration shown to people has a Chinese and an English label")
    func labels() {
        var texts: [ZhanjuApp.Text] = TopicStatus.allCases.map(\.label) + TopicOrigin.allCases.map(\.label) + MeetingStatus.allCases.map(\.label)
        texts += ExecutionStatus.allCases.map(CouncilStrings.status) + MatterKind.allCases.map(CouncilStrings.matter) + DecidingBody.allCases.map(CouncilStrings.body)
        texts += OwnersMatter.allCases.map(CouncilStrings.ownersMatter) + CouncilRule.allCases.map(CouncilStrings.rule) + CouncilRead.historyActions.map(CouncilStrings.action)
        texts += ["adopted", "rejected", "not_valid"].map(CouncilStrings.ownersOutcome)
        texts += [MotionResult.Outcome.adopted, .rejected, .tied, .noQuorum].map(CouncilStrings.outcome)
        for t in texts {
            #expect(isChinese(t.zh), "\(t.en) lacks Chinese")
            #expect(!t.en.isEmpty && !isChinese(t.en), "\(t.zh) lacks English")
        }
    }
}
