import Crypto
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random AES-GCM nonces drawn from the operating system's generator a page at a time: one
/// `getrandom` call per 341 nonces rather than one each, which was a third of sealing's cost
/// (a million-household city seals about five million numbers). Every 12 bytes are handed out
/// once, so the nonces are exactly as random and as unique as drawing each one on its own.
final class NonceSource: Sendable {
    private static let size = 12
    private static let page = 341 * size
    private let state = Mutex<(buffer: [UInt8], used: Int)>(([], 0))

    func next() -> AES.GCM.Nonce {
        state.withLock { s in
            if s.used + Self.size > s.buffer.count {
                s.buffer = Self.randomPage()
                s.used = 0
            }
            defer { s.used += Self.size }
            return try! AES.GCM.Nonce(data: s.buffer[s.used..<s.used + Self.size])
        }
    }

    private static func randomPage() -> [UInt8] {
        var page = [UInt8](repeating: 0, count: Self.page)
        // The system's generator (glibc fills the whole page from getrandom(2)).
        page.withUnsafeMutableBytes { arc4random_buf($0.baseAddress!, $0.count) }
        return page
    }
}
