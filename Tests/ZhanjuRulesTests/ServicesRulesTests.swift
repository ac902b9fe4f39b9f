import Testing
import ZhanjuRules

func day(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

/// The 2026 National Day notice, as cn-holidays.csv carries it.
let nationalDay2026 = """
    date,kind,name_zh,name_en
    2026-09-20,workday,国庆节调休上班,National Day make-up workday
    2026-09-25,holiday,中秋节,Mid-Autumn Festival
    2026-10-01,holiday,国庆节,National Day
    2026-10-02,holiday,国庆节,National Day
    2026-10-03,holiday,国庆节,National Day
    2026-10-04,holiday,国庆节,National Day
    2026-10-05,holiday,国庆节,National Day
    2026-10-06,holiday,国庆节,National Day
    2026-10-07,holiday,国庆节,National Day
    2026-10-10,workday,国庆节调休上班,National Day make-up workday
    """

@Suite("Working days: weekends, public holidays and make-up workdays (State Council notices)")
struct HolidayCalendarTests {
    let calendar = HolidayCalendar(try! HolidayCalendar.parse(csv: nationalDay2026))

    @Test("weekdays work, weekends rest, unless a notice says otherwise")
    func basics() {
        #expect(day("2026-11-27").weekday == 5)
        #expect(calendar.isWorkingDay(day("2026-11-27")))
        #expect(!calendar.isWorkingDay(day("2026-11-28")))
        #expect(!calendar.isWorkingDay(day("2026-10-01")))
        #expect(calendar.isWorkingDay(day("2026-09-20")), "a Sunday made a workday")
        #expect(calendar.isWorkingDay(day("2026-10-10")), "a Saturday made a workday")
    }

    @Test("one working day after the eve of National Day is the day after the holiday ends")
    func acrossGoldenWeek() {
        #expect(calendar.adding(workingDays: 1, to: day("2026-09-30")).date == day("2026-10-08"))
        #expect(calendar.adding(workingDays: 1, to: day("2026-09-11")).date == day("2026-09-14"), "an ordinary weekend is skipped")
        #expect(calendar.adding(workingDays: 1, to: day("2026-09-18")).date == day("2026-09-20"), "the make-up Sunday counts")
        #expect(calendar.workingDays(after: day("2026-09-30"), through: day("2026-10-08")) == 1)
    }

    @Test("a date in a year without a notice is computed on weekends alone and flagged unconfirmed")
    func unconfirmed() {
        let r = calendar.adding(workingDays: 1, to: day("2027-12-31"))
        #expect(r.date == day("2028-01-03"))
        #expect(!r.confirmed)
        #expect(calendar.adding(workingDays: 3, to: day("2026-11-02")).confirmed)
    }

    @Test("a malformed line is refused with its line number")
    func parsing() {
        #expect(throws: HolidayCalendar.ParseError(line: 2, reason: "kind must be holiday or workday")) {
            try HolidayCalendar.parse(csv: "date,kind\n2026-01-01,party\n")
        }
        #expect(throws: HolidayCalendar.ParseError(line: 2, reason: "a make-up workday falls on a weekend")) {
            try HolidayCalendar.parse(csv: "date,kind\n2026-11-25,workday\n")
        }
    }
}

@Suite("Cases: the grid-management loop and its clock")
struct CaseRulesTests {
    let clock = SLAClock(calendar: HolidayCalendar(try! HolidayCalendar.parse(csv: nationalDay2026)))

    @Test("reported → accepted → dispatched → in progress → awaiting resident → resolved → verified → closed, with reopen")
    func lifecycle() {
        var s = CaseStatus.reported
        for action in [CaseAction.accept, .dispatch, .start, .askResident, .residentReplied, .resolve, .verify, .close] {
            s = CaseLifecycle.next(from: s, by: action)!
        }
        #expect(s == .closed)
        #expect(CaseLifecycle.next(from: .closed, by: .reopen) == .inProgress)
        #expect(CaseLifecycle.next(from: .reported, by: .resolve) == nil, "nothing is resolved before it is dispatched")
        #expect(CaseLifecycle.next(from: .closed, by: .verify) == nil)
        #expect(CaseLifecycle.next(from: .rejected, by: .reopen) == .reported)
        #expect(CaseLifecycle.actions(from: .reported) == [.accept, .reject])
    }

    @Test("the clock starts at dispatch and counts working days")
    func dueDate() {
        let r = clock.reading(reportedOn: day("2026-11-02"), dispatchedOn: day("2026-11-02"), slaDays: 5, pauses: [], open: true, finishedOn: nil, today: day("2026-11-09"))
        #expect(r.due == day("2026-11-09"))
        #expect(!r.overdue)
        let late = clock.reading(reportedOn: day("2026-11-02"), dispatchedOn: day("2026-11-02"), slaDays: 5, pauses: [], open: true, finishedOn: nil, today: day("2026-11-10"))
        #expect(late.overdue)
    }

    @Test("a case dispatched before National Day is due after it")
    func holidays() {
        let r = clock.reading(reportedOn: day("2026-09-29"), dispatchedOn: day("2026-09-29"), slaDays: 3, pauses: [], open: true, finishedOn: nil, today: day("2026-10-05"))
        #expect(r.due == day("2026-10-09"))
        #expect(!r.overdue, "the holiday does not count against the handler")
    }

    @Test("waiting for the resident stops the clock and moves the due date out by the days waited")
    func pause() {
        let waited = [SLAClock.Pause(start: day("2026-11-03"), end: day("2026-11-05"))]
        let r = clock.reading(reportedOn: day("2026-11-02"), dispatchedOn: day("2026-11-02"), slaDays: 5, pauses: waited, open: true, finishedOn: nil, today: day("2026-11-10"))
        #expect(r.pausedWorkingDays == 2)
        #expect(r.due == day("2026-11-11"))
        #expect(!r.overdue)
        let stillWaiting = clock.reading(reportedOn: day("2026-11-02"), dispatchedOn: day("2026-11-02"), slaDays: 1,
                                         pauses: [SLAClock.Pause(start: day("2026-11-03"), end: nil)], open: true, finishedOn: nil, today: day("2026-11-20"))
        #expect(!stillWaiting.overdue && stillWaiting.paused)
    }

    @Test("a rejected or closed case is never overdue; one resolved after its due date was finished late")
    func finishedCases() {
        let rejected = clock.reading(reportedOn: day("2026-11-02"), dispatchedOn: nil, slaDays: 5, pauses: [], open: false, finishedOn: nil, today: day("2026-12-20"))
        #expect(!rejected.overdue && !rejected.finishedLate)
        let late = clock.reading(reportedOn: day("2026-11-02"), dispatchedOn: day("2026-11-02"), slaDays: 5, pauses: [], open: false,
                                 finishedOn: day("2026-11-12"), today: day("2026-12-20"))
        #expect(!late.overdue && late.finishedLate)
        let onTime = clock.reading(reportedOn: day("2026-11-02"), dispatchedOn: day("2026-11-02"), slaDays: 5, pauses: [], open: false,
                                   finishedOn: day("2026-11-09"), today: day("2026-12-20"))
        #expect(!onTime.overdue && !onTime.finishedLate)
    }

    @Test("before dispatch, intake has one working day")
    func intake() {
        let r = clock.reading(reportedOn: day("2026-11-27"), dispatchedOn: nil, slaDays: 10, pauses: [], open: true, finishedOn: nil, today: day("2026-12-01"))
        #expect(r.due == day("2026-11-30"))
        #expect(r.overdue)
    }

    @Test("dashboard figures: open, overdue, time to resolve, satisfaction, cases by family")
    func statistics() {
        let s = CaseStatistics([
            .init(family: "safety", status: .closed, overdue: false, daysToResolve: 2, rating: 5),
            .init(family: "safety", status: .inProgress, overdue: true, daysToResolve: nil, rating: nil),
            .init(family: "epidemic", status: .resolved, overdue: false, daysToResolve: 4, rating: 3),
            .init(family: "employment", status: .reported, overdue: false, daysToResolve: nil, rating: nil),
        ])
        #expect(s.total == 4 && s.open == 2 && s.overdue == 1 && s.resolved == 2)
        #expect(s.averageDaysToResolve == 3)
        #expect(s.satisfaction == 4)
        #expect(s.byFamily.first?.family == "safety" && s.byFamily.first?.count == 2)
    }
}
