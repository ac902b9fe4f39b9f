import Testing
import ZhanjuRules

@Suite("Election timetable: dates worked back from polling day on the holiday calendar")
struct ElectionTimetableTests {
    let rules = ElectionRuleSet.residentsCommittee
    let calendar = HolidayCalendar(try! HolidayCalendar.parse(csv: nationalDay2026))
    let pollingDay = day("2026-12-20")

    @Test("each milestone named, with its date, for polling on Sunday 20 December 2026")
    func milestones() {
        let t = rules.timetable(pollingDay: pollingDay, calendar: calendar)
        #expect(t.check.accepted)
        #expect(t.entries.map(\.milestone) == ElectionTimetable.Milestone.allCases)
        #expect(t.date(.rollPublished) == day("2026-11-30"), "20 days before")
        // Five days from Monday 30 November end on Saturday 5 December, a rest day: the period runs to Monday.
        #expect(t.date(.objectionsClose) == day("2026-12-07"))
        #expect(t.entries.first { $0.milestone == .objectionsClose }?.explanation.rule == .objectionPeriod)
        #expect(t.date(.objectionsAnswered) == day("2026-12-10"), "three working days after the last objection")
        #expect(t.date(.finalCandidateList) == day("2026-12-15"), "5 days before")
        #expect(t.date(.termStarts) == pollingDay && t.date(.termEnds) == day("2031-12-19"))
        #expect(t.entries.allSatisfy { $0.confirmed })
    }

    @Test("the roll published 20 days ahead is on time; 19 days is late, by the rule", arguments: [("2026-11-30", true), ("2026-12-01", false), ("2026-11-01", true)])
    func rollPublication(published: String, onTime: Bool) {
        let t = rules.timetable(pollingDay: pollingDay, calendar: calendar, rollPublishedOn: day(published))
        #expect(t.check.accepted == onTime)
        if !onTime {
            #expect(t.check.refusals.rules == [.rollPublication])
            #expect(t.check.refusals[0].en == "voter roll published on 2026-12-01, 19 days before election day; at least 20 required (by 2026-11-30)")
        }
    }

    @Test("the final candidate list 5 days ahead is on time; 4 days is late", arguments: [("2026-12-15", true), ("2026-12-16", false)])
    func finalList(published: String, onTime: Bool) {
        let t = rules.timetable(pollingDay: pollingDay, calendar: calendar, finalListPublishedOn: day(published))
        #expect(t.check.accepted == onTime)
        if !onTime { #expect(t.check.refusals.rules == [.finalCandidateList]) }
    }

    @Test("objections whose fifth day falls in Golden Week run to the first working day after it")
    func goldenWeek() {
        let close = rules.objectionDeadline(rollPublishedOn: day("2026-09-28"), calendar: calendar)
        #expect(close.date == day("2026-10-08"))
        #expect(close.explanation.en.contains("2026-10-03, is a rest day"))
        // Answers count working days, the make-up Saturday 10 October among them.
        #expect(rules.objectionAnswerDue(receivedOn: day("2026-10-08"), calendar: calendar).date == day("2026-10-12"))
    }

    @Test("without the Civil Code's extension the period ends on its fifth day")
    func noExtension() {
        var plain = rules
        plain.periodsEndingOnRestDaysExtend = false
        #expect(plain.objectionDeadline(rollPublishedOn: day("2026-11-30"), calendar: calendar).date == day("2026-12-05"))
    }

    @Test("an objection raised in time and answered within three working days; one day later is refused")
    func objections() {
        let published = day("2026-11-30")
        #expect(rules.checkObjection(raisedOn: day("2026-12-07"), answeredOn: day("2026-12-10"), rollPublishedOn: published, calendar: calendar).accepted)
        #expect(rules.checkObjection(raisedOn: day("2026-12-07"), answeredOn: day("2026-12-11"), rollPublishedOn: published, calendar: calendar).refusals.rules == [.objectionAnswer])
        #expect(rules.checkObjection(raisedOn: day("2026-12-08"), answeredOn: nil, rollPublishedOn: published, calendar: calendar).refusals.rules == [.objectionPeriod])
        // Raised on Friday 4 December: Monday, Tuesday, Wednesday.
        #expect(rules.checkObjection(raisedOn: day("2026-12-04"), answeredOn: day("2026-12-09"), rollPublishedOn: published, calendar: calendar).accepted)
    }

    @Test("a timetable whose last answer would fall on polling day is refused")
    func doesNotFit() {
        var tight = rules
        tight.rollPublishedDaysBefore = 6
        let t = tight.timetable(pollingDay: pollingDay, calendar: calendar)
        #expect(t.check.refusals.rules == [.objectionAnswer])
    }

    @Test("dates in a year whose holidays are not loaded are marked unconfirmed")
    func unconfirmed() {
        let t = rules.timetable(pollingDay: day("2027-12-19"), calendar: calendar)
        #expect(t.entries.first { $0.milestone == .objectionsClose }?.confirmed == false)
        #expect(t.entries.first { $0.milestone == .objectionsAnswered }?.confirmed == false)
    }
}
