import Crypto
import Foundation

/// The ballot log as lines, for elections of any size: a first line `zhanju-ballot-log 2`, a
/// second line with the header as JSON (the election, its rule set, its rounds, the announced
/// counts and head), then one line per ballot: its hash, a space, and the exact canonical text
/// the hash covers (`BallotLogEntry.canonical`). The check reads the bytes as they are: it
/// hashes each line's text after the previous hash, reads the few fields it needs without a
/// general JSON decoder, and recounts the ballots grouped by their marks, so a million ballots
/// are checked in about the time their hashes take (issue 12: under 2 s).
public enum BallotLogLines {
    public static let magic = "zhanju-ballot-log 2"

    /// The header's JSON and one line per record, newline-terminated.
    public static func write<H: Encodable>(header: H, records: [BallotLogRecord]) throws -> Data {
        var out = Data()
        out.reserveCapacity(records.count * 260 + 4096)
        out.append(contentsOf: (magic + "\n").utf8)
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        out.append(try e.encode(header))
        out.append(0x0A)
        for r in records { out.append(contentsOf: line(hash: r.hash, canonical: r.entry.canonical).utf8) }
        return out
    }

    public static func line(hash: String, canonical: String) -> String { hash + " " + canonical + "\n" }

    /// Whether the data starts as a line-format log.
    public static func isLines(_ data: Data) -> Bool { data.starts(with: Array(magic.utf8)) }

    /// The header line's bytes and where the records start.
    public static func header(of data: Data) -> (header: Data, records: Int)? {
        let bytes = [UInt8](data.prefix(1 << 24))
        guard let first = bytes.firstIndex(of: 0x0A), let second = bytes[(first + 1)...].firstIndex(of: 0x0A) else { return nil }
        return (Data(bytes[(first + 1)..<second]), second + 1)
    }

    public enum Malformed: Error, CustomStringConvertible {
        case line(Int, String)
        public var description: String {
            switch self { case .line(let n, let why): return "line \(n): \(why)" }
        }
    }

    /// Checks the records from `start`: the chain from genesis, each entry's format, election,
    /// round and receipt, the published head, then the recount (BallotLog.recount). A line that
    /// cannot be read at all throws `Malformed`.
    public static func verify(_ data: Data, from start: Int, election: String, rounds: [ElectionRound], rules: ElectionRuleSet,
                              published: [PublishedCount], publishedHead: String?) throws -> BallotLogVerification {
        var verification = BallotLogVerification(entries: 0, head: HashChain.genesis, firstProblem: nil, results: [])
        let electionBytes = Array(election.utf8)
        let roundNumbers = Set(rounds.map(\.number))
        var previous = Array(HashChain.genesis.utf8)
        var sequence = 0
        var receipts = Set<UInt64>()
        var otherReceipts = Set<[UInt8]>()
        // Per round: each distinct marks text (with the spoilt flag) and how often it was cast.
        var forms: [Int: [[UInt8]: Int]] = [:]
        let hexDigits = Array("0123456789abcdef".utf8)
        var digestHex = [UInt8](repeating: 0, count: 64)
        let separator: [UInt8] = [0x1f]

        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let b = raw.bindMemory(to: UInt8.self)
            var pos = start
            var lineNumber = 2
            while pos < b.count {
                lineNumber += 1
                var end = pos
                while end < b.count && b[end] != 0x0A { end += 1 }
                defer { pos = end + 1 }
                if end == pos { continue }
                guard end - pos > 66, b[pos + 64] == 0x20 else { throw Malformed.line(lineNumber, "not a hash and an entry") }
                let text = UnsafeBufferPointer(rebasing: b[(pos + 65)..<end])
                sequence += 1
                // The chain: this line's hash over the previous hash and the text as written.
                var hasher = SHA256()
                hasher.update(data: previous)
                hasher.update(data: separator)
                hasher.update(bufferPointer: UnsafeRawBufferPointer(text))
                var i = 0
                for byte in hasher.finalize() {
                    digestHex[i] = hexDigits[Int(byte >> 4)]
                    digestHex[i + 1] = hexDigits[Int(byte & 0x0f)]
                    i += 2
                }
                var same = true
                for k in 0..<64 where digestHex[k] != b[pos + k] { same = false; break }
                guard same else {
                    verification.firstProblem = .chain(.contentChanged(sequence: sequence))
                    return
                }
                guard let fields = CanonicalFields(text) else { throw Malformed.line(lineNumber, "the entry is not in canonical form") }
                if fields.sequence != sequence {
                    verification.firstProblem = .chain(.gap(after: sequence - 1, next: fields.sequence))
                    return
                }
                previous = digestHex
                verification.entries = sequence
                let problem: BallotLogVerification.Problem? =
                    fields.format != CanonicalForm.currentFormat ? .unknownFormat(sequence: sequence, format: fields.format)
                    : !fields.election.elementsEqual(electionBytes) ? .wrongElection(sequence: sequence, election: String(decoding: fields.election, as: UTF8.self))
                    : !roundNumbers.contains(fields.round) ? .unknownRound(sequence: sequence, round: fields.round)
                    : nil
                if let problem {
                    verification.firstProblem = problem
                    return
                }
                let fresh: Bool
                if let packed = fields.packedReceipt { fresh = receipts.insert(packed).inserted } else { fresh = otherReceipts.insert(Array(fields.receipt)).inserted }
                if !fresh {
                    verification.firstProblem = .duplicateReceipt(sequence: sequence, receipt: String(decoding: fields.receipt, as: UTF8.self))
                    return
                }
                forms[fields.round, default: [:]][fields.marksKey, default: 0] += 1
            }
        }
        verification.head = String(decoding: previous, as: UTF8.self)
        if verification.firstProblem != nil { return verification }
        if let publishedHead, publishedHead != verification.head {
            verification.firstProblem = .headDiffers(published: publishedHead, recomputed: verification.head)
            return verification
        }
        var byRound: [Int: [(ballot: Ballot, count: Int)]] = [:]
        for (round, marks) in forms {
            byRound[round] = try marks.map { key, n in
                guard let ballot = CanonicalFields.ballot(fromMarksKey: key) else { throw Malformed.line(0, "a ballot's marks cannot be read") }
                return (ballot: ballot, count: n)
            }
        }
        BallotLog.recount(&verification, byRound: byRound, rounds: rounds, rules: rules, published: published)
        return verification
    }
}

/// The fields of one canonical entry, read from its bytes (format 1: a flat object of strings
/// and integers, keys in byte order: election, format, marks.*, receipt, round, sequence, spoilt).
struct CanonicalFields {
    var election: ArraySlice<UInt8> = []
    var format = -1
    var receipt: ArraySlice<UInt8> = []
    var round = -1
    var sequence = -1
    /// The marks' keys and values as written, and the spoilt flag: equal texts are equal ballots.
    var marksKey: [UInt8] = []
    static let marksPrefix = Array("marks.".utf8)

    init?(_ text: UnsafeBufferPointer<UInt8>) {
        let bytes = ArraySlice(text)
        var i = bytes.startIndex
        guard i < bytes.endIndex, bytes[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        var marksStart: Int?, marksEnd: Int?
        var spoilt = false
        while i < bytes.endIndex && bytes[i] != UInt8(ascii: "}") {
            if bytes[i] == UInt8(ascii: ",") { i += 1 }
            let pairStart = i
            guard let key = Self.string(bytes, &i), i < bytes.endIndex, bytes[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            if bytes[i] == UInt8(ascii: "\"") {
                guard let value = Self.string(bytes, &i) else { return nil }
                if key.starts(with: Self.marksPrefix) {
                    if marksStart == nil { marksStart = pairStart }
                    marksEnd = i
                } else if key.elementsEqual("election".utf8) { election = value }
                else if key.elementsEqual("receipt".utf8) { receipt = value }
                else { return nil }
            } else {
                guard let n = Self.int(bytes, &i) else { return nil }
                if key.elementsEqual("format".utf8) { format = n }
                else if key.elementsEqual("round".utf8) { round = n }
                else if key.elementsEqual("sequence".utf8) { sequence = n }
                else if key.elementsEqual("spoilt".utf8) { spoilt = n == 1 }
                else { return nil }
            }
        }
        guard i < bytes.endIndex, i == bytes.endIndex - 1, format >= 0, round >= 0, sequence >= 0 else { return nil }
        if let s = marksStart, let e = marksEnd { marksKey = Array(bytes[s..<e]) }
        if spoilt { marksKey.append(contentsOf: ",spoilt".utf8) }
    }

    /// A receipt of eight letters and digits with a dash in the middle, as the server makes them, as one number.
    var packedReceipt: UInt64? {
        guard receipt.count == 9, receipt[receipt.startIndex + 4] == UInt8(ascii: "-") else { return nil }
        var v: UInt64 = 0
        for (k, c) in receipt.enumerated() where k != 4 { v = v << 8 | UInt64(c) }
        return v
    }

    /// A string's contents (escapes left as written), moving past its closing quote.
    static func string(_ b: ArraySlice<UInt8>, _ i: inout Int) -> ArraySlice<UInt8>? {
        guard i < b.endIndex, b[i] == UInt8(ascii: "\"") else { return nil }
        let start = i + 1
        var j = start
        while j < b.endIndex {
            if b[j] == UInt8(ascii: "\\") { j += 2; continue }
            if b[j] == UInt8(ascii: "\"") { i = j + 1; return b[start..<j] }
            j += 1
        }
        return nil
    }

    static func int(_ b: ArraySlice<UInt8>, _ i: inout Int) -> Int? {
        var n = 0, digits = 0
        let negative = i < b.endIndex && b[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        while i < b.endIndex, b[i] >= 0x30, b[i] <= 0x39, digits < 18 {
            n = n * 10 + Int(b[i] - 0x30)
            i += 1
            digits += 1
        }
        return digits == 0 ? nil : (negative ? -n : n)
    }

    /// The ballot a marks key stands for (done once per distinct form of ballot).
    static func ballot(fromMarksKey key: [UInt8]) -> Ballot? {
        var text = String(decoding: key, as: UTF8.self)
        let spoilt = text.hasSuffix(",spoilt")
        if spoilt { text.removeLast(",spoilt".count) }
        var marks: [CommitteePost: [BallotMark]] = [:]
        if !text.isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(("{" + text + "}").utf8)) as? [String: String] else { return nil }
            for (k, v) in object {
                let parts = k.split(separator: ".")
                guard parts.count == 3, parts[0] == "marks", let post = CommitteePost(rawValue: String(parts[1])) else { return nil }
                let mark: BallotMark
                if v == "u" { mark = .unidentified }
                else if v.hasPrefix("c:") { mark = .candidate(String(v.dropFirst(2))) }
                else if v.hasPrefix("w:") { mark = .writeIn(String(v.dropFirst(2))) }
                else { return nil }
                marks[post, default: []].append(mark)
            }
        }
        return Ballot(spoilt: spoilt, marks: marks)
    }
}
