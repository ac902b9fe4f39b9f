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
        if ballot.spoilt {
            return BallotReading(status: .void, votes: [], explanations: [.init(.ballotSpoilt,
                zh: "废票:非正式选票或无法辨认", en: "spoilt: not an official ballot, or unreadable")])
        }
        let marks = ballot.marks[post.post] ?? []
        if marks.isEmpty {
            return BallotReading(status: .blank, votes: [], explanations: [.init(.ballotBlank,
                zh: "\(post.post.zh)未选任何人(弃权)", en: "nothing marked for \(post.post.en) (abstention)")])
        }
        var people: [String] = []
        var seen: Set<String> = []
        var unidentified = 0
        var writtenIn: [String] = []
        for mark in marks {
            switch mark {
            case .candidate(let person), .writeIn(let person):
                guard seen.insert(person).inserted else { continue }
                people.append(person)
                if !post.candidates.contains(person) { writtenIn.append(person) }
            case .unidentified:
                unidentified += 1
            }
        }
        let names = people.count + unidentified
        if names > post.seats {
            return BallotReading(status: .void, votes: [], explanations: [.init(.ballotOverVote,
                zh: "\(post.post.zh)选 \(names) 人,多于应选 \(post.seats) 人,该职位无效",
                en: "\(names) names marked for \(post.post.en), more than its \(post.seats) seats: void for this post")])
        }
        var explanations: [ElectionExplanation] = []
        let countsWriteIns = writeInsAllowed && post.kind != .runoff
        if !writtenIn.isEmpty && !countsWriteIns {
            people.removeAll { writtenIn.contains($0) }
            explanations.append(.init(.writeIn,
                zh: post.kind == .runoff ? "决胜投票只能在票数相等的候选人中选择,另选的 \(writtenIn.count) 人不计" : "本次选举不允许另选他人,另选的 \(writtenIn.count) 人不计",
                en: post.kind == .runoff ? "a runoff is among the tied candidates only: \(writtenIn.count) written in not counted" : "this election allows no write-ins: \(writtenIn.count) written in not counted"))
        }
        if unidentified > 0 {
            explanations.append(.init(.writeIn, zh: "另选的 \(unidentified) 人无法确认为选民,不计", en: "\(unidentified) written in could not be identified as voters: not counted"))
        }
        return BallotReading(status: .valid, votes: people, explanations: explanations)
    }
}
