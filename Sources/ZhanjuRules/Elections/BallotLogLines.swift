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
        var out = try start(header: header)
        out.reserveCapacity(out.count + records.count * 260)
        for r in records { out.append(contentsOf: line(hash: r.hash, canonical: r.entry.canonical).utf8) }
        return out
    }

    /// The first two lines: the format's name, and the header as compact JSON with sorted keys.
    public static func start<H: Encodable>(header: H) throws -> Data {
        var out = Data((magic + "\n").utf8)
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        out.append(try e.encode(header))
        out.append(0x0A)
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
        // Each distinct form of ballot (round, marks text, spoilt flag) and how often it was cast,
        // found by a hash of its bytes and confirmed byte by byte, so no line allocates a key.
        var forms = BallotForms()
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
                    : !text[fields.election].elementsEqual(electionBytes) ? .wrongElection(sequence: sequence, election: String(decoding: text[fields.election], as: UTF8.self))
                    : !roundNumbers.contains(fields.round) ? .unknownRound(sequence: sequence, round: fields.round)
                    : nil
                if let problem {
                    verification.firstProblem = problem
                    return
                }
                let fresh: Bool
                if let packed = fields.packedReceipt(in: text) { fresh = receipts.insert(packed).inserted } else { fresh = otherReceipts.insert(Array(text[fields.receipt])).inserted }
                if !fresh {
                    verification.firstProblem = .duplicateReceipt(sequence: sequence, receipt: String(decoding: text[fields.receipt], as: UTF8.self))
                    return
                }
                forms.add(round: fields.round, marks: UnsafeBufferPointer(rebasing: text[fields.marks]), spoilt: fields.spoilt)
            }
        }
        verification.head = String(decoding: previous, as: UTF8.self)
        if verification.firstProblem != nil { return verification }
        if let publishedHead, publishedHead != verification.head {
            verification.firstProblem = .headDiffers(published: publishedHead, recomputed: verification.head)
            return verification
        }
        var byRound: [Int: [(ballot: Ballot, count: Int)]] = [:]
        for form in forms.all {
            guard let ballot = CanonicalFields.ballot(marks: form.marks, spoilt: form.spoilt) else { throw Malformed.line(0, "a ballot's marks cannot be read") }
            byRound[form.round, default: []].append((ballot: ballot, count: form.count))
        }
        BallotLog.recount(&verification, byRound: byRound, rounds: rounds, rules: rules, published: published)
        return verification
    }
}

/// The distinct forms of ballot met so far, with their counts.
struct BallotForms {
    struct Form {
        var round: Int
        var marks: [UInt8]
        var spoilt: Bool
        var count: Int
    }
    private(set) var all: [Form] = []
    private var index: [Int: [Int]] = [:]

    mutating func add(round: Int, marks: UnsafeBufferPointer<UInt8>, spoilt: Bool) {
        var hasher = Hasher()
        hasher.combine(round)
        hasher.combine(spoilt)
        hasher.combine(bytes: UnsafeRawBufferPointer(marks))
        let key = hasher.finalize()
        if let slots = index[key] {
            for slot in slots where all[slot].round == round && all[slot].spoilt == spoilt && all[slot].marks.elementsEqual(marks) {
                all[slot].count += 1
                return
            }
        }
        index[key, default: []].append(all.count)
        all.append(Form(round: round, marks: Array(marks), spoilt: spoilt, count: 1))
    }
}

/// The fields of one canonical entry, read in place from its bytes (format 1: a flat object of
/// strings and integers, keys in byte order: election, format, marks.*, receipt, round, sequence,
/// spoilt). Strings are given as ranges of the text.
struct CanonicalFields {
    var election: Range<Int> = 0..<0
    var receipt: Range<Int> = 0..<0
    /// The marks' keys and values as written: equal texts are equal ballots.
    var marks: Range<Int> = 0..<0
    var format = -1
    var round = -1
    var sequence = -1
    var spoilt = false

    private static let marksPrefix = Array("marks.".utf8)
    private static let electionKey = Array("election".utf8), receiptKey = Array("receipt".utf8), formatKey = Array("format".utf8)
    private static let roundKey = Array("round".utf8), sequenceKey = Array("sequence".utf8), spoiltKey = Array("spoilt".utf8)

    init?(_ b: UnsafeBufferPointer<UInt8>) {
        var i = 0
        guard b.count > 1, b[0] == UInt8(ascii: "{") else { return nil }
        i = 1
        var marksStart = -1, marksEnd = -1
        while i < b.count && b[i] != UInt8(ascii: "}") {
            if b[i] == UInt8(ascii: ",") { i += 1 }
            let pairStart = i
            guard let key = Self.string(b, &i), i < b.count, b[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            guard i < b.count else { return nil }
            let k = UnsafeBufferPointer(rebasing: b[key])
            if b[i] == UInt8(ascii: "\"") {
                guard let value = Self.string(b, &i) else { return nil }
                if k.starts(with: Self.marksPrefix) {
                    if marksStart < 0 { marksStart = pairStart }
                    marksEnd = i
                } else if k.elementsEqual(Self.electionKey) { election = value }
                else if k.elementsEqual(Self.receiptKey) { receipt = value }
                else { return nil }
            } else {
                guard let n = Self.int(b, &i) else { return nil }
                if k.elementsEqual(Self.formatKey) { format = n }
                else if k.elementsEqual(Self.roundKey) { round = n }
                else if k.elementsEqual(Self.sequenceKey) { sequence = n }
                else if k.elementsEqual(Self.spoiltKey) { spoilt = n == 1 }
                else { return nil }
            }
        }
        guard i == b.count - 1, format >= 0, round >= 0, sequence >= 0 else { return nil }
        if marksStart >= 0 { marks = marksStart..<marksEnd }
    }

    /// A receipt of eight letters and digits with a dash in the middle, as the server makes them, as one number.
    func packedReceipt(in b: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard receipt.count == 9, b[receipt.lowerBound + 4] == UInt8(ascii: "-") else { return nil }
        var v: UInt64 = 0
        for k in receipt where k != receipt.lowerBound + 4 { v = v << 8 | UInt64(b[k]) }
        return v
    }

    /// A string's contents (escapes left as written), moving past its closing quote.
    static func string(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Range<Int>? {
        guard i < b.count, b[i] == UInt8(ascii: "\"") else { return nil }
        let start = i + 1
        var j = start
        while j < b.count {
            if b[j] == UInt8(ascii: "\\") { j += 2; continue }
            if b[j] == UInt8(ascii: "\"") { i = j + 1; return start..<j }
            j += 1
        }
        return nil
    }

    static func int(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Int? {
        var n = 0, digits = 0
        let negative = i < b.count && b[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39, digits < 18 {
            n = n * 10 + Int(b[i] - 0x30)
            i += 1
            digits += 1
        }
        return digits == 0 ? nil : (negative ? -n : n)
    }

    /// The ballot a marks text stands for (done once per distinct form of ballot).
    static func ballot(marks: [UInt8], spoilt: Bool) -> Ballot? {
        var out: [CommitteePost: [BallotMark]] = [:]
        if !marks.isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(("{" + String(decoding: marks, as: UTF8.self) + "}").utf8)) as? [String: String] else { return nil }
            for (k, v) in object {
                let parts = k.split(separator: ".")
                guard parts.count == 3, parts[0] == "marks", let post = CommitteePost(rawValue: String(parts[1])) else { return nil }
                let mark: BallotMark
                if v == "u" { mark = .unidentified }
                else if v.hasPrefix("c:") { mark = .candidate(String(v.dropFirst(2))) }
                else if v.hasPrefix("w:") { mark = .writeIn(String(v.dropFirst(2))) }
                else { return nil }
                out[post, default: []].append(mark)
            }
        }
        return Ballot(spoilt: spoilt, marks: out)
    }
}
