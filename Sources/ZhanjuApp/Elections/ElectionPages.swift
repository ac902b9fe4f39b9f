import Fluent
import Foundation
import Plot
import SQLKit
import Vapor
import ZhanjuRules

/// The elections' pages: the list (public results, and the elections one runs), calling an
/// election, the committee's overview with a form per step (post/redirect/get, errors beside the
/// form), the printable code slips, the voting pages, the public result and the receipt lookup.
/// Every form posts what the API takes, to the same service.
enum ElectionPages {
    static func register(on app: Application) {
        // The server's group commit for web ballots (pages and API alike).
        let sqlite = (app.db as? any SQLDatabase)?.dialect.name == "sqlite"
        let (databases, access, logger) = (app.databases, app.access, app.logger)
        if sqlite, let file = app.sqliteFile {
            let writer = SQLiteBallotWriter(path: file)
            app.storage[SQLiteBallotWriterKey.self] = writer
            app.lifecycle.use(SQLiteBallotWriterLifecycle())
            app.storage[BallotIntakeKey.self] = BallotIntake(parallel: 1) { requests in
                // In this process's queue of writers, so its other writes wait here, in order,
                // rather than in SQLite's busy handler.
                (try? await access.writeOnOwnConnection { await writer.write(requests) }) ?? requests.map { _ in .failure(ElectionService.retry) }
            }
        } else {
            app.storage[BallotIntakeKey.self] = BallotIntake(parallel: sqlite ? 1 : 4) { requests in
                await ElectionService.castBatch(requests, on: databases.database(logger: logger, on: databases.eventLoopGroup.any())!, access: access)
            }
        }
        let run = RouteAccess.permission(.electionsRun)
        app.get(.elections) { req in try await list(req) }.access(.open)
        app.get(.newElection) { req in try await newElection(req, error: nil, values: [:]) }.access(run)
        app.post(.newElection) { req in try await createElection(req) }.access(run)
        app.get(.election) { req in try await overview(req, error: nil) }.access(run)
        app.post(.electionStep) { req in try await step(req) }.access(run)
        app.post(.electionStaff) { req in try await staff(req) }.access(run)
        app.post(.electionRoll) { req in try await changeRoll(req) }.access(run)
        app.post(.electionObjection) { req in try await objection(req) }.access(run)
        app.post(.electionObjectionAnswer) { req in try await answer(req) }.access(run)
        app.post(.electionNomination) { req in try await nominate(req) }.access(run)
        app.post(.electionFinalList) { req in try await finalList(req) }.access(run)
        app.post(.electionProxy) { req in try await perform(req, .proxy) { service, id, v in
            _ = try await service.recordProxy(id, .init(grantorId: uuid(v, "grantor_id"), holderId: uuid(v, "holder_id"), relation: one(v, "relation"), written: one(v, "written") != nil))
        } }.access(run)
        app.post(.electionCodes) { req in try await codes(req) }.access(run)
        app.post(.electionCount) { req in try await count(req) }.access(run)
        app.post(.electionRecall) { req in try await perform(req, .recall) { service, id, v in
            _ = try await service.petitionRecall(id, .init(memberId: uuid(v, "member_id"), reason: one(v, "reason"),
                                                           signers: (v["signers"] ?? []).compactMap(UUID.init(uuidString:))))
        } }.access(run)
        app.post(.electionRecallVote) { req in
            let recall = try req.uuidParameter("recall")
            return try await perform(req, .recallVote) { service, id, v in
                _ = try await service.decideRecall(id, recall: recall, .init(ballotsCast: one(v, "ballots_cast").flatMap { Int($0) }, inFavour: one(v, "in_favour").flatMap { Int($0) }))
            }
        }.access(run)
        app.get(.electionResult) { req in try await result(req) }.access(.open)
        app.get(.electionReceipt) { req in try await receipt(req) }.access(.open)
        app.get(.vote) { req in voteForm(req, error: nil) }.access(.open)
        app.post(.vote) { req in try await openBallot(req) }.access(.open)
        app.post(.voteCast) { req in try await cast(req) }.access(.open)
        registerBooth(on: app)
    }

    // MARK: the list and calling an election

    static func list(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let committee = try QueryParameters(req).uuid("committee")
        let all = try await Election.query(on: req.db).sort(\.$pollingDay, .descending).all().filter { committee == nil || $0.committeeID == committee }
        var mine: [Election] = []
        if let principal = req.principal, principal.grants.holds(.electionsRun) {
            let map = try await req.access.map(on: req.db)
            mine = all.filter { principal.grants.allows(.electionsRun, at: map.place(committee: $0.committeeID)) }
        }
        let announced = all.filter { $0.stageValue == .announced }
        let html = Layout.page(ElectionStrings.elections[lang], req: req,
            .if(req.principal?.grants.holds(.electionsRun) == true,
                .p(.a(.class("button"), .href(attr(SitePath.newElection.link(query: [("committee", committee?.uuidString)]))), .text(Text("召集选举", "Call an election")[lang])))),
            .if(!mine.isEmpty, .group(.h2(.text(Text("由我负责的选举", "Elections I run")[lang])),
                .ul(.forEach(mine) { e in .li(.a(.href(attr(SitePath.election.link(e.id!))), .text(e.name[lang])), .text(" · \(e.pollingDay) · \(e.stageValue.label[lang])")) }))),
            .h2(.text(Text("已公布的选举结果", "Announced results")[lang])),
            .if(announced.isEmpty, .p(.class("muted"), .text(Text("暂无。", "None yet.")[lang]))),
            .ul(.forEach(announced) { e in .li(.a(.href(attr(SitePath.electionResult.link(e.id!))), .text(e.name[lang])), .text(" · \(e.pollingDay)")) }),
            .p(.a(.href(attr(SitePath.vote.link())), .text(Text("凭投票码投票", "Vote with a code")[lang]))))
        return Layout.response(html)
    }

    static func electionFields(_ committees: [(id: UUID, name: Text)]) -> [FormField] {
        [FormField(name: "committee_id", label: Text("居民委员会", "Residents' committee"), kind: .select(committees.map { ($0.id.uuidString, $0.name) }), required: true),
         FormField(name: "name_zh", label: Strings.nameZh, kind: .text, required: true),
         FormField(name: "name_en", label: Strings.nameEn, kind: .text, required: true),
         FormField(name: "polling_day", label: ElectionStrings.pollingDay, kind: .date, required: true),
         FormField(name: "method", label: Text("选举方式", "How the committee is elected"),
                   kind: .select([ElectionMethod.allVoters, .householdRepresentatives, .groupRepresentatives].map { ($0.rawValue, ElectionStrings.method($0)) }), required: true),
         FormField(name: "chair", label: Text("主任名额", "Chair seats"), kind: .number, required: true),
         FormField(name: "deputy_chair", label: Text("副主任名额", "Deputy chair seats"), kind: .number),
         FormField(name: "member", label: Text("委员名额", "Member seats"), kind: .number, required: true)]
    }

    static func newElection(_ req: Request, error: ZhanjuError?, values: [String: [String]]) async throws -> Response {
        let lang = Lang.of(req)
        let principal = try req.requirePrincipal()
        let map = try await req.access.map(on: req.db)
        let committees = try await RegistryDirectory(db: req.db).committees().filter { principal.grants.allows(.electionsRun, at: map.place(committee: $0.id)) }
        var shown = values
        if shown.isEmpty {
            shown = ["chair": ["1"], "member": ["4"], "method": [ElectionMethod.allVoters.rawValue], "committee_id": [req.query[String.self, at: "committee"] ?? ""]]
        }
        let intro: Node<HTML.BodyContext> = .p(.class("muted"), .text(Text(
            "规则集:\(ElectionRuleSet.residentsCommittee.name) 第 \(ElectionRuleSet.residentsCommittee.version) 版(RULES.md 默认值)。每户派代表选举时,选民名单每户列一人(默认户主,户内可改派)。",
            "Rule set: \(ElectionRuleSet.residentsCommittee.name), version \(ElectionRuleSet.residentsCommittee.version) (RULES.md's defaults). By household representatives, the roll lists one voter per household (the head unless the household chooses another).")[lang]))
        return FormKit.page(title: Text("召集选举", "Call an election")[lang], lang: lang, req: req, fields: electionFields(committees), values: shown, error: error, intro: intro)
    }

    static func createElection(_ req: Request) async throws -> Response {
        let v = FormKit.values(of: req)
        do {
            func one(_ k: String) -> String? { v[k]?.first.flatMap { $0.isEmpty ? nil : $0 } }
            var posts: [ElectionService.PostInput] = []
            for post in CommitteePost.allCases {
                guard let raw = one(post.rawValue) else { continue }
                guard let n = Int(raw) else { throw ZhanjuError.invalid(post.rawValue, "number", Text("应为整数。", "Expected a whole number.")) }
                posts.append(.init(post: post.rawValue, seats: n))
            }
            let input = ElectionService.CreateInput(committeeId: one("committee_id").flatMap(UUID.init(uuidString:)), nameZh: one("name_zh"), nameEn: one("name_en"),
                                                    ruleSet: nil, ruleSetVersion: nil, method: one("method"), pollingDay: one("polling_day"), posts: posts)
            let e = try await ElectionService(req).create(input)
            return req.redirect(to: SitePath.election.link(e.id!), redirectType: .normal)
        } catch let error as ZhanjuError where error.kind != .forbidden {
            let field = error.field?.hasPrefix("posts") == true ? "member" : error.field
            return try await newElection(req, error: ZhanjuError(error.kind, code: error.code, field: field, message: error.message), values: v)
        }
    }

    // MARK: the overview and its steps

    static func model(_ req: Request, _ service: ElectionService) async throws -> ElectionPageModel {
        let e = try await service.election(try req.uuidParameter("id"))
        let detail = try await ElectionRead.detail(e, service: service)
        let registry = RegistryDirectory(db: req.db)
        var m = ElectionPageModel.build(detail, committee: try await registry.committeeName(e.committeeID) ?? Text("", ""),
                                        area: try await registry.voterRoll(committee: e.committeeID))
        if e.stageValue == .announced {
            let lang = Lang.of(req)
            m.recalls = try await RecallRecord.query(on: req.db).filter(\.$electionID == e.id!).sort(\.$petitionedOn).all().map(ElectionService.RecallView.init)
            m.memberChoices = try await ElectionService.recallable(e, on: service.today, context: service.context, db: req.db)
                .map { s in .init(value: s.person.uuidString, label: "\(s.name) · \(CommitteePost.allCases.first { $0.registryPost == s.post }.map { ElectionStrings.post($0)[lang] } ?? s.post.rawValue)") }
            m.currentRollChoices = try await ElectionService.currentRoll(e, on: service.today, db: req.db).map { .init(value: $0.id.uuidString, label: "\($0.name) · \($0.door)") }
        }
        return m
    }

    static func overview(_ req: Request, error: ElectionPageView.FormError?) async throws -> Response {
        let lang = Lang.of(req)
        let m = try await model(req, try await ElectionService(req))
        let html = Layout.page(m.name[lang], req: req, content: ElectionPageView.overview(m, error: error, lang: lang, csrf: Layout.csrfField(req)))
        return Layout.response(html, status: error == nil ? .ok : (error!.error.kind == .conflict ? .conflict : .unprocessableEntity))
    }

    /// Runs a step; back to the overview at the step's form (post/redirect/get), or the overview
    /// again with the error beside the form.
    static func perform(_ req: Request, _ step: ElectionPageModel.Step, _ body: (ElectionService, UUID, [String: [String]]) async throws -> Void) async throws -> Response {
        let id = try req.uuidParameter("id")
        let values = FormKit.values(of: req)
        do {
            try await body(try await ElectionService(req), id, values)
            return req.redirect(to: SitePath.election.link(id, fragment: step.rawValue), redirectType: .normal)
        } catch let error as ZhanjuError where error.kind == .invalid || error.kind == .conflict {
            return try await overview(req, error: .init(step: step, error: error))
        }
    }

    static func one(_ v: [String: [String]], _ key: String) -> String? { v[key]?.first.flatMap { $0.isEmpty ? nil : $0 } }
    static func uuid(_ v: [String: [String]], _ key: String) -> UUID? { one(v, key).flatMap(UUID.init(uuidString:)) }

    static func step(_ req: Request) async throws -> Response {
        let values = FormKit.values(of: req)
        guard let step = one(values, "step").flatMap(ElectionPageModel.Step.init(rawValue:)), [.buildRoll, .publishRoll, .openPolling, .announce].contains(step) else {
            throw ZhanjuError.invalid("step", "choice", Text("没有这个步骤。", "There is no such step."))
        }
        return try await perform(req, step) { service, id, _ in
            switch step {
            case .buildRoll: _ = try await service.buildRoll(id)
            case .publishRoll: _ = try await service.publishRoll(id)
            case .openPolling: _ = try await service.openPolling(id)
            default: _ = try await service.announce(id)
            }
        }
    }

    static func staff(_ req: Request) async throws -> Response {
        try await perform(req, .staff) { service, id, v in
            _ = try await service.addStaff(id, .init(residentId: uuid(v, "resident_id"), role: one(v, "role")))
        }
    }

    static func changeRoll(_ req: Request) async throws -> Response {
        try await perform(req, .changeRoll) { service, id, v in
            _ = try await service.changeRoll(id, .init(residentId: uuid(v, "resident_id"), change: one(v, "change"), reason: one(v, "reason"), since: one(v, "since")))
        }
    }

    static func objection(_ req: Request) async throws -> Response {
        try await perform(req, .objection) { service, id, v in
            _ = try await service.raiseObjection(id, .init(residentId: uuid(v, "resident_id"), request: one(v, "request"), reason: one(v, "reason")))
        }
    }

    static func answer(_ req: Request) async throws -> Response {
        let objection = try req.uuidParameter("objection")
        return try await perform(req, .objection) { service, id, v in
            _ = try await service.answerObjection(id, objection: objection, .init(decision: one(v, "decision"), answer: one(v, "answer")))
        }
    }

    static func nominate(_ req: Request) async throws -> Response {
        try await perform(req, .nominate) { service, id, v in
            _ = try await service.nominate(id, .init(nomineeId: uuid(v, "nominee_id"), post: one(v, "post"), kind: one(v, "kind"),
                                                     signers: (v["signers"] ?? []).compactMap(UUID.init(uuidString:)), groupId: nil))
        }
    }

    static func finalList(_ req: Request) async throws -> Response {
        try await perform(req, .finalList) { service, id, v in
            let picks = (v["candidates"] ?? []).compactMap { value -> ElectionService.FinalListInput.FinalCandidate? in
                let parts = value.split(separator: ":")
                guard parts.count == 2 else { return nil }
                return .init(residentId: UUID(uuidString: String(parts[0])), post: String(parts[1]))
            }
            _ = try await service.publishFinalList(id, .init(candidates: picks))
        }
    }

    static func count(_ req: Request) async throws -> Response {
        try await perform(req, .count) { service, id, v in
            _ = try await service.count(id, .init(scrutineers: (v["scrutineers"] ?? []).compactMap(UUID.init(uuidString:))))
        }
    }

    /// The slips are shown once, as the answer to the form: a code is never stored to show again.
    static func codes(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let service = try await ElectionService(req)
        let id = try req.uuidParameter("id")
        do {
            let issued = try await service.issueCodes(id)
            let e = try await service.election(id)
            let html = Layout.page(Text("投票码", "Voting codes")[lang] + " · " + e.name[lang], req: req,
                                   content: ElectionPageView.slips(e.name, codes: issued, lang: lang) + [.p(.a(.href(attr(SitePath.election.link(id))), .text(Text("返回选举", "Back to the election")[lang])))])
            let response = Layout.response(html)
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            return response
        } catch let error as ZhanjuError where error.kind == .conflict {
            return try await overview(req, error: .init(step: .codes, error: error))
        }
    }

    // MARK: public

    static func result(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let r = try await ElectionRead.result(try req.uuidParameter("id"), on: req.db)
        let recalls = try await ElectionService.recalls(try req.uuidParameter("id"), on: req.db)
        let html = Layout.page(ElectionStrings.result[lang] + " · " + (lang == .zh ? r.election.nameZh : r.election.nameEn), req: req,
                               content: ElectionPageView.result(r, lang: lang) + ElectionPageView.recalls(recalls, lang: lang))
        return Layout.response(html)
    }

    static func receipt(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let id = try req.uuidParameter("id")
        guard let e = try await Election.find(id, on: req.db) else { throw ZhanjuError.notFound(ElectionStrings.election) }
        let code = try QueryParameters(req).text("receipt", max: 40)
        var lookup: ElectionRead.ReceiptView?
        if let code { lookup = try await ElectionRead.receipt(id, code, on: req.db) }
        let html = Layout.page(Text("回执查询", "Look up a receipt")[lang], req: req, content: ElectionPageView.receipt(electionID: id, name: e.name, lookup: lookup, lang: lang))
        return Layout.response(html)
    }

    static func voteForm(_ req: Request, error: ZhanjuError?) -> Response {
        let lang = Lang.of(req)
        let html = Layout.page(ElectionStrings.vote[lang], req: req, content: ElectionPageView.codeForm(error: error, lang: lang))
        return Layout.response(html, status: error == nil ? .ok : .unprocessableEntity)
    }

    static func paper(_ req: Request, code: String) async throws -> ElectionsAPI.BallotPaper {
        let (e, round) = try await ElectionService(voter: req).ballotPaper(code: code)
        let record = try await RoundRecord.query(on: req.db).filter(\.$electionID == e.id!).filter(\.$number == round.number).first()!
        return ElectionsAPI.BallotPaper(electionId: e.id!, nameZh: e.nameZh, nameEn: e.nameEn, round: round.number, posts: ElectionRead.roundView(record).ballot)
    }

    /// The ballot a code opens (a POST, so the code stays out of addresses and logs).
    static func openBallot(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let code = one(FormKit.values(of: req), "code") ?? ""
        do {
            let p = try await paper(req, code: code)
            let html = Layout.page(ElectionStrings.vote[lang], req: req, content: ElectionPageView.ballot(p, code: code, error: nil, lang: lang))
            let response = Layout.response(html)
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            return response
        } catch let error as ZhanjuError where error.kind == .invalid {
            return voteForm(req, error: error)
        }
    }

    static func cast(_ req: Request) async throws -> Response {
        let v = FormKit.values(of: req)
        let code = one(v, "code") ?? ""
        var marks: [String: [UUID]] = [:]
        for post in CommitteePost.allCases { marks[post.rawValue] = (v["marks.\(post.rawValue)"] ?? []).compactMap(UUID.init(uuidString:)) }
        do {
            let receipt = try await ElectionService(voter: req).cast(.init(code: code, marks: marks))
            return req.redirect(to: SitePath.electionReceipt.link(receipt.electionId, query: [("receipt", receipt.receipt)]), redirectType: .normal)
        } catch let error as ZhanjuError where error.kind == .invalid {
            if error.code == "election.code" { return voteForm(req, error: error) }
            let lang = Lang.of(req)
            let p = try await paper(req, code: code)
            let html = Layout.page(ElectionStrings.vote[lang], req: req, content: ElectionPageView.ballot(p, code: code, error: error, lang: lang))
            return Layout.response(html, status: .unprocessableEntity)
        }
    }
}
