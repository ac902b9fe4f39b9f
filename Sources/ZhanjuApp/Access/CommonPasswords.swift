import Foundation
import ZhanjuRules

/// The shipped list of passwords people choose first (Resources/common-passwords.txt), read once.
struct CommonPasswords: Sendable {
    let words: Set<String>

    func contains(_ password: String) -> Bool { words.contains(password) }

    static let shipped: CommonPasswords = {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            // The list is part of the build; a missing one is a packaging fault worth stopping for.
            fatalError("Resources/common-passwords.txt is missing from the bundle")
        }
        return CommonPasswords(words: Set(text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }))
    }()
}
