/// Which passwords to refuse beyond length (NIST SP 800-63B, 5.1.1.2): those in lists of
/// passwords people commonly choose, repetitive or sequential characters, and context-specific
/// words (the username). No composition rules: they make passwords harder to remember, not to guess.
public enum PasswordRules {
    public enum Weakness: String, Sendable, CaseIterable {
        case common, repeated, sequence, username
    }

    /// Runs people type as "sequences": digits, the alphabet, keyboard rows and columns.
    static let sequences = [
        "01234567890", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm",
        "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "1q2w3e4r5t6y7u8i9o0p", "qazwsxedcrfvtgbyhnujmikolp",
    ]

    public static func weakness(of password: String, username: String?, isCommon: (String) -> Bool) -> Weakness? {
        let lower = password.lowercased()
        // "password2024!" is "password" with the digits and marks people add to pass a rule.
        let stem = String(lower.reversed().drop { $0.isNumber || $0.isPunctuation || $0.isSymbol }.reversed())
        if isCommon(lower) || (!stem.isEmpty && isCommon(stem)) { return .common }
        if isRepetition(Array(lower)) { return .repeated }
        if sequences.contains(where: { $0.contains(lower) || String($0.reversed()).contains(lower) }) { return .sequence }
        if let username {
            // "Zhang-Wei-Ming" and "clerk2024" for the users zhangweiming and clerk.
            let name = username.lowercased().filter { $0.isLetter || $0.isNumber }
            let given = String(lower.filter { $0.isLetter || $0.isNumber }.reversed().drop(while: \.isNumber).reversed())
            if name.count >= 3, given == name || given == String(name.reversed()) { return .username }
        }
        return nil
    }

    /// One unit said over and over: "aaaaaaaaaa", "1212121212", "monkeymonkey".
    static func isRepetition(_ chars: [Character]) -> Bool {
        guard chars.count >= 2 else { return false }
        for unit in 1...(chars.count / 2) {
            if chars.indices.allSatisfy({ chars[$0] == chars[$0 % unit] }) { return true }
        }
        return false
    }
}
