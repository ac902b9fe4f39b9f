import Fluent
import Foundation
import Plot
import Vapor
import ZhanjuRules

/// The disclosure pages (居务公开): public, phone-sized and printable (the layout's print rules
/// drop the navigation): each committee's resolutions with their execution and the supervisors'
/// findings, topics (a resident of the area co-signs from the topic's page), meetings with their
/// results and minutes, petitions, owners' votes; and notices with read receipts.
enum CouncilPages {
    static func register(on app: Application) {
        app.get(.council) { req in try await list(req) }.access(.open)
        app.get(.councilIndex) { req in try await index(req) }.access(.open)
        app.get(.councilTopic) { req in try await topic(req, error: nil) }.access(.open)
        app.post(.councilCoSign) { req in try await coSign(req) }.access(.permission(.councilTakePart))
        app.get(.councilMeeting) { req in try await meeting(req) }.access(.open)
        app.get(.councilResolution) { req in try await resolution(req) }.access(.open)
        app.get(.councilPetition) { req in try await petition(req) }.access(.open)
        app.get(.ownersVote) { req in try await ownersVote(req) }.access(.open)
        app.get(.councilNotice) { req in try await notice(req) }.access(.signedIn)
        app.post(.councilNoticeRead) { req in try await markRead(req) }.access(.signedIn)
        CouncilForms.register(on: app)
        CouncilRepresentativePages.register(on: app)
    }

    static func reader(_ req: Request) async throws -> CouncilService {
        CouncilService(db: req.db, context: WriteContext(actor: .system("reader"), principal: req.principal, access: req.access),
                       calendar: try await req.access.calendar(on: req.db), now: req.access.now(), today: req.today)
    }

    static func committeeName(_ id: UUID, _ req: Request) async throws -> Text {
        try await RegistryDirectory(db: req.db).committeeName(id) ?? Text("", "")
    }

    static func list(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let committees = try await RegistryDirectory(db: req.db).committees()
        let s = try await reader(req)
        var notices: [CouncilNotice] = []
        var overdue: [CouncilRead.OverdueView] = []
        if let principal = req.principal {
            for n in try await CouncilNotice.query(on: req.db).sort(\.$publishedAt, .descending).range(0..<200).all() where notices.count < 20 {
                if try await s.reads(n) { notices.append(n) }
            }
            if principal.grants.holds(.councilGuide) { overdue = try await CouncilRead.overdue(service: s) }
        }
        let html = Layout.page(CouncilStrings.disclosure[lang], req: req,
            .p(.class("muted"), .text(Text("选择居民委员会,查看议题、会议、决议执行和监事会意见。", "Choose a residents' committee to see its topics, meetings, resolutions and the supervisors' findings.")[lang])),
            .ul(.forEach(committees) { c in .li(.a(.href(attr(SitePath.councilIndex.link(c.id))), .text(c.name[lang]))) }),
            .if(req.principal.map { $0.grants.holds(.councilExecute) || $0.grants.holds(.councilGuide) } ?? false,
                .p(.class("actions"), .a(.class("button"), .href(attr(SitePath.councilNewNotice.link())), .text(Text("发布通知", "Publish a notice")[lang])))),
            .if(!overdue.isEmpty, .group(.h2(.text(Text("逾期未办结的决议", "Resolutions with work overdue")[lang])),
                .ul(.forEach(overdue) { o in .li(.a(.href(attr(SitePath.councilResolution.link(o.resolutionId))), .text(o.title)),
                                                 .text(" · " + o.overdueTasks.map { "\($0.title)(\($0.dueOn))" }.joined(separator: "、"))) }))),
            .if(!notices.isEmpty, .group(.h2(.text(CouncilStrings.notices[lang])),
                .ul(.forEach(notices) { n in .li(.a(.href(attr(SitePath.councilNotice.link(n.id!))), .text(n.title)), .text(" · " + ChinaTime.format(n.publishedAt))) }))))
        return Layout.response(html)
    }

    static func indexModel(_ committee: UUID, req: Request) async throws -> CouncilIndexModel {
        let s = try await reader(req)
        var topics: [CouncilRead.TopicView] = []
        for t in try await CouncilTopic.query(on: req.db).filter(\.$committeeID == committee).sort(\.$createdAt, .descending).range(0..<100).all() {
            topics.append(try await CouncilRead.topic(t, on: req.db))
        }
        var resolutions: [CouncilRead.ResolutionView] = []
        for r in try await CouncilResolution.query(on: req.db).filter(\.$committeeID == committee).sort(\.$adoptedOn, .descending).range(0..<100).all() {
            resolutions.append(try await CouncilRead.resolution(r, today: req.today, on: req.db))
        }
        let meetings = try await CouncilMeeting.query(on: req.db).filter(\.$committeeID == committee).sort(\.$startsAt, .descending).range(0..<100).all()
        var petitions: [CouncilRead.PetitionView] = []
        for p in try await CouncilPetition.query(on: req.db).filter(\.$committeeID == committee).sort(\.$createdAt, .descending).range(0..<20).all() {
            petitions.append(try await CouncilRead.petition(p, service: s))
        }
        let map = try await req.access.map(on: req.db)
        let compounds = Set(map.committeeOfCompound.filter { $0.value == committee }.keys)
        let votes = try await OwnersVote.query(on: req.db).sort(\.$openedOn, .descending).range(0..<100).all().filter { compounds.contains($0.compoundID) }
        return CouncilIndexModel(committeeID: committee, committee: try await committeeName(committee, req), topics: topics,
                                 meetings: meetings.map { ($0.id!, $0.title, $0.startsAt, $0.statusValue) }, resolutions: resolutions, petitions: petitions,
                                 ownersVotes: votes.map { v in (v.id!, v.title, v.closedOn != nil, v.resultJSON.flatMap { CouncilJSON.decode(CouncilRead.OwnersResult.self, $0) }?.outcome ?? "") })
    }

    static func index(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let id = try req.uuidParameter("id")
        guard try await RegistryDirectory(db: req.db).committeeName(id) != nil else { throw ZhanjuError.notFound(Text("居民委员会", "residents' committee")) }
        var m = try await indexModel(id, req: req)
        if let principal = req.principal {
            m.mayRaise = !(try await CouncilForms.origins(req, committee: id)).isEmpty
            let place = try await req.access.map(on: req.db).place(committee: id)
            m.mayCallMeeting = CouncilService.meetingBodies.contains { principal.grants.allows(CouncilService.runPermission($0), at: place) }
            if principal.grants.allows(.structureRead, at: try await req.access.map(on: req.db).place(committee: id)) {
                m.bodies = try await CouncilRead.bodies(committee: id, today: req.today, on: req.db)
            }
        }
        return Layout.response(Layout.page("\(m.committee[lang]) · \(CouncilStrings.disclosure[lang])", req: req, content: CouncilPageView.index(m, lang: lang)))
    }

    static func topic(_ req: Request, error: ZhanjuError?) async throws -> Response {
        let lang = Lang.of(req)
        let s = try await reader(req)
        let t = try await s.topic(try req.uuidParameter("id"))
        var canCoSign = false
        if t.statusValue == .collecting, let principal = req.principal, principal.grants.holds(.councilTakePart), let me = principal.residentID, me != t.authorID {
            // Not offered again to one who has co-signed (a second co-signature is refused).
            let livesHere = (try? await s.resident(nil, in: t.committeeID)) != nil
            let signed = try await CouncilCoSignature.query(on: req.db).filter(\.$topicID == t.id!).filter(\.$residentID == me).first() != nil
            canCoSign = livesHere && !signed
        }
        var m = TopicPageModel(committee: try await committeeName(t.committeeID, req), topic: try await CouncilRead.topic(t, on: req.db), canCoSign: canCoSign, error: error)
        if let principal = req.principal {
            let place = try await req.access.map(on: req.db).place(committee: t.committeeID)
            m.mayReview = t.statusValue == .published && principal.grants.allows(.councilExecute, at: place)
            let livesHere = (try? await s.resident(nil, in: t.committeeID)) != nil
            m.mayComment = principal.grants.allows(.councilExecute, at: place) || livesHere
        }
        return Layout.response(Layout.page(t.title, req: req, content: CouncilPageView.topic(m, lang: lang, csrf: Layout.csrfField(req))),
                               status: error == nil ? .ok : .unprocessableEntity)
    }

    static func coSign(_ req: Request) async throws -> Response {
        let id = try req.uuidParameter("id")
        do {
            _ = try await CouncilService(req).coSign(id)
            return req.redirect(to: SitePath.councilTopic.link(id), redirectType: .normal)
        } catch let error as ZhanjuError where error.kind != .notFound {
            return try await topic(req, error: error)
        }
    }

    static func meeting(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let s = try await reader(req)
        let m = try await CouncilRead.meeting(try await s.meeting(try req.uuidParameter("id")), service: s)
        let runs = CouncilService.runPermission(DecidingBody(rawValue: m.body) ?? .residentsCouncil)
        let mayRun = req.principal?.grants.allows(runs, at: try await req.access.map(on: req.db).place(committee: m.committeeId)) ?? false
        return Layout.response(Layout.page(m.title, req: req, content: CouncilPageView.meeting(m, committee: try await committeeName(m.committeeId, req), lang: lang, mayRun: mayRun)))
    }

    static func resolutionModel(_ id: UUID, req: Request) async throws -> ResolutionPageModel {
        let s = try await reader(req)
        let r = try await CouncilRead.resolution(try await s.resolution(id), today: req.today, on: req.db)
        let topic = try await CouncilTopic.find(r.topicId, on: req.db)
        let meeting = try await CouncilMeeting.find(r.meetingId, on: req.db)
        var item: CouncilRead.ItemView?
        if let meeting { item = try await CouncilRead.meeting(meeting, service: s).items.first { $0.resolutionId == id } }
        var topicView: CouncilRead.TopicView?
        if let topic { topicView = try await CouncilRead.topic(topic, on: req.db) }
        return ResolutionPageModel(committee: try await committeeName(r.committeeId, req), resolution: r, topic: topicView, meetingTitle: meeting?.title, item: item)
    }

    static func resolution(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let id = try req.uuidParameter("id")
        var m = try await resolutionModel(id, req: req)
        if req.principal != nil {
            let r = try await reader(req).resolution(id)
            m.mayAct = !(try await CouncilForms.actions(req, r)).isEmpty
            let place = try await req.access.map(on: req.db).place(committee: r.committeeID)
            m.mayExecute = req.principal!.grants.allows(.councilExecute, at: place) && [.pending, .inProgress].contains(r.statusValue)
        }
        return Layout.response(Layout.page(m.resolution.title, req: req, content: CouncilPageView.resolution(m, lang: lang)))
    }

    static func petition(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        guard let p = try await CouncilPetition.find(try req.uuidParameter("id"), on: req.db) else { throw ZhanjuError.notFound(CouncilStrings.petition) }
        let s = try await reader(req)
        let view = try await CouncilRead.petition(p, service: s)
        var maySign = false
        if let principal = req.principal, principal.grants.holds(.councilTakePart), (try? await s.resident(nil, in: p.committeeID)) != nil, let me = principal.residentID {
            maySign = try await CouncilPetitionSignature.query(on: req.db).filter(\.$petitionID == p.id!).filter(\.$kind == PetitionSignatureKind.resident.rawValue)
                .filter(\.$subjectID == me).first() == nil
        }
        return Layout.response(Layout.page(p.purpose, req: req, content: CouncilPageView.petition(view, committee: try await committeeName(p.committeeID, req), lang: lang,
                                                                                                 maySign: maySign, csrf: Layout.csrfField(req))))
    }

    static func ownersVote(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let v = try await reader(req).ownersVote(try req.uuidParameter("id"))
        let view = try await CouncilRead.ownersVote(v, on: req.db)
        let compound = try await RegistryDirectory(db: req.db).compoundName(v.compoundID) ?? Text("", "")
        return Layout.response(Layout.page(v.title, req: req, content: CouncilPageView.ownersVote(view, compound: compound, lang: lang)))
    }

    static func notice(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let s = try await reader(req)
        guard let n = try await CouncilNotice.find(try req.uuidParameter("id"), on: req.db), try await s.reads(n) else { throw ZhanjuError.notFound(CouncilStrings.notice) }
        let registry = RegistryDirectory(db: req.db)
        let place: Text
        switch NoticeScope(rawValue: n.scope) ?? .committee {
        case .committee: place = try await registry.committeeName(n.scopeID) ?? Text("", "")
        case .compound: place = try await registry.compoundName(n.scopeID) ?? Text("", "")
        case .building: place = try await registry.building(n.scopeID)?.name ?? Text("", "")
        case .workstation: place = Text("社区工作站", "Workstation")
        }
        let m = NoticePageModel(notice: try await CouncilRead.notice(n, account: req.principal?.accountID, on: req.db), place: place, canMarkRead: true)
        return Layout.response(Layout.page(n.title, req: req, content: CouncilPageView.notice(m, lang: lang, csrf: Layout.csrfField(req))))
    }

    static func markRead(_ req: Request) async throws -> Response {
        let id = try req.uuidParameter("id")
        _ = try await CouncilService(req).markRead(id)
        return req.redirect(to: SitePath.councilNotice.link(id), redirectType: .normal)
    }
}
