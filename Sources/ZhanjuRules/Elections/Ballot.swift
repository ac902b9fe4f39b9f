import Foundation

/// A mark on a ballot for one post.
public enum BallotMark: Codable, Hashable, Sendable {
    /// A printed candidate, by person id.
    case candidate(String)
    /// Another voter written in (另选他人), by the person id the clerks resolved the name to.
    case writeIn(String)
    /// A name written in that is nobody on the roll, or cannot be read: it counts as a name
    /// marked, but is a vote for no one.
    case unidentified
}

/// A ballot as cast: its marks per post, as the voter made them (web), or as two clerks entered
/// them from paper. No voter, no time.
public struct Ballot: Codable, Hashable, Sendable {
    /// Not an official ballot, or unreadable as a whole: void for every post, but still cast.
    public var spoilt: Bool
    public var marks: [CommitteePost: [BallotMark]]

    public init(spoilt: Bool = false, marks: [CommitteePost: [BallotMark]]) {
        self.spoilt = spoilt
        self.marks = marks
    }

    public static let spoiltBallot = Ballot(spoilt: true, marks: [:])
}

/// How one ballot reads for one post.
public struct BallotReading: Hashable, Sendable {
    public enum Status: String, Codable, Sendable {
        case valid
        /// Nothing marked for the post: an abstention, still a ballot cast.
        case blank
        /// Void for this post only (more names than seats) or for all (a spoilt ballot).
        case void
    }

    public var status: Status
    /// The people this ballot gives a vote to, for this post, each once.
    public var votes: [String]
    /// Why the ballot is blank or void, and any mark not counted.
    public var explanations: [ElectionExplanation]

    public init(status: Status, votes: [String], explanations: [ElectionExplanation]) {
        self.status = status
        self.votes = votes
        self.explanations = explanations
    }
}

extension ElectionRuleSet {
    /// Reads a ballot for one post of a round. A ballot marking more names than seats is void
    /// for that post only; a person marked twice (printed and written in) counts once; a
    /// printed candidate of another post counts as written in; write-ins count when the rule
    /// set allows them, never in a runoff.
    public func read(_ ballot: Ballot, for post: ElectionRound.Post) -> BallotReading {
        let c = classify(ballot, for: post)
        var explanations: [ElectionExplanation] = []
        switch c.status {
        case .void where ballot.spoilt:
            explanations.append(.init(.ballotSpoilt, zh: "废票:非正式选票或无法辨认", en: "spoilt: not an official ballot, or unreadable"))
        case .void:
            explanations.append(.init(.ballotOverVote,
                zh: "\(post.post.zh)选 \(c.names) 人,多于应选 \(post.seats) 人,该职位无效",
                en: "\(c.names) names marked for \(post.post.en), more than its \(post.seats) seats: void for this post"))
        case .blank:
            explanations.append(.init(.ballotBlank, zh: "\(post.post.zh)未选任何人(弃权)", en: "nothing marked for \(post.post.en) (abstention)"))
        case .valid:
            if c.ignoredWriteIns > 0 {
                explanations.append(.init(.writeIn,
                    zh: post.kind == .runoff ? "决胜投票只能在票数相等的候选人中选择,另选的 \(c.ignoredWriteIns) 人不计" : "本次选举不允许另选他人,另选的 \(c.ignoredWriteIns) 人不计",
                    en: post.kind == .runoff ? "a runoff is among the tied candidates only: \(c.ignoredWriteIns) written in not counted" : "this election allows no write-ins: \(c.ignoredWriteIns) written in not counted"))
            }
            if c.unidentified > 0 {
                explanations.append(.init(.writeIn, zh: "另选的 \(c.unidentified) 人无法确认为选民,不计", en: "\(c.unidentified) written in could not be identified as voters: not counted"))
            }
        }
        return BallotReading(status: c.status, votes: c.votes, explanations: explanations)
    }

    /// `read` without the words, for the count's hot path (a million ballots).
    func classify(_ ballot: Ballot, for post: ElectionRound.Post) -> (status: BallotReading.Status, votes: [String], names: Int, ignoredWriteIns: Int, unidentified: Int) {
        if ballot.spoilt { return (.void, [], 0, 0, 0) }
        guard let marks = ballot.marks[post.post], !marks.isEmpty else { return (.blank, [], 0, 0, 0) }
        var people: [String] = []
        people.reserveCapacity(marks.count)
        var unidentified = 0
        var writtenIn = 0
        for mark in marks {
            switch mark {
            case .candidate(let person), .writeIn(let person):
                if people.contains(person) { continue }
                people.append(person)
                if !post.candidates.contains(person) { writtenIn += 1 }
            case .unidentified:
                unidentified += 1
            }
        }
        let names = people.count + unidentified
        if names > post.seats { return (.void, [], names, 0, unidentified) }
        if writtenIn > 0 && !(writeInsAllowed && post.kind != .runoff) {
            people.removeAll { !post.candidates.contains($0) }
            return (.valid, people, names, writtenIn, unidentified)
        }
        return (.valid, people, names, 0, unidentified)
    }
}

extension Ballot {
    /// The ballot as stored and counted: the JSON Foundation's encoder writes with sorted keys
    /// and unescaped slashes. Written here directly when every id is plain (letters, digits and
    /// hyphens, as person ids are), because the encoder cost more than the rest of appending a
    /// ballot; anything else goes through the encoder. A test holds the two to the same bytes.
    public func storedJSON(fallback encoder: JSONEncoder) throws -> String {
        var out = "{\"marks\":{"
        var firstPost = true
        for post in marks.keys.sorted(by: { Array($0.rawValue.utf8).lexicographicallyPrecedes(Array($1.rawValue.utf8)) }) {
            out += (firstPost ? "\"" : ",\"") + post.rawValue + "\":["
            firstPost = false
            for (i, mark) in marks[post]!.enumerated() {
                if i > 0 { out += "," }
                switch mark {
                case .candidate(let id), .writeIn(let id):
                    guard id.utf8.allSatisfy(Self.plain) else { return String(decoding: try encoder.encode(self), as: UTF8.self) }
                    out += (mark == .candidate(id) ? "{\"candidate\":{\"_0\":\"" : "{\"writeIn\":{\"_0\":\"") + id + "\"}}"
                case .unidentified:
                    out += "{\"unidentified\":{}}"
                }
            }
            out += "]"
        }
        return out + (spoilt ? "},\"spoilt\":true}" : "},\"spoilt\":false}")
    }

    private static func plain(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D
    }
}
