public enum Sex: String, Codable, CaseIterable, Sendable {
    case female, male
}
