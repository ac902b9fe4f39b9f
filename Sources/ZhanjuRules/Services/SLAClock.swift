/// The service-level clock of a case, in working days. It starts when the case is dispatched
/// (RULES.md: dispatch starts the clock); before that, intake has one working day. It stands
/// still while the case waits for the resident, so the due date moves out by the working days
/// spent waiting.
public struct SLAClock: Sendable {
    public var calendar: HolidayCalendar
    /// Working days allowed from report to dispatch.
    public var intakeDays: Int

    public init(calendar: HolidayCalendar, intakeDays: Int = 1) {
        self.calendar = calendar
        self.intakeDays = intakeDays
    }

    /// A span of waiting on the resident; `end` nil while it still lasts.
    public struct Pause: Sendable, Hashable {
        public var start: CivilDate
        public var end: CivilDate?
        public init(start: CivilDate, end: CivilDate?) {
            self.start = start
            self.end = end
        }
    }

    public struct Reading: Sendable, Equatable {
        public var due: CivilDate
        /// False when the due date runs into a year whose holidays are not loaded.
        public var confirmed: Bool
        /// Still open, not waiting on the resident, and past its due date. A finished, closed or
        /// rejected case is never overdue: at most it was finished late.
        public var overdue: Bool
        /// Resolved or closed after its due date.
        public var finishedLate: Bool
        public var pausedWorkingDays: Int
        public var paused: Bool
        public init(due: CivilDate, confirmed: Bool, overdue: Bool, finishedLate: Bool = false, pausedWorkingDays: Int, paused: Bool) {
            (self.due, self.confirmed, self.overdue, self.finishedLate) = (due, confirmed, overdue, finishedLate)
            (self.pausedWorkingDays, self.paused) = (pausedWorkingDays, paused)
        }
    }

    /// `open` is whether the case is still being worked on; `finishedOn` when it was resolved or
    /// closed (nil for one rejected or withdrawn, which was never finished late).
    public func reading(reportedOn: CivilDate, dispatchedOn: CivilDate?, slaDays: Int, pauses: [Pause],
                        open: Bool, finishedOn: CivilDate?, today: CivilDate) -> Reading {
        let paused = pauses.reduce(0) { sum, p in sum + calendar.workingDays(after: p.start, through: p.end ?? today) }
        let base: (date: CivilDate, confirmed: Bool)
        if let dispatchedOn {
            base = calendar.adding(workingDays: slaDays, to: dispatchedOn)
        } else {
            base = calendar.adding(workingDays: intakeDays, to: reportedOn)
        }
        let due = calendar.adding(workingDays: paused, to: base.date)
        let waiting = pauses.contains { $0.end == nil }
        return Reading(due: due.date, confirmed: base.confirmed && due.confirmed, overdue: open && !waiting && today > due.date,
                       finishedLate: !open && (finishedOn.map { $0 > due.date } ?? false), pausedWorkingDays: paused, paused: waiting)
    }
}
