import Fluent
import Foundation
import Plot
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// Review findings on issue 13: what a page shows is in the page's language (votes, rule sets,
/// where a rule comes from), and a committee member who only reads does not act for the committee.
@Suite("Council pages speak the page's language; a committee member reads but does not act")
struct CouncilLanguageAndAccessTests {
    func render(_ nodes: [Node<HTML.BodyContext>]) -> String { Node<HTML.BodyContext>.group(nodes).render() }

    @Test("a roll call and an owners' vote say 赞成, 反对, 弃权 on Chinese pages and For, Against, Abstain on English ones")
    func votesInBothLanguages() {
        var meeting = CouncilExamples.meeting
        meeting.items[0].votes = [.init(residentId: UUID(), name: "王芳", choice: "for"), .init(residentId: UUID(), name: "李强", choice: "against"),
                                  .init(residentId: UUID(), name: "赵敏", choice: "abstain")]
        var owners = CouncilExamples.ownersVote
        owners.result.votes = VoteChoice.allCases.map { .init(choice: $0.rawValue, areaHundredths: 100, owners: 1) }
        for lang in Lang.allCases {
            let words = lang == .zh ? ["赞成", "反对", "弃权"] : ["For", "Against", "Abstain"]
            let roll = render(CouncilPageView.meeting(meeting, committee: Text("维融", "Weirong"), lang: lang))
            let vote = render(CouncilPageView.ownersVote(owners, compound: Text("中海名城", "Zhonghai Mingcheng"), lang: lang))
            for w in words {
                #expect(roll.contains(w), "\(lang): the roll call lacks \(w)")
                #expect(vote.contains("<td>\(w)</td>"), "\(lang): the owners' vote lacks \(w)")
            }
            if lang == .zh {
                #expect(!roll.contains("王芳:for") && !roll.contains(": for") && !roll.contains(": against") && !roll.contains(": abstain"))
                #expect(!vote.contains("<td>for</td>") && !vote.contains("<td>against</td>") && !vote.contains("<td>abstain</td>"))
            }
        }
    }

    @Test("where a rule comes from and which rule set it is read from are shown in the page's language, never as an English note or a rule-set id")
    func rulesInBothLanguages() {
        var meeting = CouncilExamples.meeting
        meeting.items[0].decidedBy = CouncilRead.RuleView(RuleCitation(.councilMajority, ruleSet: "chengdu-council", version: 2))
        let zh = render(CouncilPageView.meeting(meeting, committee: Text("维融", "Weirong"), lang: .zh))
        #expect(zh.contains("成都居民议事会:全体组成人员过半数同意"))
        #expect(zh.contains("居民议事会规则(成都模式) 第2版"))
        #expect(!zh.contains("Chengdu") && !zh.contains("chengdu-council") && !zh.contains("roll_call"))
        let en = render(CouncilPageView.meeting(meeting, committee: Text("维融", "Weirong"), lang: .en))
        #expect(en.contains("Chengdu residents' council: more than half of all members"))
        #expect(en.contains("Residents' council rules (Chengdu model) v2") && !en.contains("chengdu-council"))
        // A committee's own version is named after the default it departs from.
        #expect(CouncilStrings.ruleSet("chengdu-council-1a2b3c4d").zh == "居民议事会规则(成都模式)·本居委会自定")
        #expect(CouncilStrings.ruleSet("something-else") == Text("something-else", "something-else"), "an unknown name is shown as it is")
        let owners = render(CouncilPageView.ownersVote(CouncilExamples.ownersVote, compound: Text("中海名城", "Zhonghai Mingcheng"), lang: .zh))
        #expect(owners.contains("民法典第278条") && !owners.contains("civil-code-278"))
        let petition = render(CouncilPageView.petition(CouncilExamples.petition, committee: Text("维融", "Weirong"), lang: .zh))
        #expect(!petition.contains("chengdu-council") && !petition.contains("Chengdu"))
    }

    @Test("every rule's source and every default rule set's name exist in Chinese and in English")
    func everySourceTranslated() {
        func isChinese(_ s: String) -> Bool { s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
        for r in CouncilRule.allCases {
            let t = CouncilStrings.source(r)
            #expect(isChinese(t.zh) && t.en == r.source, "\(r): source lacks Chinese")
        }
        for (name, t) in CouncilStrings.ruleSetNames {
            #expect(isChinese(t.zh) && !t.en.isEmpty && !isChinese(t.en) && t.en != name, "\(name)")
        }
        for c in VoteChoice.allCases { #expect(isChinese(CouncilStrings.choice(c.rawValue).zh) && !isChinese(CouncilStrings.choice(c.rawValue).en)) }
        for b in BallotKind.allCases { #expect(isChinese(CouncilStrings.ballot(b.rawValue).zh) && !CouncilStrings.ballot(b.rawValue).en.contains("_")) }
        for b in VoteBase.allCases { #expect(isChinese(CouncilStrings.voteBase(b.rawValue).zh) && !CouncilStrings.voteBase(b.rawValue).en.contains("_")) }
    }

    @Test("the committee's page names its bodies' rules in words: quorum, majority of all members, roll call; no raw keys")
    func bodiesInWords() {
        let bodies = CouncilRead.BodiesView(committeeId: UUID(), bodies: [
            .init(body: "residents_council", members: [], ruleSet: CouncilRead.rulesView(.chengduCouncil), problems: []),
            .init(body: "supervisory_committee", members: [], ruleSet: CouncilRead.rulesView(.supervisoryCommittee), problems: []),
        ])
        let zh = Node<HTML.BodyContext>.group([CouncilPageView.bodies(bodies, lang: .zh)]).render()
        #expect(zh.contains("法定人数 不少于 2/3 · 全体组成人员超过 1/2同意通过 · 记名表决"), "\(zh)")
        #expect(zh.contains("居民议事会规则(成都模式) 第1版") && zh.contains("监事会议事规则 第1版"))
        let en = Node<HTML.BodyContext>.group([CouncilPageView.bodies(bodies, lang: .en)]).render()
        #expect(en.contains("quorum at least 2/3 · adopted by more than 1/2 of all members · roll call"), "\(en)")
        for html in [zh, en] {
            for raw in ["all_members", "roll_call", "chengdu-council", "supervisory-committee", "more_than", "at_least"] { #expect(!html.contains(raw), "\(raw)") }
        }
    }

    @Test("a committee member, who only reads, gets 403 publishing a notice on the API and on the page; the chair publishes")
    func memberDoesNotPublish() async throws {
        #expect(!Role.committeeMember.permissions.contains(.councilExecute) && Role.committeeChair.permissions.contains(.councilExecute))
        try await withApp { (app: Application) async throws in
            _ = try await ShenxianshuDemo.load(into: app)
            let committee = try await CouncilTests.weirong(app)
            let c = try await CouncilTests.callers(app, ["wr.member", "wr.chair"])
            let notice: [String: Any] = ["scope": "committee", "scope_id": committee.uuidString, "title": "停水通知", "body": "周三停水。"]
            let api = try await app.json(.POST, "/api/v1/council/notices", notice, as: c["wr.member"])
            #expect(api.status == .forbidden, "\(api.status) \(api.text)")
            #expect(try await app.page("/council/notices/new", lang: "en", as: c["wr.member"]).status == .forbidden)
            let form = try await app.form("/council/notices/new", [("scope", "committee:\(committee)"), ("title", "停水通知"), ("body", "周三停水。")], as: c["wr.member"])
            #expect(form.status == .forbidden, "\(form.status)")
            #expect(try await CouncilNotice.query(on: app.db).filter(\.$title == "停水通知").count() == 0)
            #expect(!(try await app.page("/council", lang: "en", as: c["wr.member"]).text.contains("/council/notices/new")), "no link to a form that would refuse")
            // Nor does a member review topics or carry out resolutions.
            let late = try #require(try await CouncilResolution.query(on: app.db).filter(\.$title == "融城后街楼道堆物集中清理").first()?.id)
            #expect(try await app.json(.POST, "/api/v1/council/resolutions/\(late)/evidence", ["text": "x"], as: c["wr.member"]).status == .forbidden)
            #expect(try await app.page("/council/resolutions/\(late)/evidence/new", lang: "en", as: c["wr.member"]).status == .forbidden)
            // The chair acts for the committee.
            #expect(try await app.json(.POST, "/api/v1/council/notices", notice, as: c["wr.chair"]).status == .created)
            #expect(try await app.page("/council/notices/new", lang: "en", as: c["wr.chair"]).status == .ok)
        }
    }
    @Test("a resident who has co-signed a topic is not offered to co-sign it again (found by the council browser journey); system steps are named in the page's language")
    func coSignOfferedOnce() async throws {
        try await withApp { (app: Application) async throws in
            _ = try await ShenxianshuDemo.load(into: app)
            let committee = try await CouncilTests.weirong(app)
            let c = try await CouncilTests.callers(app, ["resident", "wr.member"])
            let raised = try await app.json(.POST, "/api/v1/council/topics", ["committee_id": committee.uuidString, "title": "北门快递柜", "body": "快递堆在门岗。"], as: c["resident"])
            let topic = try #require(raised.object["id"] as? String)
            #expect(try await app.page("/council/topics/\(topic)", lang: "en", as: c["wr.member"]).text.contains(">Co-sign</button>"))
            #expect(try await app.form("/council/topics/\(topic)/co-sign", [], as: c["wr.member"]).status == .seeOther)
            let after = try await app.page("/council/topics/\(topic)", lang: "en", as: c["wr.member"])
            #expect(after.status == .ok && !after.text.contains(">Co-sign</button>"))
            #expect(!(try await app.page("/council/topics/\(topic)", lang: "en", as: c["resident"]).text.contains(">Co-sign</button>")), "nor to its author")
            let done = try #require(try await CouncilResolution.query(on: app.db).filter(\.$title == "融城后街楼道堆物集中清理").first()?.id)
            let zh = try await app.page("/council/resolutions/\(done)", lang: "zh-Hans", as: .anonymous).text
            #expect(zh.contains("系统(演示数据)") && !zh.contains("demo loader"))
        }
    }
}
