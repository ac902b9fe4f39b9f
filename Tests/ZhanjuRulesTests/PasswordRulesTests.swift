import Testing
@testable import ZhanjuRules

@Suite("Passwords: NIST SP 800-63B refuses the ones guessed first, and sets no composition rules")
struct PasswordRulesTests {
    let common: Set<String> = ["password", "iloveyou", "1234567890", "woaini1314"]
    func weakness(_ p: String, _ user: String? = "clerk") -> PasswordRules.Weakness? {
        PasswordRules.weakness(of: p, username: user, isCommon: common.contains)
    }

    @Test("a listed password, or one with digits and marks added at its end, is common")
    func common_() {
        #expect(weakness("password") == .common)
        #expect(weakness("Password2024!") == .common)
        #expect(weakness("iloveyou1314") == .common)
        #expect(weakness("WoAiNi1314") == .common)
    }

    @Test("one character or unit repeated, and runs of digits, letters or keyboard rows, are refused")
    func patterns() {
        #expect(weakness("aaaaaaaaaa") == .repeated)
        #expect(weakness("1212121212") == .repeated)
        #expect(weakness("monkeymonkey") == .repeated)
        #expect(weakness("abcdefghijk") == .sequence)
        #expect(weakness("9876543210") == .sequence)
        #expect(weakness("qwertyuiop") == .sequence)
        #expect(weakness("1qaz2wsx3edc") == .sequence)
    }

    @Test("the username, with marks between or digits after, is refused")
    func username() {
        #expect(weakness("Clerk-2024") == .username)
        #expect(weakness("Zhang-Wei-Ming", "zhangweiming") == .username)
        #expect(weakness("gnimiewgnahz", "zhangweiming") == .username)
    }

    @Test("long passphrases pass, whatever their letters")
    func passphrases() {
        #expect(weakness("steamed buns at seven") == nil)
        #expect(weakness("zhanju-admin", "admin") == nil)
        #expect(weakness("红烧肉要多放糖才好吃") == nil)
    }
}
