/// A family relation between two people, as plain values: `person` is `relative`'s `kind`
/// ("A is B's spouse", the direction the elections rules' `Kinship` uses). Declared by someone, or
/// presumed from two members' relations to the head of the same household, which is all the
/// registry records. Wider than the elections rules' relations: in-laws and collaterals are named,
/// so a place may bar them from supervising.
public struct FamilyTie: Hashable, Codable, Sendable {
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case spouse, parent, child, sibling, grandparent, grandchild
        case parentInLaw = "parent_in_law"
        case childInLaw = "child_in_law"
        case siblingInLaw = "sibling_in_law"
        case uncleOrAunt = "uncle_or_aunt"
        case nephewOrNiece = "nephew_or_niece"
        case cousin
        case other

        /// The same relation seen from the other side.
        public var inverse: Kind {
            switch self {
            case .parent: return .child
            case .child: return .parent
            case .grandparent: return .grandchild
            case .grandchild: return .grandparent
            case .parentInLaw: return .childInLaw
            case .childInLaw: return .parentInLaw
            case .uncleOrAunt: return .nephewOrNiece
            case .nephewOrNiece: return .uncleOrAunt
            case .spouse, .sibling, .siblingInLaw, .cousin, .other: return self
            }
        }

        /// 近亲属 (Civil Code art. 1045 ¶2): spouse, parents, children, brothers and sisters,
        /// grandparents on either side, grandchildren on either side.
        public static let civilCodeCloseRelatives: Set<Kind> = [.spouse, .parent, .child, .sibling, .grandparent, .grandchild]
    }

    public enum Basis: String, Codable, Sendable {
        /// Recorded by the person, the committee or a document.
        case declared
        /// Presumed from the two people's relations to the head of one household: worth checking.
        case sameHousehold = "same_household"
    }

    public var person: String
    public var relative: String
    public var kind: Kind
    public var basis: Basis

    /// `FamilyTie("chair", is: .spouse, of: "candidate")`: the chair is the candidate's spouse.
    public init(_ person: String, is kind: Kind, of relative: String, basis: Basis = .declared) {
        self.person = person
        self.relative = relative
        self.kind = kind
        self.basis = basis
    }

    /// What `other` is to `id` under this relation, if it links the two.
    public func kind(of other: String, to id: String) -> Kind? {
        if person == other && relative == id { return kind }
        if person == id && relative == other { return kind.inverse }
        return nil
    }
}

/// A member's relation to the head of the household, as the registry records it.
public typealias RelationToHead = Relation

extension FamilyTie {
    /// What two members of one household presumably are to each other, from their relations to the
    /// head; nil where the registry cannot tell (two grandchildren may be siblings or cousins; a child
    /// and a grandchild, parent or uncle) or the relation is "other". The result reads "b is a's kind".
    public static func presumed(_ a: String, _ aToHead: RelationToHead, _ b: String, _ bToHead: RelationToHead) -> FamilyTie? {
        guard a != b, let kind = presumedKind(aToHead, bToHead) else { return nil }
        return FamilyTie(b, is: kind, of: a, basis: .sameHousehold)
    }

    /// What someone with relation `b` to the head is to someone with relation `a`.
    static func presumedKind(_ a: RelationToHead, _ b: RelationToHead) -> Kind? {
        switch (a, b) {
        case (.head, .spouse): return .spouse
        case (.head, .child): return .child
        case (.head, .parent): return .parent
        case (.head, .grandchild): return .grandchild
        case (.head, .sibling): return .sibling
        case (let x, .head) where x != .head: return presumedKind(.head, x)?.inverse
        case (.spouse, .child): return .child
        case (.spouse, .grandchild): return .grandchild
        case (.spouse, .parent): return .parentInLaw
        case (.spouse, .sibling): return .siblingInLaw
        case (.child, .child), (.sibling, .sibling): return .sibling
        case (.child, .parent): return .grandparent
        case (.child, .sibling): return .uncleOrAunt
        case (.parent, .parent): return .spouse
        case (.parent, .sibling): return .child
        case (.child, .spouse), (.grandchild, .spouse), (.parent, .spouse), (.sibling, .spouse),
             (.parent, .child), (.sibling, .child), (.sibling, .parent):
            return presumedKind(b, a)?.inverse
        default: return nil
        }
    }
}
