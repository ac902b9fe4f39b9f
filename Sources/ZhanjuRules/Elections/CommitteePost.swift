/// The posts a residents' committee election fills, in rank order: the chair (主任), deputies
/// (副主任) and members (委员). Counted in this order, so a person elected to a higher post is
/// passed over for a lower one.
public enum CommitteePost: String, Codable, CodingKeyRepresentable, CaseIterable, Comparable, Sendable {
    case chair
    case deputyChair = "deputy_chair"
    case member

    /// The post the elected take up in the registry.
    public var registryPost: Post {
        switch self {
        case .chair: return .chair
        case .deputyChair: return .deputyChair
        case .member: return .member
        }
    }

    public var rank: Int { CommitteePost.allCases.firstIndex(of: self)! }
    public static func < (a: CommitteePost, b: CommitteePost) -> Bool { a.rank < b.rank }

    public var zh: String {
        switch self {
        case .chair: return "主任"
        case .deputyChair: return "副主任"
        case .member: return "委员"
        }
    }

    public var en: String {
        switch self {
        case .chair: return "chair"
        case .deputyChair: return "deputy chair"
        case .member: return "member"
        }
    }
}
