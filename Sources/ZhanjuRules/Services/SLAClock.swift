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
        public var overdue: Bool
        public var pausedWorkingDays: Int
        public var paused: Bool
        public init(due: CivilDate, confirmed: Bool, overdue: Bool, pausedWorkingDays: Int, paused: Bool) {
            (self.due, self.confirmed, self.overdue, self.pausedWorkingDays, self.paused) = (due, confirmed, overdue, pausedWorkingDays, paused)
        }
    }

    public func reading(reportedOn: CivilDate, dispatchedOn: CivilDate?, slaDays: Int, pauses: [Pause],
                        finishedOn: CivilDate?, today: CivilDate) -> Reading {
        let paused = pauses.reduce(0) { sum, p in sum + calendar.workingDays(after: p.start, through: p.end ?? today) }
        let base: (date: CivilDate, confirmed: Bool)
        if let dispatchedOn {
            base = calendar.adding(workingDays: slaDays, to: dispatchedOn)
        } else {
            base = calendar.adding(workingDays: intakeDays, to: reportedOn)
        }
        let due = calendar.adding(workingDays: paused, to: base.date)
        let waiting = pauses.contains { $0.end == nil }
        let measuredOn = finishedOn ?? today
        return Reading(due: due.date, confirmed: base.confirmed && due.confirmed, overdue: !waiting && measuredOn > due.date,
                       pausedWorkingDays: paused, paused: waiting)
    }
}
