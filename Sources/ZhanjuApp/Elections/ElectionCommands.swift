import Foundation
import ZhanjuRules

/// `zhanju election verify LOGFILE`: checks a downloaded ballot log without the server or its
/// database: the hash chain from genesis, each entry's election, round and receipt, the head
/// published with the result, then recounts every round with the election's rule set and
/// compares it with the announced counts. The first broken link or differing count fails it.
public enum ElectionCommands {
    public static func verify(file path: String) throws -> String {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw AccessCommands.CommandFailure(message: "Cannot read \(path): \(error.localizedDescription)")
        }
        return try verify(data: data)
    }

    public static func verify(data: Data) throws -> String {
        let file: ElectionRead.LogHeader
        let result: BallotLogVerification
        if BallotLogLines.isLines(data) {
            // The log as lines (`/log/lines`): a header, then one ballot per line.
            guard let (headerData, start) = BallotLogLines.header(of: data),
                  let header = try? JSONDecoder().decode(ElectionRead.LogHeader.self, from: headerData), header.format == 2 else {
                throw AccessCommands.CommandFailure(message: "Not a Zhanju ballot log: the header line cannot be read.")
            }
            file = header
            do {
                result = try BallotLogLines.verify(data, from: start, election: file.election, rounds: file.rounds, rules: file.rules,
                                                   published: file.published, publishedHead: file.head)
            } catch {
                throw AccessCommands.CommandFailure(message: "Ballot log of election \(file.election) does NOT verify: \(error).")
            }
        } else {
            let whole: ElectionRead.LogFile
            do { whole = try JSONDecoder().decode(ElectionRead.LogFile.self, from: data) } catch {
                throw AccessCommands.CommandFailure(message: "Not a Zhanju ballot log: \(error)")
            }
            guard whole.format == 1 else { throw AccessCommands.CommandFailure(message: "Unknown ballot log format \(whole.format).") }
            file = ElectionRead.LogHeader(format: whole.format, election: whole.election, rules: whole.rules, rounds: whole.rounds, published: whole.published, head: whole.head)
            result = BallotLog.verify(whole.records, election: whole.election, rounds: whole.rounds, rules: whole.rules,
                                      published: whole.published, publishedHead: whole.head)
        }
        var lines: [String] = []
        for round in result.results {
            lines.append("round \(round.round): \(round.ballotsCast) ballots of \(round.registeredVoters) voters, \(round.valid ? "valid" : "void")")
            for post in round.posts {
                let counts = post.counts.map { "\(file.rounds.first { $0.number == round.round }?.name($0.person) ?? $0.person) \($0.votes)" }.joined(separator: ", ")
                lines.append("  \(post.post.en): \(counts)\(post.elected.isEmpty ? "" : "; elected: " + post.elected.map { file.rounds.first { $0.number == round.round }?.name($0.person) ?? $0.person }.joined(separator: ", "))")
            }
        }
        if let problem = result.firstProblem {
            throw AccessCommands.CommandFailure(message: "Ballot log of election \(file.election) does NOT verify: \(problem).")
        }
        let announced = file.published.isEmpty ? "no count announced yet" : "the count matches the \(file.published.count) announced round(s)"
        return (["Ballot log of election \(file.election) verifies: \(result.entries) ballots, the hash chain is whole (head \(result.head)), \(announced)."] + lines)
            .joined(separator: "\n")
    }
}
