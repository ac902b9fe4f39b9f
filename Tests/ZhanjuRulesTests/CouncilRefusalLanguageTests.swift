import Testing
import ZhanjuRules

/// A refusal's detail is shown on zh-Hans pages and in Chinese messages as well as English ones:
/// the rules give it in both, the figures the same.
@Suite("A council refusal's detail in both languages")
struct CouncilRefusalLanguageTests {
    @Test("a reserved matter names the body that may not decide and the one that must, in Chinese and in English")
    func jurisdiction() throws {
        guard case .refused(let r, let must) = JurisdictionRules.organicLaw2018.route(.residentsCompact, to: .residentsCouncil) else {
            Issue.record("a residents' compact is reserved to the residents' assembly")
            return
        }
        #expect(must == .residentsAssembly)
        #expect(r.detail == "residents_council may not decide; residents_assembly must")
        #expect(r.detailZh == "居民议事会不得决定,应由居民会议决定")
    }

    @Test("the figures of a count are the same in both languages")
    func figures() {
        let r = refusal { try MeetingRules.chengduCouncil.quorum(members: 30, present: 31) }
        #expect(r?.detail == "31 present, 30 members")
        #expect(r?.detailZh == "到会 31 人,组成人员 30 人")
    }

    @Test("a refusal made without a Chinese detail falls back to the English one, never to nothing")
    func fallback() {
        let r = CouncilRefusal(.councilSeats, detail: "31 members for 30 seats")
        #expect(r.detailZh == "31 members for 30 seats")
    }
}
