import Foundation
import Testing
import ZhanjuRules

@Suite("The public ballot log: a hash chain anyone can recompute, with the count")
struct ElectionBallotLogTests {
    let rules = ElectionRuleSet.residentsCommittee
    let round = ElectionRound(number: 1, posts: [
        .init(post: .chair, kind: .first, seats: 1, candidates: ["a", "b"]),
        .init(post: .member, kind: .first, seats: 3, candidates: ["m1", "m2", "m3", "m4"]),
    ])

    /// The published test vector: three ballots of election E-2026-WR. The hashes were computed
    /// independently (Python's hashlib: SHA-256 of previous hash, U+001F, canonical text).
    static let vector: [(entry: BallotLogEntry, canonical: String, hash: String)] = [
        (BallotLogEntry(sequence: 1, election: "E-2026-WR", round: 1, receipt: "K7M2-Q9",
                        ballot: Ballot(marks: [.chair: [.candidate("a")], .member: [.candidate("m2"), .candidate("m1"), .writeIn("v9")]])),
         #"{"election":"E-2026-WR","format":1,"marks.chair.1":"c:a","marks.member.1":"c:m1","marks.member.2":"c:m2","marks.member.3":"w:v9","receipt":"K7M2-Q9","round":1,"sequence":1}"#,
         "63e15051c0693a5ab944beb2d4b60d4e76b698ca173a4786d93f336d6f78d332"),
        (BallotLogEntry(sequence: 2, election: "E-2026-WR", round: 1, receipt: "P3X8-T4", ballot: .spoiltBallot),
         #"{"election":"E-2026-WR","format":1,"receipt":"P3X8-T4","round":1,"sequence":2,"spoilt":1}"#,
         "3e4aa5ba2b4c7fb73be392b3ec451cce8a69b3ba15033e9501996362949ce5dd"),
        (BallotLogEntry(sequence: 3, election: "E-2026-WR", round: 1, receipt: "H6N5-R2",
                        ballot: Ballot(marks: [.chair: [], .member: [.unidentified, .candidate("m3")]])),
         #"{"election":"E-2026-WR","format":1,"marks.member.1":"c:m3","marks.member.2":"u","receipt":"H6N5-R2","round":1,"sequence":3}"#,
         "bad4edacc7ce87987c05572e6847151e1ab73e6e2b6a55ad60b79febb6a0a257"),
    ]

    @Test("the published test vector: canonical text and chained hashes")
    func testVector() {
        let records = BallotLog.chain(Self.vector.map(\.entry))
        for (record, expected) in zip(records, Self.vector) {
            #expect(record.entry.canonical == expected.canonical)
            #expect(record.hash == expected.hash)
        }
        #expect(records[0].previous == HashChain.genesis)
        let check = BallotLog.verify(records, election: "E-2026-WR", rounds: [round], rules: rules, publishedHead: Self.vector[2].hash)
        #expect(check.firstProblem == nil && check.entries == 3 && check.head == Self.vector[2].hash)
        let chair = check.results[0].post(.chair)!
        #expect(chair.votes(for: "a") == 1 && chair.voidBallots == 1 && chair.blankBallots == 1)
    }

    @Test("the canonical text does not depend on the order marks were made in")
    func orderFree() {
        let a = BallotLogEntry(sequence: 1, election: "e", round: 1, receipt: "r", ballot: Ballot(marks: [.member: [.candidate("m1"), .candidate("m2")], .chair: [.candidate("a")]]))
        let b = BallotLogEntry(sequence: 1, election: "e", round: 1, receipt: "r", ballot: Ballot(marks: [.chair: [.candidate("a")], .member: [.candidate("m2"), .candidate("m1")]]))
        #expect(a.canonical == b.canonical)
    }

    /// 600 ballots: a 350, b 250; m1 600, m2 350, m3 350, m4 250.
    func election() -> (records: [BallotLogRecord], published: PublishedCount) {
        let box = ballots(350, [.chair: ["a"], .member: ["m1", "m2", "m3"]]) + ballots(250, [.chair: ["b"], .member: ["m1", "m4"]])
        let entries = box.enumerated().map { BallotLogEntry(sequence: $0.offset + 1, election: "E1", round: 1, receipt: "R\($0.offset + 1)", ballot: $0.element) }
        let result = rules.tally(round, ballots: box, registeredVoters: 1_000, ballotsIssued: 600)
        return (BallotLog.chain(entries), PublishedCount(result))
    }

    func verify(_ records: [BallotLogRecord], _ published: PublishedCount, head: String? = nil) -> BallotLogVerification {
        BallotLog.verify(records, election: "E1", rounds: [round], rules: rules, published: [published], publishedHead: head)
    }

    @Test("an honest log verifies, and its recount elects whom the committee announced")
    func honest() {
        let (records, published) = election()
        let check = verify(records, published, head: records.last!.hash)
        #expect(check.firstProblem == nil)
        #expect(check.results[0].elected.map(\.person) == ["a", "m1", "m2", "m3"])
        #expect(check.explanation.rule == .ballotLog)
        #expect(check.explanation.en == "600 ballots; the hash chain is whole and the count matches the announced result")
    }

    @Test("a changed ballot breaks its own link")
    func tampered() {
        var (records, published) = election()
        records[41].entry.ballot.marks[.chair] = [.candidate("b")]
        #expect(verify(records, published).firstProblem == .chain(.contentChanged(sequence: 42)))
    }

    @Test("a long log is checked in batches without losing its place: a change past the first batch is found")
    func longLog() {
        let entries = ballots(5_000, [.chair: ["a"]]).enumerated().map { BallotLogEntry(sequence: $0.offset + 1, election: "E1", round: 1, receipt: "R\($0.offset + 1)", ballot: $0.element) }
        var records = BallotLog.chain(entries)
        #expect(BallotLog.verify(records, election: "E1", rounds: [round], rules: rules, publishedHead: records.last!.hash).firstProblem == nil)
        records[4_499].entry.ballot = .spoiltBallot
        #expect(BallotLog.verify(records, election: "E1", rounds: [round], rules: rules).firstProblem == .chain(.contentChanged(sequence: 4_500)))
    }

    @Test("a removed ballot leaves a gap; a reordered one breaks the link")
    func removedAndReordered() {
        var (records, published) = election()
        var removed = records
        removed.remove(at: 99)
        #expect(verify(removed, published).firstProblem == .chain(.gap(after: 99, next: 101)))
        records.swapAt(10, 11)
        #expect(verify(records, published).firstProblem == .chain(.gap(after: 10, next: 12)))
    }

    @Test("a log rewritten from a changed ballot onwards no longer ends at the published head, and its count differs")
    func rewritten() {
        let (records, published) = election()
        var entries = records.map(\.entry)
        entries[0].ballot.marks[.chair] = [.candidate("b")]
        let forged = BallotLog.chain(entries)
        let check = verify(forged, published, head: records.last!.hash)
        #expect(check.firstProblem == .headDiffers(published: records.last!.hash, recomputed: forged.last!.hash))
        #expect(verify(forged, published).firstProblem == .countDiffers(round: 1, post: .chair, person: "a", published: 350, recomputed: 349))
    }

    @Test("ballots cut off the end: the count of ballots cast differs")
    func truncated() {
        let (records, published) = election()
        #expect(verify(Array(records.dropLast(5)), published).firstProblem == .ballotsCastDiffer(round: 1, published: 600, recomputed: 595))
    }

    @Test("a receipt twice, another election's entry or an unknown round is named")
    func entryProblems() {
        let (records, published) = election()
        var entries = records.map(\.entry)
        entries[7].receipt = "R3"
        #expect(verify(BallotLog.chain(entries), published).firstProblem == .duplicateReceipt(sequence: 8, receipt: "R3"))
        entries = records.map(\.entry)
        entries[4].election = "E2"
        #expect(verify(BallotLog.chain(entries), published).firstProblem == .wrongElection(sequence: 5, election: "E2"))
        entries = records.map(\.entry)
        entries[5].round = 2
        #expect(verify(BallotLog.chain(entries), published).firstProblem == .unknownRound(sequence: 6, round: 2))
    }

    @Test("a log exported as JSON and read back verifies offline")
    func jsonRoundTrip() throws {
        let (records, published) = election()
        let data = try JSONEncoder().encode(records)
        let read = try JSONDecoder().decode([BallotLogRecord].self, from: data)
        let announced = try JSONDecoder().decode(PublishedCount.self, from: try JSONEncoder().encode(published))
        let rounds = try JSONDecoder().decode([ElectionRound].self, from: try JSONEncoder().encode([round]))
        #expect(BallotLog.verify(read, election: "E1", rounds: rounds, rules: rules, published: [announced], publishedHead: records.last!.hash).firstProblem == nil)
    }

    @Test("a further round continues the chain and is recounted with those already elected passed over")
    func furtherRound() throws {
        // a 350 and m1 530 of 600 elected; m2 280, m3 250, m4 70: two member seats open.
        let box = ballots(280, [.chair: ["a"], .member: ["m1", "m2"]]) + ballots(250, [.chair: ["b"], .member: ["m1", "m3"]]) + ballots(70, [.chair: ["a"], .member: ["m4"]])
        let first = rules.tally(round, ballots: box, registeredVoters: 1_000, ballotsIssued: 600)
        let plan = rules.nextRound(after: first, of: round)
        let second = try #require(plan.round)
        #expect(second.posts == [.init(post: .member, kind: .further, seats: 2, candidates: ["m2", "m3", "m4"])])
        let box2 = ballots(400, [.member: ["m2", "m3"]]) + ballots(160, [.member: ["m4", "m1"]])
        let result2 = rules.tally(second, ballots: box2, registeredVoters: 1_000, ballotsIssued: 560, alreadyElected: Set(first.elected.map(\.person)))
        #expect(result2.elected.map(\.person) == ["m2", "m3"])

        let entries = (box.map { (1, $0) } + box2.map { (2, $0) }).enumerated().map {
            BallotLogEntry(sequence: $0.offset + 1, election: "E1", round: $0.element.0, receipt: "R\($0.offset + 1)", ballot: $0.element.1)
        }
        let check = BallotLog.verify(BallotLog.chain(entries), election: "E1", rounds: [round, second], rules: rules,
                                     published: [PublishedCount(first), PublishedCount(result2)])
        #expect(check.firstProblem == nil)
        #expect(check.results.map { $0.elected.map(\.person) } == [["a", "m1"], ["m2", "m3"]])
    }
}

@Suite("The ballot log as lines: the same chain and count, read without a JSON decoder")
struct ElectionBallotLogLinesTests {
    let base = ElectionBallotLogTests()
    struct Header: Encodable { var election: String }

    func check(_ data: Data, head: String?, published: [PublishedCount]) throws -> BallotLogVerification {
        let (_, start) = try #require(BallotLogLines.header(of: data))
        return try BallotLogLines.verify(data, from: start, election: "E1", rounds: [base.round], rules: base.rules, published: published, publishedHead: head)
    }

    @Test("the published test vector reads the same as lines: each line's hash covers exactly its text")
    func vector() throws {
        let records = BallotLog.chain(ElectionBallotLogTests.vector.map(\.entry))
        let data = try BallotLogLines.write(header: Header(election: "E-2026-WR"), records: records)
        let text = String(decoding: data, as: UTF8.self).split(separator: "\n")
        #expect(text[0] == "zhanju-ballot-log 2" && text[2] == ElectionBallotLogTests.vector[0].hash + " " + ElectionBallotLogTests.vector[0].canonical)
        let (_, start) = try #require(BallotLogLines.header(of: data))
        let check = try BallotLogLines.verify(data, from: start, election: "E-2026-WR", rounds: [base.round], rules: base.rules, published: [],
                                              publishedHead: ElectionBallotLogTests.vector[2].hash)
        #expect(check.firstProblem == nil && check.entries == 3)
        let chair = check.results[0].post(.chair)!
        #expect(chair.votes(for: "a") == 1 && chair.voidBallots == 1 && chair.blankBallots == 1)
    }

    @Test("600 ballots verify and recount as the records do; a changed byte, a removed line, a doubled receipt or a cut end fails, named")
    func tampering() throws {
        let (records, published) = base.election()
        let head = records.last!.hash
        let data = try BallotLogLines.write(header: Header(election: "E1"), records: records)
        let whole = try check(data, head: head, published: [published])
        #expect(whole.firstProblem == nil && whole.entries == 600)
        #expect(whole.results == base.verify(records, published, head: head).results)

        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var flipped = lines
        flipped[2 + 399] = flipped[2 + 399].replacingOccurrences(of: "\"c:b\"", with: "\"c:a\"")
        #expect(try check(Data(flipped.joined(separator: "\n").utf8), head: head, published: [published]).firstProblem == .chain(.contentChanged(sequence: 400)))
        var removed = lines
        removed.remove(at: 2 + 99)
        #expect(try check(Data(removed.joined(separator: "\n").utf8), head: head, published: [published]).firstProblem == .chain(.contentChanged(sequence: 100)))
        let cut = Array(lines.prefix(2 + 599)) + [""]
        #expect(try check(Data(cut.joined(separator: "\n").utf8), head: head, published: [published]).firstProblem
                == .headDiffers(published: head, recomputed: records[598].hash))
        lines[2 + 599] = "not a ballot"
        #expect(throws: BallotLogLines.Malformed.self) { try check(Data(lines.joined(separator: "\n").utf8), head: head, published: [published]) }
    }

    @Test("a recount that differs from the announced count is named, as with the records")
    func recount() throws {
        let (records, published) = base.election()
        var claimed = published
        claimed.votes[.chair]?["a"] = 351
        let data = try BallotLogLines.write(header: Header(election: "E1"), records: records)
        #expect(try check(data, head: records.last!.hash, published: [claimed]).firstProblem
                == .countDiffers(round: 1, post: .chair, person: "a", published: 351, recomputed: 350))
    }
}
