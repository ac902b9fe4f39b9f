/// The 18-character citizen ID number of GB 11643-1999:
/// 6-digit region code, 8-digit birth date, 3-digit sequence (odd for men, even for women),
/// and an ISO 7064 MOD 11-2 check character (0–9 or X).
public struct IDNumber: Hashable, Sendable {
    public let value: String

    public enum Problem: String, Error, Equatable, CaseIterable, Sendable {
        case length              // not 18 characters
        case characters          // not 17 digits followed by a digit or X
        case region              // region code cannot be a real one (province part out of range)
        case birthDate           // positions 7–14 are not a real date
        case checkDigit          // the 18th character does not match the first 17
        case birthDateMismatch   // differs from the resident's recorded birth date
        case sexMismatch         // sequence parity differs from the resident's recorded sex
    }

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// Validates the number on its own; lower-case x is accepted and normalised.
    public init(_ raw: String) throws(Problem) {
        let text = raw.uppercased()
        guard text.count == 18 else { throw .length }
        let chars = Array(text)
        guard chars[0..<17].allSatisfy(Self.isDigit), chars[17] == "X" || Self.isDigit(chars[17]) else { throw .characters }
        let province = Int(String(chars[0..<2]))!
        guard (11...82).contains(province) else { throw .region }
        guard CivilDate(compact: Substring(String(chars[6..<14]))) != nil else { throw .birthDate }
        guard IDNumber.checkCharacter(for: String(chars[0..<17])) == chars[17] else { throw .checkDigit }
        value = text
    }

    /// Validates the number against what the registry records about its holder.
    public init(_ raw: String, birthDate: CivilDate, sex: Sex) throws(Problem) {
        try self.init(raw)
        guard self.birthDate == birthDate else { throw .birthDateMismatch }
        guard self.sex == sex else { throw .sexMismatch }
    }

    public var regionCode: String { String(value.prefix(6)) }
    public var birthDate: CivilDate { CivilDate(compact: value.dropFirst(6).prefix(8))! }
    public var sex: Sex {
        let digit = Int(String(Array(value)[16]))!
        return digit % 2 == 1 ? .male : .female
    }

    static func isDigit(_ c: Character) -> Bool { c >= "0" && c <= "9" && c.isASCII }

    public static func checkCharacter(for first17: String) -> Character {
        var sum = 0
        for (digit, weight) in zip(first17.utf8, weights) { sum += Int(digit &- 48) * weight }
        return checkCharacters[sum % 11]
    }

    /// For numbers built here from parts already known to be valid (the generators' hot path).
    private init(trusted value: String) { self.value = value }

    /// Builds a valid number; used by the demo and city generators.
    /// `sequence` is 0...499 and is turned into a 3-digit sequence of the right parity.
    public static func make(region: String, birthDate: CivilDate, sex: Sex, sequence: Int) -> IDNumber {
        precondition(region.count == 6, "region code has 6 digits")
        let seq = (sequence % 500) * 2 + (sex == .male ? 1 : 0)
        let first17 = region + birthDate.compact + pad(seq, 3)
        precondition(region.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } && (11...82).contains(Int(region.prefix(2))!), "region code is six digits of a real province")
        return IDNumber(trusted: first17 + String(checkCharacter(for: first17)))
    }
}
