import Foundation

/// Lower-case hexadecimal, written straight into the string's storage: `String(format:)` per
/// byte costs microseconds, and a generic byte-by-byte loop into an array was still a visible
/// share of every authenticated request (the credential's hash) and of the city generator (two
/// lookup hashes per resident).
public enum Hex {
    public static func encode(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            var i = 0
            for b in bytes {
                out[i] = digit(b >> 4)
                out[i + 1] = digit(b & 0x0f)
                i += 2
            }
            return i
        }
    }

    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        if let s = bytes.withContiguousStorageIfAvailable({ encode(UnsafeRawBufferPointer($0)) }) { return s }
        return Array(bytes).withUnsafeBytes { encode($0) }
    }

    @inline(__always) private static func digit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }
}

extension Hex {
    /// The canonical upper-case form of a UUID, as `uuidString` writes it. Foundation on Linux
    /// formats it through `snprintf`, which was a visible share of loading a city (five UUIDs a
    /// row) and of the household read path.
    public static func uuid(_ id: UUID) -> String {
        String(unsafeUninitializedCapacity: 36) { out in
            withUnsafeBytes(of: id.uuid) { bytes in
                var i = 0
                for (n, b) in bytes.enumerated() {
                    if n == 4 || n == 6 || n == 8 || n == 10 { out[i] = 0x2D; i += 1 }
                    out[i] = upperDigit(b >> 4)
                    out[i + 1] = upperDigit(b & 0x0f)
                    i += 2
                }
                return i
            }
        }
    }

    @inline(__always) private static func upperDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x37 + nibble }
}
