import Fluent
import Foundation
import Plot
import Vapor
import ZhanjuRules

/// The polling station's page, for the election's clerks, tellers, scrutineers and mobile box
/// carriers (and the election committee): issue a paper ballot to a voter found on the roll by
/// name, enter a paper as read from the box, and settle the papers two clerks read differently.
struct BoothPageModel: Sendable {
    var id: UUID
    var name: Text
    var round: Int
    var stage: ElectionStage
    var posts: [ElectionRead.BallotPostView]
    /// Voters on the roll who have not voted in this round ("name · door").
    var waiting: [ElectionPageModel.Choice]
    var boxes: [String]
    var pending: [ElectionService.PaperView]
    var voted: Int
    var registered: Int
    /// The published proxies: the holder takes the grantor's ballot.
    var proxies: [ElectionService.ProxyView]

    static func load(_ e: Election, on db: any Database) async throws -> BoothPageModel {
        let id = e.id!
        let roll = try await RollEntry.query(on: db).filter(\.$electionID == id).filter(\.$removed == false).sort(\.$position).all()
        let round = try await RoundRecord.query(on: db).filter(\.$electionID == id).filter(\.$number == e.round).first()
        let boxes = try await BallotBox.query(on: db).filter(\.$electionID == id).filter(\.$round == e.round).sort(\.$label).all().map(\.label)
        let pending = try await ElectionService.papersPending(id, round: e.round, on: db)
        var seen: Set<String> = []
        return BoothPageModel(
            id: id, name: e.name, round: e.round, stage: e.stageValue, posts: round.map { ElectionRead.roundView($0).ballot } ?? [],
            waiting: roll.filter { $0.votedRound != e.round }.map { .init(value: $0.personID.uuidString, label: "\($0.name) · \($0.door)") },
            boxes: [ElectionService.boothBox] + boxes,
            pending: pending.filter { seen.insert("\($0.box) \($0.number)").inserted }.map { .init(box: $0.box, number: $0.number, state: $0.state, receipt: nil) },
            voted: roll.filter { $0.votedRound == e.round }.count, registered: roll.count,
            proxies: try await ProxyRecord.query(on: db).filter(\.$electionID == id).sort(\.$grantorName).all().map(ElectionService.ProxyView.init))
    }
}

extension ElectionPageView {
    static func marks(_ posts: [ElectionRead.BallotPostView], lang: Lang) -> Node<HTML.FormContext> {
        .group(
            .forEach(posts) { p in
                .fieldset(.class("field"), .element(named: "legend", text: "\(ElectionStrings.post(p.post)[lang]) · \(Text("应选", "seats")[lang]) \(p.seats)"),
                          .forEach(p.candidates) { c in
                              .label(.class("check"), .input(.type(.checkbox), .name(attr("marks.\(p.post)[]")), .value(attr(c.residentId))), .text(" " + c.name))
                          })
            },
            .div(.class("field"), .label(.class("check"), .input(.type(.checkbox), .name("spoilt")), .text(" " + Text("废票(非正式选票或无法辨认)", "Spoilt (not an official ballot, or unreadable)")[lang]))))
    }

    static func booth(_ m: BoothPageModel, error: ZhanjuError?, done: String?, lang: Lang, csrf: Node<HTML.FormContext>) -> [Node<HTML.BodyContext>] {
        let c = colon(lang)
        let boxes = m.boxes.map { ElectionPageModel.Choice(value: $0, label: $0 == ElectionService.boothBox ? Text("投票站", "Polling station")[lang] : Text("流动票箱 \($0)", "Mobile box \($0)")[lang]) }
        let number: Node<HTML.FormContext> = field(Text("选票序号(清点时的编号)", "Paper number (as counted)"), .input(.type(.number), .name("number"), .required(true)), lang: lang)
        return [
            .p(.text("\(ElectionStrings.round[lang])\(c)\(m.round) · \(m.stage.label[lang]) · \(Text("已投票", "Voted")[lang])\(c)\(m.voted) / \(m.registered)")),
            .unwrap(done) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0)) },
            .unwrap(error) { .div(.class("error"), .attribute(named: "role", value: "alert"), .p(.text($0.message[lang]))) },
            .if(m.stage == .polling, .group(
                .section(.class("card"), .h2(.text(Text("发放选票", "Issue a ballot")[lang])),
                         .p(.class("muted"), .text(Text("核对身份证件后,从名单中选出选民;已投票者不再列出。", "Check the voter's identity document, then choose them on the roll; those who have voted are no longer listed.")[lang])),
                         .form(.class("edit"), .method(.post), .action(attr(SitePath.electionBoothIssue.link(m.id))), csrf,
                               select("resident_id", m.waiting, lang: lang, label: Text("选民", "Voter")),
                               select("box", boxes, lang: lang, label: Text("票箱", "Ballot box")),
                               field(Text("受托人(凭书面委托代领,可不填)", "Proxy holder (taking it by written proxy; may be left empty)"),
                                     Select(name: "proxy_holder_id", options: m.proxies.map { ($0.holderId.uuidString, "\($0.holderName) ← \($0.grantorName)") }, blank: "—").node(), lang: lang),
                               .button(.type(.submit), .text(Text("发放", "Issue")[lang]))),
                         .if(!m.proxies.isEmpty, .group(.h3(.text(Text("已公布的委托投票", "Published proxies")[lang])),
                             .ul(.forEach(m.proxies) { p in .li(.text("\(p.grantorName) → \(p.holderName) (\(KinRelation(rawValue: p.relation).map { lang == .zh ? $0.zh : $0.en } ?? p.relation))")) })))),
                .section(.class("card"), .h2(.text(Text("录入纸质选票(两人分别录入)", "Enter a paper ballot (two clerks, each on their own)")[lang])),
                         .form(.class("edit"), .method(.post), .action(attr(SitePath.electionBoothEnter.link(m.id))), csrf,
                               select("box", boxes, lang: lang, label: Text("票箱", "Ballot box")), number, marks(m.posts, lang: lang),
                               .button(.type(.submit), .text(Strings.save[lang])))),
                .section(.class("card"), .h2(.text(Text("待完成的纸质选票", "Papers waiting")[lang])),
                         .if(m.pending.isEmpty, .p(.class("muted"), .text(Text("没有。", "None.")[lang]))),
                         .ul(.forEach(m.pending) { p in
                             .li(.text("\(p.box) · \(p.number) · " + (p.state == ElectionService.PaperState.mismatch.rawValue
                                 ? Text("两人录入不一致,待监票人核定", "the clerks differ: a scrutineer settles it")[lang] : Text("待第二人录入", "waiting for the second clerk")[lang])))
                         }),
                         .if(m.pending.contains { $0.state == ElectionService.PaperState.mismatch.rawValue },
                             .form(.class("edit"), .method(.post), .action(attr(SitePath.electionBoothResolve.link(m.id))), csrf,
                                   .h3(.text(Text("监票人核定", "A scrutineer settles")[lang])),
                                   select("box", boxes, lang: lang, label: Text("票箱", "Ballot box")), number, marks(m.posts, lang: lang),
                                   .button(.type(.submit), .text(Text("核定", "Settle")[lang]))))))),
        ]
    }
}

extension ElectionPages {
    static func registerBooth(on app: Application) {
        app.get(.electionBooth) { req in try await booth(req, error: nil) }.access(.signedIn)
        app.post(.electionBoothIssue) { req in try await boothStep(req) { service, id, v in
            _ = try await service.issuePaperBallot(id, .init(residentId: uuid(v, "resident_id"), box: one(v, "box"), proxyHolderId: uuid(v, "proxy_holder_id")))
            return "issued"
        } }.access(.signedIn)
        app.post(.electionBoothEnter) { req in try await boothStep(req) { service, id, v in
            try await service.enterPaper(id, paperInput(v)).state
        } }.access(.signedIn)
        app.post(.electionBoothResolve) { req in try await boothStep(req) { service, id, v in
            try await service.resolvePaper(id, paperInput(v)).state
        } }.access(.signedIn)
        app.post(.electionMobileBox) { req in try await perform(req, .mobileBox) { service, id, v in
            _ = try await service.openMobileBox(id, .init(carriers: (v["carriers"] ?? []).compactMap(UUID.init(uuidString:))))
        } }.access(.permission(.electionsRun))
    }

    /// What the last booth form did, from a closed set (never text taken from the address).
    static func paperState(_ raw: String) -> Text {
        if raw == "issued" { return Text("选票已发放,选民已在名单上标记为已投票。", "Ballot issued; the voter is marked on the roll as having voted.") }
        switch ElectionService.PaperState(rawValue: raw) {
        case .entered: return Text("已录入,待第二人录入", "entered; waiting for the second clerk")
        case .accepted: return Text("两人录入一致,已记入选票日志", "both entries agree: in the ballot log")
        case .mismatch: return Text("两人录入不一致,待监票人核定", "the entries differ: a scrutineer settles it")
        case .resolved: return Text("已核定,记入选票日志", "settled and in the ballot log")
        case nil: return Text("", "")
        }
    }

    static func paperInput(_ v: [String: [String]]) -> ElectionService.PaperInput {
        var marks: [String: [UUID]] = [:]
        for post in CommitteePost.allCases { marks[post.rawValue] = (v["marks.\(post.rawValue)"] ?? []).compactMap(UUID.init(uuidString:)) }
        return .init(box: one(v, "box"), number: one(v, "number").flatMap { Int($0) }, spoilt: one(v, "spoilt") != nil, marks: marks)
    }

    static func booth(_ req: Request, error: ZhanjuError?) async throws -> Response {
        let lang = Lang.of(req)
        guard let e = try await Election.find(try req.uuidParameter("id"), on: req.db) else { throw ZhanjuError.notFound(ElectionStrings.election) }
        try await ElectionService(req).authoriseStaff(e, roles: [.clerk, .teller, .scrutineer, .mobileBoxCarrier], on: req.db)
        let m = try await BoothPageModel.load(e, on: req.db)
        let done = error == nil ? (try QueryParameters(req).text("done", max: 20)).map(paperState).flatMap { $0.zh.isEmpty ? nil : $0 } : nil
        let html = Layout.page(Text("投票站", "Polling station")[lang] + " · " + e.name[lang], req: req,
                               content: ElectionPageView.booth(m, error: error, done: done?[lang], lang: lang, csrf: Layout.csrfField(req)))
        return Layout.response(html, status: error == nil ? .ok : (error!.kind == .conflict ? .conflict : .unprocessableEntity))
    }

    /// A booth form: back to the booth page with what was done (post/redirect/get), or the page with the error.
    static func boothStep(_ req: Request, _ body: (ElectionService, UUID, [String: [String]]) async throws -> String) async throws -> Response {
        let id = try req.uuidParameter("id")
        do {
            let done = try await body(try await ElectionService(req), id, FormKit.values(of: req))
            return req.redirect(to: SitePath.electionBooth.link(id, query: [("done", done)]), redirectType: .normal)
        } catch let error as ZhanjuError where error.kind == .invalid || error.kind == .conflict {
            return try await booth(req, error: error)
        }
    }
}
