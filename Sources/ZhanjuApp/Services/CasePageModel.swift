import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// Everything the case page shows, in words, gathered once from the case service, the
/// catalogue and the registry's directory. CasePageView turns it into HTML without touching the
/// database, so page tests render it from a value.
struct CasePageModel: Sendable {
    struct Answer: Sendable { var question: Text; var answer: Text }
    struct Step: Sendable { var at: String; var what: Text; var who: Text; var note: String }

    var id: UUID
    var number: String
    var item: Text
    var status: Text
    /// The household's address and head, or the compound (and the address given).
    var whose: String
    /// Staff who may read the household get a link to it; the resident does not need one.
    var householdLink: String?
    var description: String
    var answers: [Answer]
    var dueOn: String
    var dueConfirmed: Bool
    var overdue: Bool
    var finishedLate: Bool
    var paused: Bool
    var escalated: Bool
    var handlingBody: Text
    var assignee: String?
    var rating: Int?
    var ratingComment: String?
    /// The steps this person may take now.
    var actions: [CaseAction]
    /// Who may be given the case, by name (only when it can be dispatched).
    var assigneeChoices: [(value: String, label: String)]
    var mayRate: Bool
    var timeline: [Step]

    static func build(_ id: UUID, req: Request) async throws -> CasePageModel {
        let principal = try req.requirePrincipal()
        let c = try await CaseQueue.find(id, req)
        let item = try await ServiceItem.find(c.$item.id, on: req.db)
        let events = try await CaseEvent.query(on: req.db).filter(\.$kase.$id == c.id!).sort(\.$seq).all()
        let reading = try await CaseService(req).reading(c)
        let handler = CaseScope(principal).mayHandle(c)
        let owner = principal.grants.allows(.ownData, at: c.place) || c.reporterAccountID == principal.accountID
        let actions = CaseLifecycle.actions(from: c.statusValue).filter { a in [.residentReplied, .reopen].contains(a) ? (handler || owner) : handler }
        let agency = try await BodyDirectory(db: req.db).name(of: BodyKind(rawValue: c.assignedKind) ?? .workstation, id: c.assignedBodyID)
        let candidates = actions.contains(.dispatch) ? try await CaseAssignees.candidates(for: c, req: req) : []
        let registry = RegistryDirectory(db: req.db)
        let map = try await req.territoryMap()
        var match: RegistryDirectory.HouseholdMatch?
        if let hid = c.householdID { match = try await registry.householdMatch(hid) }
        let lang = Lang.of(req)
        let compoundName = c.compoundID.flatMap { map.compoundNames[$0] }.map { lang == .zh ? $0.zh : $0.en } ?? ""
        // The head's name only for those who may read the household (its staff, its own people):
        // a supervisor or a property manager reading the case sees the address.
        let mayReadHousehold = principal.grants.allows(.householdsRead, at: c.place)
        let whose = match.map { m in "\(compoundName) \(m.door)" + (mayReadHousehold ? m.headName.map { " · \($0)" } ?? "" : "") }
            ?? compoundName + (c.address.map { " · \($0)" } ?? "")
        let staffView = principal.grants.allows(.householdsRead, at: c.place) && !principal.grants.allows(.ownData, at: c.place)
        var assignee: Account?
        if let aid = c.assigneeAccountID { assignee = try await Account.find(aid, on: req.db) }
        let values = c.attributeValues
        let answers = (item?.attributeList ?? []).filter { values[$0.code] != nil }.map { a in
            let keys = (values[a.code] ?? "").split(separator: ",").map(String.init)
            func named(_ key: String) -> Text { a.values.first { $0.key == key }.map { Text($0.nameZh, $0.nameEn) } ?? Text(key, key) }
            return Answer(question: Text(a.descriptionZh, a.descriptionEn),
                          answer: Text(keys.map { named($0).zh }.joined(separator: "、"), keys.map { named($0).en }.joined(separator: ", ")))
        }
        return CasePageModel(
            id: c.id!, number: c.number, item: item.map { Text($0.nameZh, $0.nameEn) } ?? Text(c.family, c.family), status: c.statusValue.label,
            whose: whose, householdLink: match != nil && staffView ? SitePath.household.link(c.householdID!) : nil,
            description: c.description, answers: answers, dueOn: c.dueOn, dueConfirmed: c.dueConfirmed,
            overdue: reading.overdue, finishedLate: reading.finishedLate, paused: reading.paused, escalated: c.escalated,
            handlingBody: agency ?? Text(c.assignedKind, c.assignedKind), assignee: assignee?.displayName,
            rating: c.rating, ratingComment: c.ratingComment, actions: actions,
            assigneeChoices: candidates.map { ($0.username, "\($0.displayName) (\($0.username))") },
            mayRate: owner && [.resolved, .verified, .closed].contains(c.statusValue) && c.rating == nil,
            timeline: events.map { e in
                Step(at: ChinaTime.format(e.at), what: CaseAction(rawValue: e.action)?.doneLabel ?? CasePages.eventLabel(e.action),
                     who: CasePages.actorLabel(e.actor), note: e.note)
            })
    }
}
