import Testing
import ZhanjuRules

/// A committee's area on 2026-09-28: 100 adults and 5 children, 50 households, 6 residents' groups.
private struct Area {
    static let countedOn = CivilDate(year: 2026, month: 9, day: 28)!
    static let roll: PetitionRoll = {
        var residents: [String: CivilDate] = [:]
        for i in 1...100 { residents["adult\(i)"] = CivilDate(year: 1970, month: 1, day: 1)! }
        for i in 1...5 { residents["child\(i)"] = CivilDate(year: 2015, month: 6, day: 1)! }
        return PetitionRoll(residents: residents, households: Set((1...50).map { "h\($0)" }), residentsGroups: Set((1...6).map { "g\($0)" }))
    }()
    static func adults(_ n: Int) -> [String] { n == 0 ? [] : (1...n).map { "adult\($0)" } }
    static func households(_ n: Int) -> [String] { n == 0 ? [] : (1...n).map { "h\($0)" } }
    static func groups(_ n: Int) -> [String] { n == 0 ? [] : (1...n).map { "g\($0)" } }
}

@Suite("Petition to convene the residents' assembly (2018 art. 10): any one of three thresholds")
struct CouncilPetitionTests {
    let rules = PetitionRules.organicLaw2018

    func read(adults: Int = 0, households: Int = 0, groups: Int = 0) -> PetitionReading {
        rules.read(PetitionSignatures(residents: Area.adults(adults), households: Area.households(households), residentsGroups: Area.groups(groups)),
                   roll: Area.roll, on: Area.countedOn)
    }

    @Test("1/5 of adult residents: 19 of 100 is one short, 20 is exactly 1/5 and enough; children are not in the base")
    func adults() {
        let short = read(adults: 19)
        #expect(!short.obliged)
        #expect(short.adultResidents.check.base == 100)
        #expect(short.adultResidents.check.missing == 1)
        #expect(short.adultResidents.rule.rule == .petitionAdultResidents)
        let met = read(adults: 20)
        #expect(met.obliged)
        #expect(met.criteriaMet.map(\.rule.rule) == [.petitionAdultResidents])
    }

    @Test("1/5 of households: 9 of 50 is one short, 10 is enough")
    func households() {
        #expect(!read(households: 9).obliged)
        #expect(read(households: 9).households.check.missing == 1)
        #expect(read(households: 10).criteriaMet.map(\.rule.rule) == [.petitionHouseholds])
    }

    @Test("1/3 of residents' groups: 1 of 6 is short, 2 is exactly 1/3 and enough")
    func groups() {
        #expect(!read(groups: 1).obliged)
        #expect(read(groups: 2).criteriaMet.map(\.rule.rule) == [.petitionResidentsGroups])
        var seven = Area.roll
        seven.residentsGroups.insert("g7")
        let r = rules.read(PetitionSignatures(residentsGroups: Area.groups(2)), roll: seven, on: Area.countedOn)
        #expect(!r.obliged && r.residentsGroups.check.required == 3, "1/3 of 7 is 2.33: 3 needed")
    }

    @Test("any one suffices, and the reading names every one met")
    func anyOne() {
        let r = read(adults: 5, households: 10, groups: 2)
        #expect(r.obliged)
        #expect(r.criteriaMet.map(\.rule.rule) == [.petitionHouseholds, .petitionResidentsGroups])
        #expect(!r.adultResidents.met && r.adultResidents.check.missing == 15)
    }

    @Test("a child's, an outsider's and a second signature are set aside, each with its rule")
    func setAside() {
        let signatures = PetitionSignatures(residents: Area.adults(19) + ["child1", "stranger", "adult1"], households: ["h1", "h1", "h99"])
        let r = rules.read(signatures, roll: Area.roll, on: Area.countedOn)
        #expect(r.adultResidents.check.count == 19)
        #expect(r.households.check.count == 1)
        #expect(r.setAside.map(\.rule) == [.signerUnderAge, .signerNotOnRoll, .duplicateSignature, .duplicateSignature, .signerNotOnRoll])
        #expect(r.setAside.map(\.subject) == ["child1", "stranger", "adult1", "h1", "h99"])
    }

    @Test("a resident signs from their eighteenth birthday")
    func comingOfAge() {
        var roll = Area.roll
        roll.residents["eighteen"] = CivilDate(year: 2008, month: 9, day: 28)!
        roll.residents["almost"] = CivilDate(year: 2008, month: 9, day: 29)!
        let r = rules.read(PetitionSignatures(residents: ["eighteen", "almost"]), roll: roll, on: Area.countedOn)
        #expect(r.adultResidents.check.count == 1)
        #expect(r.adultResidents.check.base == 101)
        #expect(r.setAside.map(\.subject) == ["almost"])
    }

    @Test("RULES.md gives no period for holding the assembly, so there is no date unless the rule set sets one")
    func noPeriod() {
        let r = read(households: 10)
        #expect(r.obliged)
        #expect(r.mustBeHeldBy == nil)
        #expect(r.holdingRule.rule == .petitionHoldingPeriod)
    }

    @Test("with a period set: calendar days, or working days across the National Day holiday")
    func period() throws {
        var calendarDays = rules
        calendarDays.holdWithin = .init(days: 15, workingDays: false)
        let r = calendarDays.read(PetitionSignatures(residentsGroups: Area.groups(2)), roll: Area.roll, on: Area.countedOn)
        #expect(r.mustBeHeldBy == CivilDate(year: 2026, month: 10, day: 13))

        var working = rules
        working.holdWithin = .init(days: 5, workingDays: true)
        let calendar = HolidayCalendar(try HolidayCalendar.parse(csv: nationalDay2026))
        let w = working.read(PetitionSignatures(residentsGroups: Area.groups(2)), roll: Area.roll, on: Area.countedOn, calendar: calendar)
        // 9-29, 9-30, then the holiday to 10-07; 10-08, 10-09, 10-10 (a make-up Saturday).
        #expect(w.mustBeHeldBy == CivilDate(year: 2026, month: 10, day: 10))
        #expect(w.mustBeHeldByConfirmed)

        let notYet = working.read(PetitionSignatures(residentsGroups: Area.groups(1)), roll: Area.roll, on: Area.countedOn, calendar: calendar)
        #expect(notYet.mustBeHeldBy == nil, "no obligation, no date")
    }
}
