import Crypto
import Foundation

/// Encrypts personal numbers at rest (RULES.md: ID and phone numbers are encrypted even where not
/// strictly sensitive) and makes a keyed hash of each so exact lookups and uniqueness still work.
///
/// A stored value is `v1:<key id>:<base64 of AES-GCM nonce|ciphertext|tag>`. The key id names the
/// secret it was sealed under, so a keyring holding the current and earlier secrets can open every
/// row while rotation re-seals them under the current one.
public struct PersonalDataCipher: Sendable {
    public struct Key: Sendable {
        public let id: String
        let encryption: SymmetricKey
        /// HMAC already keyed: copying it skips hashing the key pads for every value.
        let hashing: HMAC<SHA256>

        /// Derives both keys from a secret of any length (at least 32 bytes of it should be random).
        public init(secret: String) {
            let material = SymmetricKey(data: Data(secret.utf8))
            encryption = HKDF<SHA256>.deriveKey(inputKeyMaterial: material, info: Data("zhanju personal data v1".utf8), outputByteCount: 32)
            hashing = HMAC<SHA256>(key: HKDF<SHA256>.deriveKey(inputKeyMaterial: material, info: Data("zhanju lookup hash v1".utf8), outputByteCount: 32))
            let fingerprint = SHA256.hash(data: encryption.withUnsafeBytes { Data($0) })
            id = Hex.encode(fingerprint.prefix(4))
        }
    }

    public enum Failure: Error, Equatable, Sendable {
        case unknownKey(String)
        case malformed
        case tampered
    }

    public let current: Key
    public let previous: [Key]
    private let nonces = NonceSource()

    public init(current: Key, previous: [Key] = []) {
        self.current = current
        self.previous = previous
    }

    public func seal(_ plain: String) -> String {
        // AES-GCM with a fresh random nonce: sealing cannot fail for these inputs.
        var text = plain
        let box = text.withUTF8 { try! AES.GCM.seal(UnsafeRawBufferPointer($0), using: current.encryption, nonce: nonces.next()) }
        return "v1:\(current.id):\(box.combined!.base64EncodedString())"
    }

    public func open(_ stored: String) throws -> String {
        let parts = stored.split(separator: ":", maxSplits: 2)
        guard parts.count == 3, parts[0] == "v1", let data = Data(base64Encoded: String(parts[2])) else { throw Failure.malformed }
        guard let key = ([current] + previous).first(where: { $0.id == parts[1] }) else { throw Failure.unknownKey(String(parts[1])) }
        do {
            let box = try AES.GCM.SealedBox(combined: data)
            return String(decoding: try AES.GCM.open(box, using: key.encryption), as: UTF8.self)
        } catch {
            throw Failure.tampered
        }
    }

    /// Whether a stored value is sealed under the current key (rotation skips those).
    public func isCurrent(_ stored: String) -> Bool { stored.hasPrefix("v1:\(current.id):") }

    /// The keyed hash under the current key: equal inputs give equal hashes, and without the
    /// secret the hash cannot be searched by trying every possible ID number.
    public func lookupHash(_ plain: String) -> String { Self.hash(plain, current) }

    /// Hashes under every key in the ring, so lookups work before rotation has finished.
    public func lookupHashes(_ plain: String) -> [String] { ([current] + previous).map { Self.hash(plain, $0) } }

    /// The first 128 bits of the HMAC: ample against collisions among a city's numbers, and half
    /// the size in the table and its index.
    static func hash(_ plain: String, _ key: Key) -> String {
        var mac = key.hashing
        var text = plain
        text.withUTF8 { mac.update(data: UnsafeRawBufferPointer($0)) }
        return mac.finalize().withUnsafeBytes { Hex.encode(UnsafeRawBufferPointer(rebasing: $0.prefix(16))) }
    }
}
