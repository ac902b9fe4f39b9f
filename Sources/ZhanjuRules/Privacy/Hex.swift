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

    /// Parses the 8-4-4-4-12 form in either case, as `UUID(uuidString:)` does (which on Linux
    /// goes through `sscanf`); nil for anything else.
    public static func uuid(parsing text: String) -> UUID? {
        var text = text
        return text.withUTF8 { s -> UUID? in
            guard s.count == 36, s[8] == 0x2D, s[13] == 0x2D, s[18] == 0x2D, s[23] == 0x2D else { return nil }
            var bytes = [UInt8](repeating: 0, count: 16)
            var i = 0, n = 0
            while n < 16 {
                if s[i] == 0x2D { i += 1; continue }
                guard let hi = value(s[i]), let lo = value(s[i + 1]) else { return nil }
                bytes[n] = hi << 4 | lo
                n += 1
                i += 2
            }
            return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        }
    }

    @inline(__always) private static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x41...0x46: c - 0x37
        case 0x61...0x66: c - 0x57
        default: nil
        }
    }

    @inline(__always) private static func upperDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x37 + nibble }
}
