/// A case's states, following the grid-management loop of RULES.md: discover and report, open
/// (accept), dispatch (the clock starts), handle, feed back, verify, close, evaluate.
public enum CaseStatus: String, CaseIterable, Codable, Sendable {
    case reported
    case accepted
    case rejected
    case dispatched
    case inProgress = "in_progress"
    case awaitingResident = "awaiting_resident"
    case resolved
    case verified
    case closed

    /// Still somebody's work.
    public var isOpen: Bool { ![.rejected, .resolved, .verified, .closed].contains(self) }
    /// The clock stands still while the case waits for the resident.
    public var pausesClock: Bool { self == .awaitingResident }
}

public enum CaseAction: String, CaseIterable, Codable, Sendable {
    case accept
    case reject
    case dispatch
    case start
    case askResident = "ask_resident"
    case residentReplied = "resident_replied"
    case resolve
    case verify
    case close
    case reopen

    /// Actions that must say why.
    public var needsNote: Bool { [.reject, .askResident, .resolve, .reopen].contains(self) }
}

public enum CaseLifecycle {
    /// The state an action leads to, or nil when the action is not allowed in this state.
    public static func next(from status: CaseStatus, by action: CaseAction) -> CaseStatus? {
        switch (status, action) {
        case (.reported, .accept): return .accepted
        case (.reported, .reject), (.accepted, .reject): return .rejected
        case (.accepted, .dispatch), (.dispatched, .dispatch), (.inProgress, .dispatch): return .dispatched
        case (.dispatched, .start): return .inProgress
        case (.dispatched, .askResident), (.inProgress, .askResident): return .awaitingResident
        case (.awaitingResident, .residentReplied): return .inProgress
        case (.dispatched, .resolve), (.inProgress, .resolve): return .resolved
        case (.resolved, .verify): return .verified
        case (.verified, .close): return .closed
        case (.resolved, .reopen), (.verified, .reopen), (.closed, .reopen): return .inProgress
        case (.rejected, .reopen): return .reported
        default: return nil
        }
    }

    /// The actions allowed from a state, for showing the buttons that make sense.
    public static func actions(from status: CaseStatus) -> [CaseAction] {
        CaseAction.allCases.filter { next(from: status, by: $0) != nil }
    }
}
