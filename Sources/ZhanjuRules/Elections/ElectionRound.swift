/// One vote of an election: the first round, a further round (另行选举) for seats left open, or a
/// runoff among candidates tied for the last seats. Each post on the ballot says which it is,
/// so one ballot can carry a runoff for one post and a further round for another.
public struct ElectionRound: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, CaseIterable, Sendable {
        /// Elected with the election majority (more than half of the ballots cast).
        case first
        /// Elected with the most votes, but not fewer than the further-round minimum (one third).
        case further
        /// Among candidates tied for the last seats: the most votes win.
        case runoff
    }

    /// A post on this round's ballot: the seats it fills and the people printed for it.
    public struct Post: Codable, Hashable, Sendable {
        public var post: CommitteePost
        public var kind: Kind
        public var seats: Int
        public var candidates: [String]

        public init(post: CommitteePost, kind: Kind, seats: Int, candidates: [String]) {
            self.post = post
            self.kind = kind
            self.seats = seats
            self.candidates = candidates
        }
    }

    /// 1 for the first round, counting up.
    public var number: Int
    public var posts: [Post]
    /// Display names of the people on the ballot (and of write-ins, when known), for explanations.
    public var names: [String: String]

    public init(number: Int, posts: [Post], names: [String: String] = [:]) {
        self.number = number
        self.posts = posts.sorted { $0.post < $1.post }
        self.names = names
    }

    /// The first round of an election from its final candidate list.
    public init(slate: Slate) {
        let posts = CommitteePost.allCases.compactMap { post -> Post? in
            guard let seats = slate.seats[post], seats > 0 else { return nil }
            return Post(post: post, kind: .first, seats: seats, candidates: slate.candidates(for: post).map(\.person))
        }
        self.init(number: 1, posts: posts, names: Dictionary(slate.candidates.map { ($0.person, $0.name) }, uniquingKeysWith: { a, _ in a }))
    }

    public func name(_ person: String) -> String { names[person] ?? person }
}
