/// How one person is related to another, as far as election rules care: who may hold a voter's
/// proxy (close relatives, 近亲属, Civil Code art. 1045) and who may not serve as election staff
/// (a candidate's spouse and lineal relatives, 直系亲属).
public enum KinRelation: String, Codable, CaseIterable, Sendable {
    case spouse
    case parent
    case child
    case grandparent
    case grandchild
    case sibling
    /// In-laws, cousins, friends, neighbours: no relation the rules name.
    case other

    public var zh: String {
        switch self {
        case .spouse: return "配偶"
        case .parent: return "父母"
        case .child: return "子女"
        case .grandparent: return "祖父母、外祖父母"
        case .grandchild: return "孙子女、外孙子女"
        case .sibling: return "兄弟姐妹"
        case .other: return "其他关系"
        }
    }

    public var en: String {
        switch self {
        case .spouse: return "spouse"
        case .parent: return "parent"
        case .child: return "child"
        case .grandparent: return "grandparent"
        case .grandchild: return "grandchild"
        case .sibling: return "sibling"
        case .other: return "no close relation"
        }
    }

    /// Close relatives (近亲属), Civil Code art. 1045.
    public static let close: Set<KinRelation> = [.spouse, .parent, .child, .sibling, .grandparent, .grandchild]
    /// Spouse and lineal relatives (配偶和直系亲属).
    public static let spouseAndLineal: Set<KinRelation> = [.spouse, .parent, .child, .grandparent, .grandchild]
}

extension KinRelation {
    /// The relation seen from the other side: if A is B's parent, B is A's child.
    public var inverse: KinRelation {
        switch self {
        case .parent: return .child
        case .child: return .parent
        case .grandparent: return .grandchild
        case .grandchild: return .grandparent
        case .spouse, .sibling, .other: return self
        }
    }
}

/// A relation the registry records between two people: `person` is `relative`'s `relation`
/// ("A is B's spouse").
public struct Kinship: Codable, Hashable, Sendable {
    public var person: String
    public var relative: String
    public var relation: KinRelation

    public init(person: String, relative: String, relation: KinRelation) {
        self.person = person
        self.relative = relative
        self.relation = relation
    }

    /// How `a` is related to `b` according to these records, looking both ways.
    public static func relation(of a: String, to b: String, in records: [Kinship]) -> KinRelation? {
        if let r = records.first(where: { $0.person == a && $0.relative == b }) { return r.relation }
        if let r = records.first(where: { $0.person == b && $0.relative == a }) { return r.relation.inverse }
        return nil
    }
}
