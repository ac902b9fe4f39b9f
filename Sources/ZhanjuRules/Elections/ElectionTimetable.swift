/// The dates of an election worked back from polling day, each named with its rule: the latest
/// day to publish the voter roll, the last day for objections, the latest answer, the latest day
/// for the final candidate list, and the term that follows. Working days come from the holiday
/// calendar; a date that runs into a year whose holidays are not loaded is marked unconfirmed.
public struct ElectionTimetable: Hashable, Sendable {
    public enum Milestone: String, Codable, CaseIterable, Sendable {
        /// The latest day the voter roll may be published (or the day it was).
        case rollPublished = "roll_published"
        /// The last day an objection to the roll may be raised.
        case objectionsClose = "objections_close"
        /// The latest answer, to an objection raised on the last day.
        case objectionsAnswered = "objections_answered"
        /// The latest day the final candidate list may be published (or the day it was).
        case finalCandidateList = "final_candidate_list"
        case pollingDay = "polling_day"
        /// The result is announced on the spot; the term starts that day.
        case termStarts = "term_starts"
        case termEnds = "term_ends"
    }

    public struct Entry: Hashable, Sendable {
        public var milestone: Milestone
        public var date: CivilDate
        /// False when the date depends on holidays of a year not yet loaded.
        public var confirmed: Bool
        public var explanation: ElectionExplanation
    }

    public var entries: [Entry]
    /// Refusals when a date already fixed is late, or when the timetable does not fit before polling.
    public var check: ElectionCheck

    public func date(_ milestone: Milestone) -> CivilDate? { entries.first { $0.milestone == milestone }?.date }
}

extension ElectionRuleSet {
    /// The timetable for polling on `pollingDay`. Pass the dates already fixed (the roll's and the
    /// final list's publication) to check them and to count the objection period from the real one.
    public func timetable(pollingDay: CivilDate, calendar: HolidayCalendar,
                          rollPublishedOn: CivilDate? = nil, finalListPublishedOn: CivilDate? = nil) -> ElectionTimetable {
        var entries: [ElectionTimetable.Entry] = []
        var check = ElectionCheck()

        let rollLatest = pollingDay.adding(days: -rollPublishedDaysBefore)
        if let rollPublishedOn {
            let days = rollPublishedOn.dayNumber - pollingDay.dayNumber
            let before = -days
            check.check(rollPublishedOn <= rollLatest, .init(.rollPublication,
                zh: "选民名单于 \(rollPublishedOn) 公布,选举日前 \(before) 天;须至少提前 \(rollPublishedDaysBefore) 天(不晚于 \(rollLatest))",
                en: "voter roll published on \(rollPublishedOn), \(before) days before election day; at least \(rollPublishedDaysBefore) required (by \(rollLatest))"))
        }
        let published = rollPublishedOn ?? rollLatest
        entries.append(.init(milestone: .rollPublished, date: published, confirmed: true, explanation: .init(.rollPublication,
            zh: rollPublishedOn == nil ? "选民名单最迟于选举日前 \(rollPublishedDaysBefore) 天公布" : "选民名单公布日",
            en: rollPublishedOn == nil ? "the voter roll is published at least \(rollPublishedDaysBefore) days before election day" : "the day the voter roll was published")))

        let close = objectionDeadline(rollPublishedOn: published, calendar: calendar)
        entries.append(.init(milestone: .objectionsClose, date: close.date, confirmed: close.confirmed, explanation: close.explanation))

        let answered = objectionAnswerDue(receivedOn: close.date, calendar: calendar)
        entries.append(.init(milestone: .objectionsAnswered, date: answered.date, confirmed: answered.confirmed && close.confirmed, explanation: .init(.objectionAnswer,
            zh: "异议自受理之日起 \(objectionAnswerWorkingDays) 个工作日内答复",
            en: "each objection is answered within \(objectionAnswerWorkingDays) working days of its receipt")))
        if answered.date >= pollingDay {
            check.refusals.append(.init(.objectionAnswer,
                zh: "最后一件异议最迟于 \(answered.date) 答复,不早于选举日 \(pollingDay);须提前公布选民名单",
                en: "the last objection may be answered as late as \(answered.date), not before election day \(pollingDay); publish the roll earlier"))
        }

        let listLatest = pollingDay.adding(days: -finalCandidateListDaysBefore)
        if let finalListPublishedOn {
            let before = pollingDay.dayNumber - finalListPublishedOn.dayNumber
            check.check(finalListPublishedOn <= listLatest, .init(.finalCandidateList,
                zh: "正式候选人名单于 \(finalListPublishedOn) 公布,选举日前 \(before) 天;须至少提前 \(finalCandidateListDaysBefore) 天(不晚于 \(listLatest))",
                en: "final candidate list published on \(finalListPublishedOn), \(before) days before election day; at least \(finalCandidateListDaysBefore) required (by \(listLatest))"))
        }
        entries.append(.init(milestone: .finalCandidateList, date: finalListPublishedOn ?? listLatest, confirmed: true, explanation: .init(.finalCandidateList,
            zh: finalListPublishedOn == nil ? "正式候选人名单最迟于选举日前 \(finalCandidateListDaysBefore) 天公布" : "正式候选人名单公布日",
            en: finalListPublishedOn == nil ? "the final candidate list is published at least \(finalCandidateListDaysBefore) days before election day" : "the day the final candidate list was published")))

        entries.append(.init(milestone: .pollingDay, date: pollingDay, confirmed: true, explanation: .init(.polling,
            zh: "选举日:投票、当场计票并公布结果", en: "election day: polling, the count and the result announced on the spot")))

        let term = term(announcedOn: pollingDay)
        entries.append(.init(milestone: .termStarts, date: term.starts, confirmed: true, explanation: .init(.term,
            zh: "当选人自结果公布之日起任职,任期 \(termYears) 年", en: "the elected take office the day the result is announced, for \(termYears) years")))
        if let ends = term.ends {
            entries.append(.init(milestone: .termEnds, date: ends, confirmed: true, explanation: .init(.term,
                zh: "任期届满", en: "the term ends")))
        }
        return ElectionTimetable(entries: entries, check: check)
    }

    /// The last day to object to a roll published on `rollPublishedOn`: the period starts the day
    /// after publication (Civil Code art. 201) and, when its last day is a rest day, ends on the
    /// next working day (art. 203).
    public func objectionDeadline(rollPublishedOn: CivilDate, calendar: HolidayCalendar) -> (date: CivilDate, confirmed: Bool, explanation: ElectionExplanation) {
        let last = rollPublishedOn.adding(days: objectionDays)
        if periodsEndingOnRestDaysExtend && !calendar.isWorkingDay(last) {
            let next = calendar.adding(workingDays: 1, to: last)
            return (next.date, next.confirmed, .init(.objectionPeriod,
                zh: "对选民名单有异议的,自公布之日起 \(objectionDays) 日内提出;第 \(objectionDays) 日 \(last) 为休息日,顺延至 \(next.date)",
                en: "objections to the roll within \(objectionDays) days of its publication; day \(objectionDays), \(last), is a rest day, so the period runs to \(next.date)"))
        }
        return (last, periodsEndingOnRestDaysExtend ? calendar.isConfirmed(last) : true, .init(.objectionPeriod,
            zh: "对选民名单有异议的,自公布之日起 \(objectionDays) 日内提出", en: "objections to the roll within \(objectionDays) days of its publication"))
    }

    /// The latest day to answer an objection received on `receivedOn`.
    public func objectionAnswerDue(receivedOn: CivilDate, calendar: HolidayCalendar) -> (date: CivilDate, confirmed: Bool) {
        calendar.adding(workingDays: objectionAnswerWorkingDays, to: receivedOn)
    }

    /// Whether an objection was raised in time and, once answered, answered in time.
    public func checkObjection(raisedOn: CivilDate, answeredOn: CivilDate?, rollPublishedOn: CivilDate, calendar: HolidayCalendar) -> ElectionCheck {
        var check = ElectionCheck()
        let close = objectionDeadline(rollPublishedOn: rollPublishedOn, calendar: calendar)
        check.check(raisedOn <= close.date && raisedOn >= rollPublishedOn, .init(.objectionPeriod,
            zh: "异议于 \(raisedOn) 提出;提出期限为 \(rollPublishedOn) 至 \(close.date)",
            en: "objection raised on \(raisedOn); objections run from \(rollPublishedOn) to \(close.date)"))
        if let answeredOn {
            let due = objectionAnswerDue(receivedOn: raisedOn, calendar: calendar).date
            check.check(answeredOn <= due, .init(.objectionAnswer,
                zh: "异议于 \(answeredOn) 答复;须在 \(objectionAnswerWorkingDays) 个工作日内,即不晚于 \(due)",
                en: "objection answered on \(answeredOn); due within \(objectionAnswerWorkingDays) working days, by \(due)"))
        }
        return check
    }
}
