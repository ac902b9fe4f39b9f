/// One ballot in an election's public, hash-chained log: what was cast and its receipt code, with
/// no voter and no time. Each election is its own chain; further rounds continue it.
public struct BallotLogEntry: Codable, Hashable, Sendable {
    public var sequence: Int
    public var election: String
    public var round: Int
    /// The short code the voter keeps to find their ballot in the log.
    public var receipt: String
    public var ballot: Ballot
    /// Which canonical form the hash covers (`CanonicalForm`); 1 so far.
    public var format: Int

    public init(sequence: Int, election: String, round: Int, receipt: String, ballot: Ballot, format: Int = CanonicalForm.currentFormat) {
        self.sequence = sequence
        self.election = election
        self.round = round
        self.receipt = receipt
        self.ballot = ballot
        self.format = format
    }

    /// The text the chain hashes, in `CanonicalForm` format 1: an object with `election`,
    /// `format`, `receipt`, `round`, `sequence`, `spoilt` (1, only when spoilt) and one key per
    /// mark, `marks.<post>.<n>`, whose value is `c:<person>` for a printed candidate,
    /// `w:<person>` for a write-in or `u` for a name nobody could identify; a post's marks are
    /// sorted by that value and numbered from 1. A blank post has no keys.
    public var canonical: String { canonical(marks: Self.marksText(ballot)) }

    /// The canonical text with the ballot's marks already written (`marksText`), which a log
    /// of many ballots alike computes once per distinct ballot. The keys sort as `election`,
    /// `format`, the `marks.` keys, `receipt`, `round`, `sequence`, `spoilt`, so the text is
    /// put together in that order; a test holds it to `CanonicalForm.object` of all the fields.
    public func canonical(marks: String) -> String {
        var out = "{\"election\":" + CanonicalForm.string(election) + ",\"format\":" + String(format) + ","
        if !marks.isEmpty { out += marks + "," }
        out += "\"receipt\":" + CanonicalForm.string(receipt) + ",\"round\":" + String(round) + ",\"sequence\":" + String(sequence)
        if ballot.spoilt { out += ",\"spoilt\":1" }
        return out + "}"
    }

    /// A ballot's `marks.<post>.<n>` fields in canonical form, without braces ("" for none).
    public static func marksText(_ ballot: Ballot) -> String {
        var fields: [String: CanonicalForm.Value?] = [:]
        for (post, marks) in ballot.marks {
            for (i, code) in marks.map(Self.code).sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }).enumerated() {
                fields["marks.\(post.rawValue).\(i + 1)"] = .string(code)
            }
        }
        guard !fields.isEmpty else { return "" }
        return String(CanonicalForm.object(fields).dropFirst().dropLast())
    }

    static func code(_ mark: BallotMark) -> String {
        switch mark {
        case .candidate(let person): return "c:" + person
        case .writeIn(let person): return "w:" + person
        case .unidentified: return "u"
        }
    }
}

/// An entry as published: with the hash of the entry before it and its own.
public struct BallotLogRecord: Codable, Hashable, Sendable {
    public var entry: BallotLogEntry
    public var previous: String
    public var hash: String

    public init(entry: BallotLogEntry, previous: String, hash: String) {
        self.entry = entry
        self.previous = previous
        self.hash = hash
    }
}

/// The count an election committee announced for one round, as the log's verifier checks it.
public struct PublishedCount: Codable, Hashable, Sendable {
    public var round: Int
    public var registeredVoters: Int
    public var ballotsIssued: Int
    public var ballotsCast: Int
    /// Votes per post per person, as announced.
    public var votes: [CommitteePost: [String: Int]]

    public init(round: Int, registeredVoters: Int, ballotsIssued: Int, ballotsCast: Int, votes: [CommitteePost: [String: Int]]) {
        self.round = round
        self.registeredVoters = registeredVoters
        self.ballotsIssued = ballotsIssued
        self.ballotsCast = ballotsCast
        self.votes = votes
    }

    /// What a round's count announces.
    public init(_ result: RoundResult) {
        self.init(round: result.round, registeredVoters: result.registeredVoters, ballotsIssued: result.ballotsIssued, ballotsCast: result.ballotsCast,
                  votes: Dictionary(uniqueKeysWithValues: result.posts.map { post in (post.post, Dictionary(uniqueKeysWithValues: post.counts.map { ($0.person, $0.votes) })) }))
    }
}

/// What an offline check of a ballot log found: the first problem, if any, and the count it
/// recomputed for each round.
public struct BallotLogVerification: Sendable, Equatable {
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        /// A link of the chain is broken: content changed, an entry removed, inserted or reordered.
        case chain(HashChain.Break)
        case unknownFormat(sequence: Int, format: Int)
        case wrongElection(sequence: Int, election: String)
        case unknownRound(sequence: Int, round: Int)
        case duplicateReceipt(sequence: Int, receipt: String)
        /// The chain ends elsewhere than the head published with the result (entries cut off the end).
        case headDiffers(published: String, recomputed: String)
        case ballotsCastDiffer(round: Int, published: Int, recomputed: Int)
        case countDiffers(round: Int, post: CommitteePost, person: String, published: Int, recomputed: Int)

        public var description: String {
            switch self {
            case .chain(let b): return b.description
            case .unknownFormat(let s, let f): return "entry \(s): unknown canonical form \(f)"
            case .wrongElection(let s, let e): return "entry \(s): belongs to election \(e)"
            case .unknownRound(let s, let r): return "entry \(s): round \(r) is not in the election"
            case .duplicateReceipt(let s, let r): return "entry \(s): receipt \(r) appears twice"
            case .headDiffers(let p, let r): return "the log ends at \(r), not at the published \(p)"
            case .ballotsCastDiffer(let round, let p, let r): return "round \(round): \(r) ballots in the log, \(p) announced"
            case .countDiffers(let round, let post, let person, let p, let r): return "round \(round), \(post.en), \(person): \(r) votes in the log, \(p) announced"
            }
        }
    }

    public var entries: Int
    /// The hash of the last entry (genesis for an empty log).
    public var head: String
    public var firstProblem: Problem?
    /// The count recomputed from the log, per round, with the rule set's validity and thresholds.
    public var results: [RoundResult]

    public var explanation: ElectionExplanation {
        if let firstProblem {
            return .init(.ballotLog, zh: "选票日志核验未通过:\(firstProblem)", en: "the ballot log does not verify: \(firstProblem)")
        }
        return .init(.ballotLog, zh: "选票日志 \(entries) 条,哈希链完整,计票与公布结果一致", en: "\(entries) ballots; the hash chain is whole and the count matches the announced result")
    }
}

/// Building and checking an election's ballot log. The check needs nothing but the published
/// log, the rounds (posts, seats, candidates) and the announced counts, so anyone can run it
/// offline (`zhanju election verify`).
public enum BallotLog {
    /// The record for `entry` appended after the entry whose hash is `previous` (genesis first).
    public static func record(_ entry: BallotLogEntry, after previous: String) -> BallotLogRecord {
        BallotLogRecord(entry: entry, previous: previous, hash: HashChain.link(previous: previous, content: entry.canonical))
    }

    /// Chains entries in order from genesis.
    public static func chain(_ entries: [BallotLogEntry]) -> [BallotLogRecord] {
        var previous = HashChain.genesis
        return entries.map { entry in
            let r = record(entry, after: previous)
            previous = r.hash
            return r
        }
    }

    /// Checks a whole log: the chain from genesis, each entry's election, round and receipt, the
    /// head published with the result (when given), then recounts each round with the rule set
    /// and compares it with the announced counts (when given), naming the first difference.
    public static func verify(_ records: [BallotLogRecord], election: String, rounds: [ElectionRound], rules: ElectionRuleSet,
                              published: [PublishedCount] = [], publishedHead: String? = nil) -> BallotLogVerification {
        var verification = BallotLogVerification(entries: records.count, head: HashChain.genesis, firstProblem: nil, results: [])
        // In batches, so a log of millions never holds every canonical text at once.
        var last = (sequence: 0, hash: HashChain.genesis)
        var start = 0
        while start < records.count {
            let batch = records[start..<min(start + 4_096, records.count)]
            let chained = batch.map { HashChain.Entry(sequence: $0.entry.sequence, content: $0.entry.canonical, previous: $0.previous, hash: $0.hash) }
            let (chainBreak, reached) = HashChain.verify(chained, from: last)
            last = reached
            if let chainBreak {
                verification.head = last.hash
                verification.firstProblem = .chain(chainBreak)
                return verification
            }
            start += batch.count
        }
        verification.head = last.hash

        let roundNumbers = Set(rounds.map(\.number))
        var receipts: Set<String> = []
        var ballotsByRound: [Int: [Ballot]] = [:]
        for record in records {
            let e = record.entry
            let problem: BallotLogVerification.Problem? =
                e.format != CanonicalForm.currentFormat ? .unknownFormat(sequence: e.sequence, format: e.format)
                : e.election != election ? .wrongElection(sequence: e.sequence, election: e.election)
                : !roundNumbers.contains(e.round) ? .unknownRound(sequence: e.sequence, round: e.round)
                : !receipts.insert(e.receipt).inserted ? .duplicateReceipt(sequence: e.sequence, receipt: e.receipt)
                : nil
            if let problem {
                verification.firstProblem = problem
                return verification
            }
            ballotsByRound[e.round, default: []].append(e.ballot)
        }
        if let publishedHead, publishedHead != last.hash {
            verification.firstProblem = .headDiffers(published: publishedHead, recomputed: last.hash)
            return verification
        }

        var byRound: [Int: [(ballot: Ballot, count: Int)]] = [:]
        for (round, ballots) in ballotsByRound { byRound[round] = ballots.map { (ballot: $0, count: 1) } }
        recount(&verification, byRound: byRound, rounds: rounds, rules: rules, published: published)
        return verification
    }

    /// Recounts each round with the rule set and compares it with the announced counts (when
    /// given), recording the first difference.
    static func recount(_ verification: inout BallotLogVerification, byRound: [Int: [(ballot: Ballot, count: Int)]], rounds: [ElectionRound],
                        rules: ElectionRuleSet, published: [PublishedCount]) {
        var alreadyElected: Set<String> = []
        for round in rounds.sorted(by: { $0.number < $1.number }) {
            let ballots = byRound[round.number] ?? []
            let announced = published.first { $0.round == round.number }
            let result = rules.tally(round, counted: ballots, registeredVoters: announced?.registeredVoters ?? ballots.reduce(0) { $0 + $1.count },
                                     ballotsIssued: announced?.ballotsIssued ?? ballots.reduce(0) { $0 + $1.count }, alreadyElected: alreadyElected)
            if result.valid { alreadyElected.formUnion(result.elected.map(\.person)) }
            verification.results.append(result)
            guard let announced, verification.firstProblem == nil else { continue }
            if announced.ballotsCast != result.ballotsCast {
                verification.firstProblem = .ballotsCastDiffer(round: round.number, published: announced.ballotsCast, recomputed: result.ballotsCast)
                continue
            }
            for post in result.posts {
                let claimed = announced.votes[post.post] ?? [:]
                let people = Set(claimed.keys).union(post.counts.map(\.person)).sorted()
                if let person = people.first(where: { (claimed[$0] ?? 0) != post.votes(for: $0) }) {
                    verification.firstProblem = .countDiffers(round: round.number, post: post.post, person: person,
                                                              published: claimed[person] ?? 0, recomputed: post.votes(for: person))
                    break
                }
            }
        }
    }
}
