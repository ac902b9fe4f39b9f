import Foundation
import ZhanjuRules

/// What the election committee's overview shows, built from the election's records (ElectionRead)
/// and the registry's people of the area; rendered by ElectionPageView without a database.
struct ElectionPageModel: Sendable {
    struct Choice: Sendable, Equatable {
        var value: String
        var label: String
    }

    var id: UUID
    var name: Text
    var committee: Text
    var stage: ElectionStage
    var round: Int
    var pollingDay: String
    var method: Text
    var seats: [(post: CommitteePost, seats: Int)]
    var timetable: [(milestone: Text, date: String, note: Text, confirmed: Bool)]
    var staff: [(name: String, role: Text)]
    var roll: [(name: String, door: String, basis: Text, removed: Bool, voted: Bool)]
    var rollChanges: [(on: String, name: String, change: Text, reason: String)]
    var objections: [(id: UUID, name: String, request: Text, reason: String, raisedOn: String, due: String, decision: Text?, answer: String?)]
    var nominations: [(name: String, post: Text, kind: Text, signers: Int, on: String)]
    var proxies: [(grantor: String, holder: String, relation: Text)]
    var preliminary: [(id: UUID, name: String, post: CommitteePost, sex: Sex)]
    var final: [(name: String, post: CommitteePost, sex: Sex)]
    var codesIssued: Int
    var votedThisRound: Int
    var rounds: [ElectionRead.RoundView]
    /// People on the roll, for nominees, signers and staff ("name · door").
    var rollChoices: [Choice]
    /// Everyone living in the area, for roll changes and objections.
    var areaChoices: [Choice]
    /// Staff appointed as scrutineers, for the count.
    var scrutineerChoices: [Choice]
    /// Staff appointed to carry mobile boxes.
    var carrierChoices: [Choice]
    /// Recalls of the members this election seated (once announced).
    var recalls: [ElectionService.RecallView] = []
    /// The committee's members sitting today ("name · post"), whom a recall may be against.
    var memberChoices: [Choice] = []
    /// The current roll ("name · door"), for a recall petition's signers.
    var currentRollChoices: [Choice] = []

    var registered: Int { roll.filter { !$0.removed }.count }

    /// Which forms the stage allows (the service refuses the others anyway).
    func allows(_ step: Step) -> Bool {
        switch step {
        case .buildRoll, .publishRoll: return stage == .roll
        case .staff: return [.roll, .rollPublished, .finalList, .polling].contains(stage)
        case .changeRoll: return [.roll, .rollPublished, .finalList].contains(stage)
        case .objection, .nominate, .finalList: return stage == .rollPublished
        case .proxy: return [.rollPublished, .finalList].contains(stage)
        case .codes: return [.finalList, .polling].contains(stage)
        case .openPolling: return stage == .finalList
        case .count, .mobileBox: return stage == .polling
        case .announce: return stage == .counted
        case .recall, .recallVote: return stage == .announced
        }
    }

    enum Step: String, CaseIterable, Sendable {
        case buildRoll = "build_roll", publishRoll = "publish_roll", staff, changeRoll = "change_roll", objection, nominate, finalList = "final_list"
        case proxy, codes, openPolling = "open_polling", mobileBox = "mobile_box", count, announce
        case recall, recallVote = "recall_vote"
    }

    static func build(_ d: ElectionRead.Detail, committee: Text, area: [RegistryDirectory.PossibleVoter]) -> ElectionPageModel {
        let e = d.election
        let milestones: [String: Text] = [
            "roll_published": Text("选民名单公布", "Voter roll published"), "objections_close": Text("异议截止", "Objections close"),
            "objections_answered": Text("异议答复截止", "Objections answered by"), "final_candidate_list": Text("正式候选人名单公布", "Final candidate list"),
            "polling_day": ElectionStrings.pollingDay, "term_starts": Text("任期开始", "Term starts"), "term_ends": Text("任期届满", "Term ends"),
        ]
        let roll = d.roll
        return ElectionPageModel(
            id: e.id, name: Text(e.nameZh, e.nameEn), committee: committee, stage: ElectionStage(rawValue: e.stage) ?? .roll, round: e.round,
            pollingDay: e.pollingDay, method: ElectionMethod(rawValue: e.method).map(ElectionStrings.method) ?? Text(e.method, e.method),
            seats: e.seats.compactMap { s in CommitteePost(rawValue: s.post).map { ($0, s.seats) } },
            timetable: d.timetable.map { (milestones[$0.milestone] ?? Text($0.milestone, $0.milestone), $0.date, Text($0.explanation.zh, $0.explanation.en), $0.confirmed) },
            staff: d.staff.map { ($0.name, ElectionStrings.role($0.role)) },
            roll: roll.map { ($0.name, $0.door, ElectionService.Basis(rawValue: $0.basis)?.label ?? Text($0.basis, $0.basis), $0.removed, $0.voted) },
            rollChanges: d.rollChanges.map { ($0.changedOn, $0.name, ElectionService.Change(rawValue: $0.change)?.label ?? Text($0.change, $0.change), $0.reason) },
            objections: d.objections.map { o in
                (o.id, o.name, ElectionService.Change(rawValue: o.request).map { $0 == .add ? Text("要求补登", "asks to add") : Text("要求删除", "asks to remove") } ?? Text(o.request, o.request),
                 o.reason, o.raisedOn, o.answerDue, o.decision.flatMap(ElectionService.Decision.init(rawValue:))?.label, o.answer)
            },
            nominations: d.nominations.map { ($0.nomineeName, ElectionStrings.post($0.post),
                                              ElectionService.NominationKind(rawValue: $0.kind)?.label ?? Text($0.kind, $0.kind), $0.signers, $0.madeOn) },
            proxies: d.proxies.map { ($0.grantorName, $0.holderName, KinRelation(rawValue: $0.relation).map { Text($0.zh, $0.en) } ?? Text($0.relation, $0.relation)) },
            preliminary: d.preliminaryCandidates.compactMap { c in CommitteePost(rawValue: c.post).map { (c.residentId, c.name, $0, Sex(rawValue: c.sex) ?? .male) } },
            final: d.finalCandidates.compactMap { c in CommitteePost(rawValue: c.post).map { (c.name, $0, Sex(rawValue: c.sex) ?? .male) } },
            codesIssued: d.codesIssued, votedThisRound: d.votedThisRound, rounds: d.rounds,
            rollChoices: roll.filter { !$0.removed }.map { Choice(value: $0.residentId.uuidString, label: "\($0.name) · \($0.door)") },
            areaChoices: area.map { Choice(value: $0.id.uuidString, label: "\($0.name) · \($0.door)") },
            scrutineerChoices: d.staff.filter { $0.role == StaffRole.scrutineer.rawValue }.map { Choice(value: $0.residentId.uuidString, label: $0.name) },
            carrierChoices: d.staff.filter { $0.role == StaffRole.mobileBoxCarrier.rawValue }.map { Choice(value: $0.residentId.uuidString, label: $0.name) })
    }
}
