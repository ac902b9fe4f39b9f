/// How a resident stands to the household's head (the register's 与户主关系).
public enum Relation: String, Codable, CaseIterable, Sendable {
    case head, spouse, child, parent, grandchild, sibling, other
}

/// Where a resident's household registration is, and how long they have lived here.
public enum Hukou: String, Codable, CaseIterable, Sendable {
    case local
    case longTermNonLocal = "long_term_non_local"
    case shortTermNonLocal = "short_term_non_local"
}
