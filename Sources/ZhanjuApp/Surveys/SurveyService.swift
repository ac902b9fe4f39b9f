import Fluent
import Foundation
import SQLKit
import Vapor
import ZhanjuRules

/// The only writer of the surveys' tables. The rules are ZhanjuRules' (questionnaire and
/// response validation, revisions, sampling); this applies them to what is stored, through the
/// one write path, re-reading inside the write what it checks. Who may do what: `surveys.run`
/// (build, send, analyse) where the questionnaire's owner and the distribution's scope lie;
/// `surveys.enter` (paper questionnaires) where the household or compound lies; a resident
/// needs only an invitation code.
struct SurveyService: Sendable {
    let db: any Database
    let context: WriteContext
    let now: Date
    let today: CivilDate

    init(db: any Database, context: WriteContext, now: Date, today: CivilDate) {
        (self.db, self.context, self.now, self.today) = (db, context, now, today)
    }

    init(_ req: Request) throws {
        self.init(db: req.db, context: try req.writeContext(), now: req.access.now(), today: req.today)
    }

    /// As a respondent with a code (no account): the write is recorded as the survey's.
    init(respondent req: Request) {
        self.init(db: req.db, context: WriteContext(actor: .system("survey code"), principal: nil, access: req.access), now: req.access.now(), today: req.today)
    }

    // MARK: reach

    func place(kind: String, id: UUID, in map: TerritoryMap) -> Place {
        switch kind {
        case "workstation": map.place(workstation: id)
        case "committee": map.place(committee: id)
        case "compound": map.place(compound: id)
        default: map.place(grid: id)
        }
    }

    func authorise(_ permission: Permission, at place: Place) throws {
        guard let principal = context.principal else { return }
        guard principal.grants.allows(permission, at: place) else {
            if principal.grants.holds(permission) { throw SurveyStrings.notFound() }
            throw ZhanjuError(.forbidden, code: "forbidden", message: Strings.errorForbidden)
        }
    }

    /// Whether a paper questionnaire without a slip may be typed in for `compound`: the compound
    /// lies within the distribution's scope (a grid-scoped one takes any), and the caller holds
    /// `surveys.enter` there. The paper form offers only these compounds.
    func entersPaper(_ d: SurveyDistribution, compound: UUID, map: TerritoryMap, inScope: Set<UUID>) -> Bool {
        inScope.contains(compound) && (context.principal?.grants.allows(.surveysEnter, at: map.place(compound: compound)) ?? true)
    }

    /// The compounds of a distribution's scope: those within a workstation, committee or
    /// compound, or those a grid's households live in (a grid cuts across compounds).
    func compoundsInScope(_ d: SurveyDistribution, map: TerritoryMap) async throws -> Set<UUID> {
        if d.scopeKind == "grid" { return try await RegistryDirectory(db: db).compounds(touchedByGrid: d.scopeID) }
        let scope = Scope.of(kind: d.scopeKind, id: d.scopeID)
        return Set(map.committeeOfCompound.keys.filter { scope.covers(map.place(compound: $0)) })
    }

    func allows(_ permission: Permission, kind: String, id: UUID, map: TerritoryMap) -> Bool {
        guard let principal = context.principal else { return true }
        return principal.grants.allows(permission, at: place(kind: kind, id: id, in: map))
    }

    /// The questionnaire, if the caller runs surveys where its owner is.
    func questionnaire(_ id: UUID) async throws -> SurveyQuestionnaireRow {
        guard let q = try await SurveyQuestionnaireRow.find(id, on: db) else { throw SurveyStrings.notFound() }
        try authorise(.surveysRun, at: place(kind: q.ownerKind, id: q.ownerID, in: try await context.access.map(on: db)))
        return q
    }

    /// The questionnaires of the bodies the caller runs surveys for, newest first.
    func list() async throws -> [SurveyQuestionnaireRow] {
        let all = try await SurveyQuestionnaireRow.query(on: db).sort(\.$createdAt, .descending).all()
        let map = try await context.access.map(on: db)
        return all.filter { allows(.surveysRun, kind: $0.ownerKind, id: $0.ownerID, map: map) }
    }

    func version(_ questionnaire: UUID, _ version: Int, on db: (any Database)? = nil) async throws -> Questionnaire {
        guard let row = try await SurveyVersionRow.query(on: db ?? self.db).filter(\.$questionnaireID == questionnaire).filter(\.$version == version).first() else {
            throw SurveyStrings.notFound()
        }
        return try row.questionnaire
    }

    /// The distribution, if the caller may act on it. One rule for the API and the pages alike:
    ///
    /// - Running it (reading, rates, analysis, exports, slips, closing) is for who runs the
    ///   survey: `surveys.run` over the questionnaire's *owner* body, the same check as for the
    ///   questionnaire itself. A workstation's survey sent to one committee's area stays the
    ///   workstation's: the committee's chair, who holds `surveys.run` for the committee, neither
    ///   reads its answers nor closes it (that would let a body read another body's survey by
    ///   where it was sent).
    /// - Typing in paper (`surveys.enter`) is for whoever collects paper where the distribution
    ///   was sent: the committee's chair, grid workers and counter staff in its scope hand out and
    ///   gather the questionnaires on the ground, and paper entry reads nothing back. Each
    ///   response is checked again at its own household or compound (`enterPaper`).
    func distribution(_ id: UUID, permission: Permission = .surveysRun) async throws -> SurveyDistribution {
        guard let d = try await SurveyDistribution.find(id, on: db) else { throw SurveyStrings.notFound() }
        let map = try await context.access.map(on: db)
        if permission == .surveysEnter {
            guard try await entersPaper(d, map: map) else {
                if context.principal?.grants.holds(.surveysEnter) == true { throw SurveyStrings.notFound() }
                throw ZhanjuError(.forbidden, code: "forbidden", message: Strings.errorForbidden)
            }
            return d
        }
        guard let q = try await SurveyQuestionnaireRow.find(d.questionnaireID, on: db) else { throw SurveyStrings.notFound() }
        try authorise(permission, at: place(kind: q.ownerKind, id: q.ownerID, in: map))
        return d
    }

    /// Whether the caller may type in paper for a distribution: `surveys.enter` over its scope,
    /// over a compound or grid within it, or where any of its invitations lies (a grid worker
    /// whose grid crosses a committee's compounds collects that committee's paper from their
    /// grid: the API takes their slips, so the page opens for them too).
    func entersPaper(_ d: SurveyDistribution, map: TerritoryMap) async throws -> Bool {
        guard let principal = context.principal else { return true }
        if principal.grants.allows(.surveysEnter, at: place(kind: d.scopeKind, id: d.scopeID, in: map)) { return true }
        let scope = Scope.of(kind: d.scopeKind, id: d.scopeID)
        let within = try await RegistryDirectory(db: db).surveyPlaces().contains { c in
            let here: Place? = c.kind == "compound" ? map.place(compound: c.id) : c.kind == "grid" ? map.place(grid: c.id) : nil
            return here.map { scope.covers($0) && principal.grants.allows(.surveysEnter, at: $0) } ?? false
        }
        if within { return true }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT DISTINCT compound_id, grid_id FROM survey_invitations WHERE distribution_id = \(bind: d.id!)
            """).all()
        for row in rows {
            var here = map.place(compound: try row.decode(column: "compound_id", as: UUID.self))
            here.grid = try row.decode(column: "grid_id", as: UUID?.self)
            if principal.grants.allows(.surveysEnter, at: here) { return true }
        }
        return false
    }

    func distributions(of questionnaire: UUID) async throws -> [SurveyDistribution] {
        try await SurveyDistribution.query(on: db).filter(\.$questionnaireID == questionnaire).sort(\.$createdAt).all()
    }

    // MARK: building

    /// A questionnaire as a client sends it: the owner, and the questionnaire in ZhanjuRules'
    /// stored form (snake_case keys as written, decoded without key conversion).
    struct QuestionnaireInput: Codable, Sendable {
        var ownerKind: String?
        var ownerId: UUID?
        var questionnaire: Questionnaire?
        /// Whether every text must have its English too.
        var bilingual: Bool?
        enum CodingKeys: String, CodingKey {
            case ownerKind = "owner_kind", ownerId = "owner_id", questionnaire, bilingual
        }
    }

    static func checked(_ q: Questionnaire?, bilingual: Bool) throws -> Questionnaire {
        guard var q else { throw ZhanjuError.required("questionnaire") }
        q.title.zh = q.title.zh.trimmingCharacters(in: .whitespacesAndNewlines)
        if BilingualText.isBlankText(q.title.zh) { throw ZhanjuError.required("questionnaire.title") }
        try Check.printable(q.title.zh + q.title.en, "questionnaire.title")
        let issues = q.validate(requiring: bilingual ? [.zh, .en] : [.zh])
        var v = Validation()
        for issue in issues { _ = try v.field { () throws -> Bool in throw SurveyStrings.issue(issue) } }
        try v.finish()
        return q
    }

    func create(_ input: QuestionnaireInput) async throws -> SurveyQuestionnaireRow {
        let kind = try Check.choice(input.ownerKind, "owner_kind", as: SurveyOwnerKind.self)
        guard let owner = input.ownerId else { throw ZhanjuError.required("owner_id") }
        let places = try await RegistryDirectory(db: db).surveyPlaces()
        guard places.contains(where: { $0.kind == kind.rawValue && $0.id == owner }) else {
            throw ZhanjuError.invalid("owner_id", "unknown_reference", Strings.errorUnknownRef("owner_id"))
        }
        try authorise(.surveysRun, at: place(kind: kind.rawValue, id: owner, in: try await context.access.map(on: db)))
        var q = try Self.checked(input.questionnaire, bilingual: input.bilingual ?? false)
        q.version = 1
        let definition = try SurveyJSON.string(q)
        let fixed = q
        return try await context.access.write(on: db) { tx in
            let row = SurveyQuestionnaireRow()
            row.id = UUID()
            (row.ownerKind, row.ownerID, row.titleZh, row.titleEn, row.currentVersion, row.createdAt) = (kind.rawValue, owner, fixed.title.zh, fixed.title.en, 1, now)
            try await row.create(on: tx)
            let v = SurveyVersionRow()
            (v.id, v.questionnaireID, v.version, v.definition, v.createdAt) = (UUID(), row.id!, 1, definition, now)
            try await v.create(on: tx)
            try await AuditTrail.append("create", "survey_questionnaires", row.id, before: nil, after: AuditTrail.digest(["definition": definition]),
                                        by: context.actor, at: now, on: tx)
            return row
        }
    }

    struct Revised: Sendable {
        var row: SurveyQuestionnaireRow
        var revision: QuestionnaireRevision
    }

    /// Saves an edit: in place while nobody has answered the current version (no response, no
    /// partial save), else as the next version; old responses keep theirs.
    func revise(_ id: UUID, _ input: QuestionnaireInput) async throws -> Revised {
        _ = try await questionnaire(id)
        let edited = try Self.checked(input.questionnaire, bilingual: input.bilingual ?? false)
        return try await context.access.write(on: db) { tx in
            let row = try await SurveyQuestionnaireRow.find(id, on: tx)!
            let current = try await version(id, row.currentVersion, on: tx)
            let distributions = try await SurveyDistribution.query(on: tx).filter(\.$questionnaireID == id).filter(\.$version == row.currentVersion).all().map { $0.id! }
            var answered = 0
            if !distributions.isEmpty {
                answered = try await SurveyResponseRow.query(on: tx).filter(\.$distributionID ~~ distributions).count()
                answered += try await SurveyDraft.query(on: tx).join(SurveyInvitation.self, on: \SurveyDraft.$invitationID == \SurveyInvitation.$id)
                    .filter(SurveyInvitation.self, \.$distributionID ~~ distributions).count()
            }
            let revision = QuestionnaireRevision.of(editing: current, to: edited, responses: answered)
            let stored = revision.apply(to: edited, current: current)
            let definition = try SurveyJSON.string(stored)
            switch revision {
            case .unchanged: return Revised(row: row, revision: revision)
            case .editInPlace:
                guard let v = try await SurveyVersionRow.query(on: tx).filter(\.$questionnaireID == id).filter(\.$version == row.currentVersion).first() else { throw SurveyStrings.notFound() }
                v.definition = definition
                try await v.update(on: tx)
            case .newVersion(let n):
                let v = SurveyVersionRow()
                (v.id, v.questionnaireID, v.version, v.definition, v.createdAt) = (UUID(), id, n, definition, now)
                try await v.create(on: tx)
                row.currentVersion = n
            }
            (row.titleZh, row.titleEn) = (stored.title.zh, stored.title.en)
            try await row.update(on: tx)
            try await AuditTrail.append("update", "survey_questionnaires", id, before: nil, after: AuditTrail.digest(["version": "\(stored.version)", "definition": definition]),
                                        by: context.actor, at: now, on: tx)
            return Revised(row: row, revision: revision)
        }
    }

    // MARK: sending

    struct DistributionInput: Content, Sendable {
        var nameZh: String?
        var nameEn: String?
        var scopeKind: String?
        var scopeId: UUID?
        var sampling: String?
        /// For `households_per_grid`: how many households in each grid.
        var householdsPerGrid: Int?
        /// The random draw's seed (decimal); left out, one is chosen and shown with the sample.
        var seed: String?
        /// Invite each adult resident (`resident`) or each household (`household`); `everyone` invites residents.
        var anonymous: Bool?
        var closesOn: String?
        static let example = DistributionInput(nameZh: "2026 年秋季需求调查", nameEn: "Autumn 2026 needs survey", scopeKind: "workstation", scopeId: UUID(),
                                               sampling: "households_per_grid", householdsPerGrid: 1, seed: "2026", anonymous: true, closesOn: "2026-12-31")
    }

    struct Plan: Sendable {
        var name: Text
        var scopeKind: SurveyScopeKind
        var scopeID: UUID
        var mode: SamplingMode
        var seed: UInt64
        var anonymous: Bool
        var closes: CivilDate
        var frame: [RegistryDirectory.SurveyFrameHousehold]
        var sample: SurveySample<UUID>
    }

    /// The latest closing date a distribution sent today may have: two years (731 days) ahead.
    static func latestClosing(from today: CivilDate) -> CivilDate { today.adding(days: 731) }

    /// Checks a distribution and draws its sample, writing nothing: what is shown before sending.
    func plan(_ questionnaireID: UUID, _ input: DistributionInput) async throws -> Plan {
        _ = try await questionnaire(questionnaireID)
        var v = Validation()
        let nameZh = try v.field { try Check.text(input.nameZh, "name_zh") }
        let nameEn = try v.field { try Check.optionalText(input.nameEn, "name_en", max: 100) }
        let kind = try v.field { try Check.choice(input.scopeKind, "scope_kind", as: SurveyScopeKind.self) }
        let sampling = try v.field { try Check.choice(input.sampling, "sampling", as: SurveySamplingKind.self) }
        var perGrid = 0
        if sampling == .householdsPerGrid { perGrid = try v.field { try Check.int(input.householdsPerGrid, "households_per_grid", in: 1...500) } ?? 0 }
        let closes = try v.field { () throws -> CivilDate in
            let d = try Check.date(input.closesOn, "closes_on")
            guard d >= today else { throw ZhanjuError.invalid("closes_on", "survey.closes_on", Text("截止日期不能早于今天。", "The closing date cannot be before today.")) }
            // A survey asks about now: two years on, the sample's households and their answers are stale.
            guard d <= Self.latestClosing(from: today) else {
                throw ZhanjuError.invalid("closes_on", "survey.closes_on", Text("截止日期最晚为两年后(\(Self.latestClosing(from: today).iso))。",
                                                                               "The closing date can be at most two years ahead (\(Self.latestClosing(from: today).iso))."))
            }
            return d
        }
        var seed = UInt64.random(in: 1...999_999)
        if let text = input.seed, !text.isEmpty {
            if let s = UInt64(text) { seed = s } else { _ = try v.field { () throws -> Bool in throw ZhanjuError.invalid("seed", "number", Text("随机种子应为非负整数。", "The seed is a whole number, 0 or more.")) } }
        }
        guard input.scopeId != nil || kind == nil else { throw ZhanjuError.required("scope_id") }
        try v.finish()
        let scopeKind = kind!, scopeID = input.scopeId!
        let places = try await RegistryDirectory(db: db).surveyPlaces()
        guard places.contains(where: { $0.kind == scopeKind.rawValue && $0.id == scopeID }) else {
            throw ZhanjuError.invalid("scope_id", "unknown_reference", Strings.errorUnknownRef("scope_id"))
        }
        try authorise(.surveysRun, at: place(kind: scopeKind.rawValue, id: scopeID, in: try await context.access.map(on: db)))
        let mode: SamplingMode = switch sampling! {
        case .everyone: .everyone
        case .onePerHousehold: .onePerHousehold
        case .householdsPerGrid: .householdsPerGrid(perGrid)
        }
        let frame = try await RegistryDirectory(db: db).surveyFrame(kind: scopeKind.rawValue, id: scopeID, adultsOn: today)
        // Households outside any grid sample as a grid of their own (the nil grid, keyed by the nil UUID).
        let none = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        let households = frame.map { SamplingHousehold(id: $0.id, grid: $0.gridID ?? none, residents: $0.residents.map(\.id)) }
        let sample: SurveySample<UUID>
        do { sample = try SurveySampling.draw(mode, from: households, seed: seed) } catch {
            throw ZhanjuError.invalid("sampling", "survey.sampling", Text("无法抽样:\(error)", "The sample cannot be drawn: \(error)"))
        }
        guard !sample.invitees.isEmpty else {
            throw ZhanjuError.invalid("scope_id", "survey.empty_sample", Text("这个范围里没有可以邀请的住户。", "There is nobody to invite in this scope."))
        }
        return Plan(name: Text(nameZh!, (nameEn ?? nil) ?? ""), scopeKind: scopeKind, scopeID: scopeID, mode: mode, seed: seed, anonymous: input.anonymous ?? true,
                    closes: closes!, frame: frame, sample: sample)
    }

    /// Sends: the sample drawn again from the same seed (so it is the one shown), one invitation
    /// code per invitee, in one write.
    func send(_ questionnaireID: UUID, _ input: DistributionInput) async throws -> SurveyDistribution {
        let plan = try await plan(questionnaireID, input)
        let byHousehold = Dictionary(plan.frame.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let sampling = try SurveyJSON.string(plan.mode)
        return try await context.access.write(on: db) { tx in
            let q = try await SurveyQuestionnaireRow.find(questionnaireID, on: tx)!
            let d = SurveyDistribution()
            d.id = UUID()
            (d.questionnaireID, d.version, d.nameZh, d.nameEn) = (questionnaireID, q.currentVersion, plan.name.zh, plan.name.en)
            (d.scopeKind, d.scopeID, d.sampling, d.seed) = (plan.scopeKind.rawValue, plan.scopeID, sampling, String(plan.seed))
            d.invitee = plan.mode == .everyone ? "resident" : "household"
            (d.anonymous, d.closesOn, d.status, d.invited, d.createdAt) = (plan.anonymous, plan.closes.iso, SurveyStatus.open.rawValue, plan.sample.invitees.count, now)
            try await d.create(on: tx)
            var codes = Set<String>()
            let invitations = plan.sample.invitees.enumerated().map { i, invitee -> SurveyInvitation in
                let h = byHousehold[invitee.household]!
                let inv = SurveyInvitation()
                var code = Self.newCode()
                while !codes.insert(code).inserted { code = Self.newCode() }
                (inv.id, inv.distributionID, inv.code, inv.householdID, inv.residentID) = (UUID(), d.id!, code, h.id, invitee.resident)
                (inv.compoundID, inv.zoneID, inv.gridID, inv.door, inv.position) = (h.compoundID, h.zoneID, h.gridID, h.door, i + 1)
                return inv
            }
            try await SurveyInvitation.insertAll(invitations, on: tx)
            try await AuditTrail.append("create", "survey_distributions", d.id, before: nil,
                                        after: AuditTrail.digest(["sampling": sampling, "seed": d.seed, "invited": "\(d.invited)", "scope": "\(d.scopeKind):\(d.scopeID)"]),
                                        by: context.actor, at: now, on: tx)
            return d
        }
    }

    func close(_ id: UUID) async throws -> SurveyDistribution {
        _ = try await distribution(id)
        return try await context.access.write(on: db) { tx in
            let d = try await SurveyDistribution.find(id, on: tx)!
            if d.status != SurveyStatus.closed.rawValue { d.closedOn = today.iso }
            d.status = SurveyStatus.closed.rawValue
            try await d.update(on: tx)
            try await AuditTrail.append("close", "survey_distributions", id, before: nil, after: nil, by: context.actor, at: now, on: tx)
            return d
        }
    }

    // MARK: answering with a code

    /// Letters and digits nobody confuses on paper (no 0/O, 1/I/L): two groups of four.
    static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    static func newCode() -> String {
        var rng = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String((0..<4).map { _ in alphabet[Int(rng.next(upperBound: UInt32(alphabet.count)))] }) }.joined(separator: "-")
    }

    /// A code as typed: upper case, dashes where they belong.
    static func normal(code: String) -> String {
        let chars = Array(code.uppercased().filter { $0.isLetter || $0.isNumber })
        return stride(from: 0, to: chars.count, by: 4).map { String(chars[$0..<min($0 + 4, chars.count)]) }.joined(separator: "-")
    }

    struct Opened: Sendable {
        var invitation: SurveyInvitation
        var distribution: SurveyDistribution
        var questionnaire: Questionnaire
        var draft: SurveyAnswers
        var answered: Bool
    }

    /// What a code opens: the questionnaire, and the answers saved so far.
    func open(code: String?) async throws -> Opened {
        guard let raw = code, !raw.isEmpty else { throw ZhanjuError.required("code") }
        guard let inv = try await SurveyInvitation.query(on: db).filter(\.$code == Self.normal(code: raw)).first(),
              let d = try await SurveyDistribution.find(inv.distributionID, on: db) else { throw SurveyStrings.unknownCode }
        let q = try await version(d.questionnaireID, d.version)
        let answered = try await SurveyAnsweredMark.query(on: db).filter(\.$invitationID == inv.id!).count() > 0
        let draft = try await SurveyDraft.query(on: db).filter(\.$invitationID == inv.id!).first()
        let saved = draft.flatMap { try? SurveyJSON.decoder.decode(SurveyAnswers.self, from: Data($0.answers.utf8)) } ?? [:]
        return Opened(invitation: inv, distribution: d, questionnaire: q, draft: saved, answered: answered)
    }

    static func refuse(_ issues: [ResponseIssue], in q: Questionnaire) throws {
        var v = Validation()
        for issue in issues { _ = try v.field { () throws -> Bool in throw SurveyStrings.issue(issue, in: q) } }
        try v.finish()
    }

    enum Saved: Sendable, Equatable {
        case draft
        case submitted
    }

    /// Saves the answers part way (`submit` false: required questions may wait) or submits them.
    /// A submitted code is used up: the "has answered" mark is unique per invitation, so of two
    /// submissions at once one is refused (409); in an anonymous distribution the response
    /// carries no invitation, only the compound, zone and grid (and sex and age band of an
    /// invited resident).
    func answer(code: String?, answers: SurveyAnswers, submit: Bool) async throws -> Saved {
        let opened = try await open(code: code)
        if opened.answered { throw SurveyStrings.alreadyAnswered }
        guard opened.distribution.isOpen(on: today) else { throw SurveyStrings.closed(opened.distribution.closedOnDay) }
        let q = opened.questionnaire
        let kept = q.pruned(answers)
        try Self.refuse(q.validate(answers, as: submit ? .complete : .partial), in: q)
        let json = try SurveyJSON.string(kept)
        let inv = opened.invitation, d = opened.distribution
        var sex: String?, band: String?
        if let r = inv.residentID, let person = try await RegistryDirectory(db: db).surveyResidents([r])[r] {
            sex = person.sex.rawValue
            band = person.birthDate.flatMap { AgeBands.standard.band(born: $0, on: today)?.key }
        }
        let (fixedSex, fixedBand) = (sex, band)
        return try await context.access.write(on: db) { tx in
            if try await SurveyAnsweredMark.query(on: tx).filter(\.$invitationID == inv.id!).count() > 0 { throw SurveyStrings.alreadyAnswered }
            let draft = try await SurveyDraft.query(on: tx).filter(\.$invitationID == inv.id!).first()
            guard submit else {
                let row = draft ?? SurveyDraft()
                if draft == nil { (row.id, row.invitationID) = (UUID(), inv.id!) }
                (row.answers, row.savedAt) = (json, now)
                try await row.save(on: tx)
                return .draft
            }
            try await draft?.delete(on: tx)
            try await Self.record(SurveyResponseRow.make(d, answers: json, codes: SurveyCodes.codes(q, kept), channel: .web, enteredBy: nil, invitation: inv,
                                                         sex: fixedSex, ageBand: fixedBand, on: today), mark: inv, channel: .web, on: today, tx)
            return .submitted
        }
    }

    /// The response and the invitation's mark, in the current write. Nothing in the audit chain
    /// names the invitation of an anonymous response.
    static func record(_ response: SurveyResponseRow, mark inv: SurveyInvitation?, channel: SurveyChannel, on day: CivilDate, _ tx: any Database) async throws {
        try await response.insertColumns(on: tx)
        try await count([response.codes ?? ""], in: response.distributionID, on: tx)
        if let inv {
            let m = SurveyAnsweredMark()
            (m.id, m.invitationID, m.distributionID, m.answeredOn, m.channel) = (UUID(), inv.id!, inv.distributionID, day.iso, channel.rawValue)
            try await m.insertColumns(on: tx)
        }
    }

    /// Adds responses' code strings to their distribution's counts, in the current write.
    static func count(_ codes: [String], in distribution: UUID, on tx: any Database) async throws {
        var tally: [String: Int] = [:]
        for c in codes { tally[c, default: 0] += 1 }
        let sql = tx as! any SQLDatabase
        for (c, n) in tally.sorted(by: { $0.key < $1.key }) {
            try await sql.raw("""
                INSERT INTO survey_code_counts (id, distribution_id, codes, n) VALUES (\(bind: UUID()), \(bind: distribution), \(bind: c), \(bind: n))
                ON CONFLICT (distribution_id, codes) DO UPDATE SET n = survey_code_counts.n + excluded.n
                """).run()
        }
    }

    // MARK: paper

    struct PaperInput: Sendable, Codable {
        /// The slip's code, when the paper came with one (the code is then used up).
        var code: String?
        /// Without a code: where the respondent lives, and what they wrote of themselves.
        var compoundId: UUID?
        var sex: String?
        var age: Int?
        var answers: SurveyAnswers?
        enum CodingKeys: String, CodingKey { case code, compoundId = "compound_id", sex, age, answers }
    }

    /// One paper questionnaire typed in by staff or a grid worker, marked as paper and by whom.
    /// Paper filled in before the closing date may be typed in after it, until the survey is closed.
    func enterPaper(_ distributionID: UUID, _ input: PaperInput) async throws -> SurveyResponseRow {
        guard let d = try await SurveyDistribution.find(distributionID, on: db) else { throw SurveyStrings.notFound() }
        let map = try await context.access.map(on: db)
        guard d.status == SurveyStatus.open.rawValue else { throw SurveyStrings.closed(d.closedOnDay) }
        let q = try await version(d.questionnaireID, d.version)
        guard let answers = input.answers else { throw ZhanjuError.required("answers") }
        var inv: SurveyInvitation?
        var response: SurveyResponseRow
        if let code = input.code, !code.isEmpty {
            guard let found = try await SurveyInvitation.query(on: db).filter(\.$code == Self.normal(code: code)).filter(\.$distributionID == distributionID).first() else {
                throw SurveyStrings.unknownCode
            }
            try authorise(.surveysEnter, at: map.place(household: found.householdID, compound: found.compoundID, grid: found.gridID))
            inv = found
            var sex: String?, band: String?
            if let r = found.residentID, let person = try await RegistryDirectory(db: db).surveyResidents([r])[r] {
                sex = person.sex.rawValue
                band = person.birthDate.flatMap { AgeBands.standard.band(born: $0, on: today)?.key }
            } else {
                // A household's slip: whoever answered may write their sex and age on it.
                sex = try input.sex.map { try Check.choice($0, "sex", as: Sex.self).rawValue }
                band = try input.age.map { try Check.int($0, "age", in: 0...120) }.flatMap { AgeBands.standard.bandIndex(forAge: $0) }
            }
            try Self.refuse(q.validate(answers), in: q)
            response = SurveyResponseRow.make(d, answers: try SurveyJSON.string(q.pruned(answers)), codes: SurveyCodes.codes(q, q.pruned(answers)), channel: .paper, enteredBy: context.actor.label,
                                             invitation: found, sex: sex, ageBand: band, on: today)
        } else {
            var v = Validation()
            let compound = try await v.field { () async throws -> UUID in
                guard let c = input.compoundId else { throw ZhanjuError.required("compound_id") }
                guard try await RegistryDirectory(db: db).compoundExists(c) else { throw ZhanjuError.invalid("compound_id", "unknown_reference", Strings.errorUnknownRef("compound_id")) }
                return c
            }
            let sex = try v.field { try input.sex.map { try Check.choice($0, "sex", as: Sex.self) } }
            let age = try v.field { try input.age.map { try Check.int($0, "age", in: 0...120) } }
            try v.finish()
            try authorise(.surveysEnter, at: map.place(compound: compound!))
            guard try await compoundsInScope(d, map: map).contains(compound!) else {
                throw ZhanjuError.invalid("compound_id", "survey.out_of_scope", Text("这个小区不在本次调查的范围内。", "This compound is outside the survey's scope."))
            }
            try Self.refuse(q.validate(answers), in: q)
            let band = (age ?? nil).flatMap { AgeBands.standard.bandIndex(forAge: $0) }
            response = SurveyResponseRow.make(d, answers: try SurveyJSON.string(q.pruned(answers)), codes: SurveyCodes.codes(q, q.pruned(answers)), channel: .paper, enteredBy: context.actor.label,
                                             invitation: nil, sex: (sex ?? nil)?.rawValue, ageBand: band, on: today)
            response.compoundID = compound
        }
        let fixed = response, fixedInv = inv
        return try await context.access.write(on: db) { tx in
            if let fixedInv, try await SurveyAnsweredMark.query(on: tx).filter(\.$invitationID == fixedInv.id!).count() > 0 { throw SurveyStrings.alreadyAnswered }
            try await SurveyDraft.query(on: tx).filter(\.$invitationID == (fixedInv?.id ?? UUID())).delete()
            try await Self.record(fixed, mark: fixedInv, channel: .paper, on: today, tx)
            return fixed
        }
    }

    /// Paper questionnaires typed in as a batch (a day's pile; the demo's 196): each checked as
    /// one would be, all written in one write, many rows to a statement. A record with a code
    /// uses up its invitation, as a single entry does.
    struct PaperRecord: Sendable {
        var answers: SurveyAnswers
        var code: String?
        var compoundID: UUID?
        var sex: Sex?
        var age: Int?
    }

    func enterPaperBatch(_ distributionID: UUID, _ records: [PaperRecord]) async throws -> Int {
        let d = try await distribution(distributionID, permission: .surveysEnter)
        guard d.status == SurveyStatus.open.rawValue else { throw SurveyStrings.closed(d.closedOnDay) }
        let q = try await version(d.questionnaireID, d.version)
        let codes = records.compactMap { $0.code.map(Self.normal(code:)) }
        var byCode: [String: SurveyInvitation] = [:]
        for start in stride(from: 0, to: codes.count, by: 500) {
            for inv in try await SurveyInvitation.query(on: db).filter(\.$distributionID == distributionID).filter(\.$code ~~ Array(codes[start..<min(codes.count, start + 500)])).all() {
                byCode[inv.code] = inv
            }
        }
        var rows: [SurveyResponseRow] = []
        var marks: [SurveyAnsweredMark] = []
        rows.reserveCapacity(records.count)
        for (i, r) in records.enumerated() {
            if let first = q.validate(r.answers).first {
                var e = SurveyStrings.issue(first, in: q)
                e.field = "records.\(i).\(e.field ?? "")"
                throw e
            }
            let inv = r.code.flatMap { byCode[Self.normal(code: $0)] }
            if r.code != nil && inv == nil { var e = SurveyStrings.unknownCode; e.field = "records.\(i).code"; throw e }
            let band = r.age.flatMap { AgeBands.standard.bandIndex(forAge: $0) }
            let row = SurveyResponseRow.make(d, answers: try SurveyJSON.string(q.pruned(r.answers)), codes: SurveyCodes.codes(q, q.pruned(r.answers)), channel: .paper, enteredBy: context.actor.label,
                                             invitation: inv, sex: r.sex?.rawValue, ageBand: band, on: today)
            if inv == nil { row.compoundID = r.compoundID }
            rows.append(row)
            if let inv {
                let m = SurveyAnsweredMark()
                (m.id, m.invitationID, m.distributionID, m.answeredOn, m.channel) = (UUID(), inv.id!, distributionID, today.iso, SurveyChannel.paper.rawValue)
                marks.append(m)
            }
        }
        let (fixedRows, fixedMarks) = (rows, marks)
        return try await context.access.write(on: db) { tx in
            try await SurveyResponseRow.insertAll(fixedRows, on: tx)
            try await Self.count(fixedRows.map { $0.codes ?? "" }, in: distributionID, on: tx)
            try await SurveyAnsweredMark.insertAll(fixedMarks, on: tx)
            try await AuditTrail.append("create", "survey_responses", distributionID, before: nil, after: AuditTrail.digest(["paper_batch": "\(fixedRows.count)"]),
                                        by: context.actor, at: now, on: tx)
            return fixedRows.count
        }
    }

    // MARK: links

    struct LinkInput: Content, Sendable {
        var kind: String?
        var target: String?
        var questionKey: String?
        var note: String?
        static let example = LinkInput(kind: "service_item", target: "SAF-HAZ", questionKey: "station_services", note: "77.04% 希望提供治安服务")
    }

    /// Links a result to a service-catalogue item (by its code) or a council topic (by its id).
    func link(_ questionnaireID: UUID, _ input: LinkInput) async throws -> SurveyLink {
        let owner = try await questionnaire(questionnaireID)
        var v = Validation()
        let kind = try v.field { try Check.choice(input.kind, "kind", as: SurveyLinkKind.self) }
        let target = try v.field { try Check.text(input.target, "target", max: 64) }
        let note = try v.field { try Check.text(input.note, "note", max: 500) }
        try v.finish()
        if kind == .serviceItem, try await CatalogueDirectory(db: db).itemName(code: target!) == nil {
            throw ZhanjuError.invalid("target", "unknown_reference", Strings.errorUnknownRef("target"))
        }
        if kind == .councilTopic {
            // A topic of a committee within the questionnaire owner's reach (the owner committee's
            // own, or one of the owner workstation's committees), read through the council's directory.
            let map = try await context.access.map(on: db)
            guard let id = UUID(uuidString: target!), let topic = try await CouncilTopicDirectory(db: db).topics([id])[id],
                  Scope.of(kind: owner.ownerKind, id: owner.ownerID).covers(map.place(committee: topic.committeeID)) else {
                throw ZhanjuError.invalid("target", "unknown_reference", Strings.errorUnknownRef("target"))
            }
        }
        if let key = input.questionKey, !key.isEmpty {
            let q = try await version(questionnaireID, try await questionnaire(questionnaireID).currentVersion)
            guard q.question(key) != nil else { throw ZhanjuError.invalid("question_key", "unknown_reference", Strings.errorUnknownRef("question_key")) }
        }
        return try await context.access.write(on: db) { tx in
            let l = SurveyLink()
            (l.id, l.questionnaireID, l.questionKey, l.kind, l.target, l.note, l.createdAt) = (UUID(), questionnaireID, input.questionKey, kind!.rawValue, target!, note!, now)
            try await l.create(on: tx)
            try await AuditTrail.append("create", "survey_links", l.id, before: nil, after: AuditTrail.digest(["kind": l.kind, "target": l.target]), by: context.actor, at: now, on: tx)
            return l
        }
    }
}

extension SurveyResponseRow {
    static func make(_ d: SurveyDistribution, answers: String, codes: String, channel: SurveyChannel, enteredBy: String?, invitation: SurveyInvitation?,
                     sex: String?, ageBand: String?, on day: CivilDate) -> SurveyResponseRow {
        let r = SurveyResponseRow()
        r.id = UUID()
        (r.distributionID, r.version, r.answers, r.channel, r.enteredBy) = (d.id!, d.version, answers, channel.rawValue, enteredBy)
        // Identified distributions keep the invitation; anonymous ones only where it lies.
        r.invitationID = d.anonymous ? nil : invitation?.id
        (r.compoundID, r.zoneID, r.gridID) = (invitation?.compoundID, invitation?.zoneID, invitation?.gridID)
        (r.sex, r.ageBand, r.submittedOn, r.codes) = (sex, ageBand, day.iso, codes)
        return r
    }
}

extension BilingualText {
    static func isBlankText(_ s: String) -> Bool { s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
}

extension AgeBands {
    /// The band's key for an age in whole years.
    func bandIndex(forAge age: Int) -> String? {
        guard age >= 0 else { return nil }
        return lowerBounds.lastIndex(where: { $0 <= age }).map { categories[$0 + 1].key } ?? categories[0].key
    }
}

extension Scope {
    static func of(kind: String, id: UUID) -> Scope {
        switch kind {
        case "workstation": .workstation(id)
        case "committee": .committee(id)
        case "compound": .compound(id)
        default: .grid(id)
        }
    }
}
