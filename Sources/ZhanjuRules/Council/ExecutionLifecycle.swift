/// Where the execution of a resolution stands. The residents' committee carries it out; only the
/// supervisory committee can sign it off as completed, or record a finding that reopens it.
public enum ExecutionStatus: String, Codable, CaseIterable, Sendable {
    /// Adopted and published; work not started.
    case pending
    case inProgress = "in_progress"
    /// The committee reports it done, with evidence; waiting for the supervisors.
    case awaitingSignOff = "awaiting_sign_off"
    /// Signed off by the supervisory committee.
    case completed
    /// Withdrawn by a new resolution of the body that adopted it.
    case rescinded

    public var isFinal: Bool { self == .rescinded }
}

public enum ExecutionAction: String, Codable, CaseIterable, Sendable {
    case start
    /// The committee reports the work done (every task finished, evidence attached).
    case reportDone = "report_done"
    /// The supervisory committee signs the work off as completed.
    case signOff = "sign_off"
    /// The supervisory committee records a finding, with a public reason: the work reopens.
    case recordFinding = "record_finding"
    /// The deciding body withdraws the resolution, with a public reason.
    case rescind

    /// Actions that must give a reason residents can read.
    public var needsPublicReason: Bool { self == .recordFinding || self == .rescind }
}

/// Who is acting on an execution.
public enum ExecutionActor: String, Codable, CaseIterable, Sendable {
    case residentsCommittee = "residents_committee"
    case supervisoryCommittee = "supervisory_committee"
    /// The council or assembly that adopted the resolution.
    case decidingBody = "deciding_body"
    /// Guides and is told of overdue work; never moves it.
    case workstation
}

/// What the rules need to know about the work when an action is taken.
public struct ExecutionFacts: Hashable, Sendable {
    /// Tasks not yet finished.
    public var openTasks: Int
    /// Evidence items attached (texts, files).
    public var evidence: Int
    /// The public reason given, if any.
    public var reason: String?
    /// The signing supervisor owned a task or otherwise took part in the work.
    public var signerTookPart: Bool

    public init(openTasks: Int = 0, evidence: Int = 0, reason: String? = nil, signerTookPart: Bool = false) {
        self.openTasks = openTasks
        self.evidence = evidence
        self.reason = reason
        self.signerTookPart = signerTookPart
    }
}

public enum ExecutionLifecycle {
    /// Who may take each action.
    public static func actor(for action: ExecutionAction) -> ExecutionActor {
        switch action {
        case .start, .reportDone: return .residentsCommittee
        case .signOff, .recordFinding: return .supervisoryCommittee
        case .rescind: return .decidingBody
        }
    }

    /// The state an action leads to in this state, regardless of who takes it.
    static func target(from status: ExecutionStatus, by action: ExecutionAction) -> ExecutionStatus? {
        switch (status, action) {
        case (.pending, .start): return .inProgress
        case (.inProgress, .reportDone): return .awaitingSignOff
        case (.awaitingSignOff, .signOff): return .completed
        case (.inProgress, .recordFinding), (.awaitingSignOff, .recordFinding), (.completed, .recordFinding): return .inProgress
        case (.pending, .rescind), (.inProgress, .rescind), (.awaitingSignOff, .rescind): return .rescinded
        default: return nil
        }
    }

    /// The state `action` by `actor` leads to, or the rule that refuses it.
    public static func next(from status: ExecutionStatus, by action: ExecutionAction, actor: ExecutionActor,
                            facts: ExecutionFacts = ExecutionFacts()) -> Result<ExecutionStatus, CouncilRefusal> {
        let allowed = self.actor(for: action)
        guard actor == allowed else {
            if action == .signOff {
                return .failure(CouncilRefusal(.signOffRequired, subject: actor.rawValue, detail: "only the supervisory committee signs off", zh: "只有监事会可以验收"))
            }
            return .failure(CouncilRefusal(.executionActor, subject: actor.rawValue, detail: "\(action.rawValue) is for the \(allowed.rawValue)", zh: "此操作由\(allowed.zh)进行"))
        }
        guard let target = target(from: status, by: action) else {
            return .failure(CouncilRefusal(.executionTransition, subject: action.rawValue, detail: "not from \(status.rawValue)", zh: "当前状态(\(status.rawValue))下不可进行"))
        }
        if action.needsPublicReason && (facts.reason ?? "").allSatisfy(\.isWhitespace) {
            return .failure(CouncilRefusal(.publicReasonRequired, subject: action.rawValue))
        }
        if action == .reportDone {
            if facts.openTasks > 0 { return .failure(CouncilRefusal(.tasksUnfinished, detail: "\(facts.openTasks) open", zh: "尚有 \(facts.openTasks) 项未完成")) }
            if facts.evidence == 0 { return .failure(CouncilRefusal(.evidenceRequired)) }
        }
        if action == .signOff && facts.signerTookPart {
            return .failure(CouncilRefusal(.signerNotIndependent, detail: "a supervisor who took part in the work may not sign it off", zh: "参与该项工作的监事不得验收"))
        }
        return .success(target)
    }

    /// The actions an actor may take from a state (for showing only the buttons that make sense;
    /// facts such as open tasks are checked when the action is taken).
    public static func actions(from status: ExecutionStatus, for actor: ExecutionActor) -> [ExecutionAction] {
        ExecutionAction.allCases.filter { self.actor(for: $0) == actor && target(from: status, by: $0) != nil }
    }
}

/// What the supervisory committee signs (RULES.md: it supervises disclosure and finances, and
/// reviews the execution of resolutions).
public enum SignOffSubject: String, Codable, CaseIterable, Sendable {
    /// A resolution's execution, as completed.
    case execution
    /// A disclosure (居务公开) before it is posted.
    case disclosure
    /// The committee's income and expenditure for a period.
    case finances

    /// Refuses a signature from anyone but the supervisory committee, or from a supervisor who
    /// prepared what is signed.
    public func checkSigner(_ actor: ExecutionActor, preparedIt: Bool) -> CouncilRefusal? {
        guard actor == .supervisoryCommittee else {
            return CouncilRefusal(.signOffRequired, subject: actor.rawValue, detail: "\(rawValue) is signed by the supervisory committee", zh: "由监事会签署")
        }
        return preparedIt ? CouncilRefusal(.signerNotIndependent, subject: rawValue) : nil
    }
}

extension ExecutionActor {
    /// Who acts, in Chinese (DESIGN.md's glossary), for the rules' own explanations.
    public var zh: String {
        switch self {
        case .residentsCommittee: return "居民委员会"
        case .supervisoryCommittee: return "监事会"
        case .decidingBody: return "作出决议的议事机构"
        case .workstation: return "社区工作站"
        }
    }
}
