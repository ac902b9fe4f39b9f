import Crypto
import Foundation

/// A tamper-evident log: each entry's hash covers its own content and the previous entry's hash,
/// so changing, removing or reordering any entry breaks every link after it.
public enum HashChain {
    /// The hash before the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    public static func link(previous: String, content: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Data(previous.utf8))
        hasher.update(data: Data([0x1f]))
        hasher.update(data: Data(content.utf8))
        return Hex.encode(hasher.finalize())
    }

    public static func digest(_ text: String) -> String {
        Hex.encode(SHA256.hash(data: Data(text.utf8)))
    }

    public struct Entry: Sendable {
        public var sequence: Int
        public var content: String
        public var previous: String
        public var hash: String
        public init(sequence: Int, content: String, previous: String, hash: String) {
            self.sequence = sequence
            self.content = content
            self.previous = previous
            self.hash = hash
        }
    }

    public enum Break: Equatable, Sendable, CustomStringConvertible {
        /// The entry's content no longer matches its hash.
        case contentChanged(sequence: Int)
        /// The entry does not point at the hash of the one before it (an entry removed or inserted).
        case linkBroken(sequence: Int)
        /// Sequence numbers skip (an entry removed at the end of a run).
        case gap(after: Int, next: Int)

        public var description: String {
            switch self {
            case .contentChanged(let s): return "entry \(s): content does not match its hash"
            case .linkBroken(let s): return "entry \(s): does not link to the entry before it"
            case .gap(let a, let n): return "entries missing between \(a) and \(n)"
            }
        }
    }

    /// Checks a run of entries in sequence order, starting from the given link (genesis for the
    /// first run). Returns the first break and the hash to continue from.
    public static func verify(_ entries: [Entry], from start: (sequence: Int, hash: String)) -> (firstBreak: Break?, last: (sequence: Int, hash: String)) {
        var last = start
        for entry in entries {
            if entry.sequence != last.sequence + 1 { return (.gap(after: last.sequence, next: entry.sequence), last) }
            if entry.previous != last.hash { return (.linkBroken(sequence: entry.sequence), last) }
            if link(previous: entry.previous, content: entry.content) != entry.hash { return (.contentChanged(sequence: entry.sequence), last) }
            last = (entry.sequence, entry.hash)
        }
        return (nil, last)
    }
}
