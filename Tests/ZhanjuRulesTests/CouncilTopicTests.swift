import Testing
import ZhanjuRules

@Suite("Topics are published once enough residents co-sign")
struct CouncilTopicTests {
    let rules = TopicRules.standard

    func signatures(_ n: Int, households: Int = 100) -> [CoSignature] {
        n == 0 ? [] : (1...n).map { CoSignature(resident: "r\($0)", household: "h\($0 % households)") }
    }

    @Test("ten co-signers by default: nine is one short, ten publishes")
    func threshold() {
        let nine = rules.read(author: "author", coSignatures: signatures(9))
        #expect(!nine.publishable)
        #expect(nine.coSigners.missing == 1)
        #expect(nine.coSigners.rule.rule == .topicCoSignatures)
        #expect(rules.read(author: "author", coSignatures: signatures(10)).publishable)
    }

    @Test("the author's own signature and a second one from the same resident do not count")
    func setAside() {
        let r = rules.read(author: "r1", coSignatures: signatures(10) + [CoSignature(resident: "r2", household: "h2")])
        #expect(r.coSigners.count == 9)
        #expect(!r.publishable)
        #expect(r.setAside.map(\.rule) == [.authorCannotCoSign, .duplicateSignature])
    }

    @Test("only residents of the area count, when the roll is given")
    func eligible() {
        let r = rules.read(author: "a", coSignatures: signatures(10), eligible: Set((1...9).map { "r\($0)" }))
        #expect(r.coSigners.count == 9)
        #expect(r.setAside.first?.rule == .signerNotOnRoll && r.setAside.first?.subject == "r10")
    }

    @Test("a rule set may also ask for several households")
    func households() {
        let spread = TopicRules(name: "spread", coSigners: 10, coSignerHouseholds: 5)
        let fourHouseholds = spread.read(author: "a", coSignatures: signatures(12, households: 4))
        #expect(fourHouseholds.coSigners.met)
        #expect(fourHouseholds.households?.missing == 1)
        #expect(fourHouseholds.households?.rule.rule == .topicCoSignatureHouseholds)
        #expect(!fourHouseholds.publishable)
        #expect(spread.read(author: "a", coSignatures: signatures(12, households: 5)).publishable)
    }
}
