import Testing
@testable import ZhanjuRules

@Suite("Citizen ID numbers (GB 11643-1999)")
struct IDNumberTests {
    @Test("the published example number has check character X")
    func publishedExample() throws {
        // 11010519491231002X is the standard's worked example.
        let id = try IDNumber("11010519491231002X")
        #expect(id.birthDate == CivilDate(year: 1949, month: 12, day: 31))
        #expect(id.sex == .female)
        #expect(id.regionCode == "110105")
    }

    @Test("lower-case x is accepted and normalised")
    func lowerCaseX() throws {
        #expect(try IDNumber("11010519491231002x").value == "11010519491231002X")
    }

    @Test("a wrong check character is refused", arguments: ["110105194912310021", "110105194912310020"])
    func wrongCheck(_ raw: String) {
        #expect(throws: IDNumber.Problem.checkDigit) { try IDNumber(raw) }
    }

    @Test("wrong length, characters, region and impossible dates are refused separately")
    func shapeProblems() {
        #expect(throws: IDNumber.Problem.length) { try IDNumber("1101051949123100") }
        #expect(throws: IDNumber.Problem.characters) { try IDNumber("11010519491231A02X") }
        #expect(throws: IDNumber.Problem.region) { try IDNumber("990105194912310023") }
        #expect(throws: IDNumber.Problem.birthDate) { try IDNumber("110105194902300023") }
    }

    @Test("the number must agree with the resident's birth date and sex")
    func consistency() throws {
        let born = CivilDate(year: 1949, month: 12, day: 31)!
        _ = try IDNumber("11010519491231002X", birthDate: born, sex: .female)
        #expect(throws: IDNumber.Problem.sexMismatch) { try IDNumber("11010519491231002X", birthDate: born, sex: .male) }
        #expect(throws: IDNumber.Problem.birthDateMismatch) {
            try IDNumber("11010519491231002X", birthDate: CivilDate(year: 1950, month: 1, day: 1)!, sex: .female)
        }
    }

    @Test("generated numbers validate and carry the birth date and sex asked for")
    func generated() throws {
        var day = CivilDate(year: 1930, month: 1, day: 1)!
        for i in 0..<2_000 {
            let sex: Sex = i % 2 == 0 ? .male : .female
            let id = IDNumber.make(region: "510107", birthDate: day, sex: sex, sequence: i)
            let reparsed = try IDNumber(id.value, birthDate: day, sex: sex)
            #expect(reparsed == id)
            day = day.adding(days: 13)
        }
    }
}

@Suite("Masking personal numbers (PIPL)")
struct MaskingTests {
    @Test func idNumbersKeepCityAndLastFour() {
        #expect(Masking.idNumber("510104199001011234") == "5101**********1234")
    }
    @Test func phonesKeepPrefixAndLastFour() {
        #expect(Masking.phone("13812345678") == "138****5678")
    }
    @Test func shortValuesAreFullyMasked() {
        #expect(Masking.phone("12345") == "*****")
    }
}

@Suite("Civil dates")
struct CivilDateTests {
    @Test func dayNumbersRoundTrip() {
        for n in stride(from: -40_000, to: 40_000, by: 17) {
            #expect(CivilDate(dayNumber: n).dayNumber == n)
        }
        #expect(CivilDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
    }
    @Test func strictISOParsing() {
        #expect(CivilDate(iso: "2026-02-29") == nil)
        #expect(CivilDate(iso: "2024-02-29") != nil)
        #expect(CivilDate(iso: "2026-1-01") == nil)
        #expect(CivilDate(iso: "2026-01-01T00:00") == nil)
    }
    @Test("age counts whole years; a 29 February birthday comes of age on 1 March")
    func age() {
        let born = CivilDate(year: 2008, month: 2, day: 29)!
        #expect(born.age(on: CivilDate(year: 2026, month: 2, day: 28)!) == 17)
        #expect(born.age(on: CivilDate(year: 2026, month: 3, day: 1)!) == 18)
    }
}
