import Foundation
import Vapor
import ZhanjuRules

/// Where the personal-data key comes from. Production must be given one; development makes a
/// random one beside the database the first time and keeps it (losing it loses the numbers).
enum Secrets {
    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "Refusing to start in production without a secret key: set ZHANJU_SECRET_KEY (32 or more random characters) or ZHANJU_SECRET_KEY_FILE."
        }
    }
    struct TooShort: Error, CustomStringConvertible {
        var description: String { "ZHANJU_SECRET_KEY must be at least 32 characters." }
    }
    struct KeyFileNotWritten: Error, CustomStringConvertible {
        var path: String
        var description: String {
            "Could not write the development key to \(path) (is the folder writable?). Set ZHANJU_SECRET_KEY, or make the folder writable."
        }
    }

    static func cipher(for config: ZhanjuConfiguration, logger: Logger) throws -> PersonalDataCipher {
        let secret: String
        if let key = config.secretKey {
            secret = key
        } else if config.production {
            throw Missing()
        } else {
            secret = try developmentKey(at: config.developmentKeyFile, logger: logger)
        }
        guard secret.count >= 32 else { throw TooShort() }
        return PersonalDataCipher(current: .init(secret: secret), previous: config.previousSecretKeys.map { .init(secret: $0) })
    }

    private static func developmentKey(at path: String, logger: Logger) throws -> String {
        if let existing = try? String(contentsOfFile: path, encoding: .utf8) {
            return existing.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let key = [UInt8].random(count: 32).base64String()
        // Data sealed under a key that was never saved could not be opened after a restart.
        guard FileManager.default.createFile(atPath: path, contents: Data((key + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw KeyFileNotWritten(path: path)
        }
        logger.warning("No ZHANJU_SECRET_KEY: generated a development key in \(path). Keep it with the database.")
        return key
    }
}
