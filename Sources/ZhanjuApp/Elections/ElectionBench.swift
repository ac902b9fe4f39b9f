import Foundation
import ZhanjuRules

/// `zhanju bench election`: the offline check at scale (issue 12: tally and verify 1,000,000
/// ballots in under 2 s). Builds a log of N ballots for a committee of five (chair, deputy and
/// three members, eight candidates), writes it as the server publishes it (as lines, `/log/lines`), then times what
/// `zhanju election verify` does with the file: read it, recompute the chain, recount.
public enum ElectionBench {
    public static func run(ballots count: Int, path: String = FileManager.default.temporaryDirectory.appendingPathComponent("zhanju-bench-ballot-log.json").path) throws -> String {
        let rules = ElectionRuleSet.residentsCommittee
        let round = ElectionRound(number: 1, posts: [
            .init(post: .chair, kind: .first, seats: 1, candidates: ["P1", "P2"]),
            .init(post: .deputyChair, kind: .first, seats: 1, candidates: ["P3", "P4"]),
            .init(post: .member, kind: .first, seats: 3, candidates: ["P5", "P6", "P7", "P8"]),
        ])
        var rng = SystemRandomNumberGenerator()
        let started = Date()
        var entries: [BallotLogEntry] = []
        entries.reserveCapacity(count)
        for i in 1...count {
            let r = Int(rng.next(upperBound: UInt32(100)))
            let ballot = Ballot(marks: [.chair: [.candidate(r < 60 ? "P1" : "P2")], .deputyChair: [.candidate(r % 3 == 0 ? "P4" : "P3")],
                                        .member: [.candidate("P5"), .candidate("P6"), .candidate(r < 70 ? "P7" : "P8")]])
            entries.append(BallotLogEntry(sequence: i, election: "BENCH", round: 1, receipt: String(i, radix: 36).uppercased(), ballot: ballot))
        }
        let records = BallotLog.chain(entries)
        let result = rules.tally(round, ballots: entries.map(\.ballot), registeredVoters: count * 3 / 2, ballotsIssued: count)
        let built = Date().timeIntervalSince(started)
        let header = ElectionRead.LogHeader(format: 2, election: "BENCH", rules: rules, rounds: [round], published: [PublishedCount(result)],
                                            head: records.last?.hash)
        let data = try BallotLogLines.write(header: header, records: records)
        try data.write(to: URL(fileURLWithPath: path))
        let verifyStarted = Date()
        let report = try ElectionCommands.verify(file: path)
        let verified = Date().timeIntervalSince(verifyStarted)
        try? FileManager.default.removeItem(atPath: path)
        return """
            \(count) ballots: built, chained and tallied in \(String(format: "%.2f", built)) s; log file \(data.count / 1_048_576) MiB
            zhanju election verify (read the file, recompute the chain, recount, compare): \(String(format: "%.2f", verified)) s
            \(report.split(separator: "\n").first ?? "")
            """
    }
}
