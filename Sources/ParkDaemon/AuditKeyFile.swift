import Foundation
import ParkCore

/// Where parkd's audit key comes from: systemd's credential (`LoadCredential=audit-key:…`,
/// read from `$CREDENTIALS_DIRECTORY/audit-key`), else `audit.key_file`. The key is 64 or more
/// hex digits (32 bytes or more), in a file others cannot read; `parkd --generate-audit-key
/// FILE` writes one.
enum AuditKeyFile {
    static let credentialName = "audit-key"

    /// The key and where it was read; nil when neither the credential nor the key file exists.
    static func load(keyFile: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(AuditKeyRefused) -> (AuditKey, String)? {
        var path = keyFile
        if let credentials = environment["CREDENTIALS_DIRECTORY"], !credentials.isEmpty {
            let credential = (credentials as NSString).appendingPathComponent(credentialName)
            if FileManager.default.fileExists(atPath: credential) { path = credential }
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            guard errno == ENOENT else { throw AuditKeyRefused(path: path, reason: "cannot be examined: \(String(cString: strerror(errno)))") }
            return nil
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw AuditKeyRefused(path: path, reason: "is not a regular file") }
        guard (info.st_mode & 0o007) == 0 else {
            throw AuditKeyRefused(path: path, reason: "may be read by every user (mode 0\(String(info.st_mode & 0o777, radix: 8))); chmod o-rwx \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AuditKeyRefused(path: path, reason: "cannot be read: \(String(cString: strerror(errno)))")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = hexBytes(text), let key = AuditKey(bytes: bytes) else {
            throw AuditKeyRefused(path: path, reason: "does not hold a key: \(AuditKey.minimumBytes * 2) or more hex digits (parkd --generate-audit-key writes one)")
        }
        return (key, path)
    }

    /// Writes a new random key (64 hex digits) to `path`, readable by its owner only; refuses to
    /// replace a file (a new key cannot check the entries the old one sealed).
    static func generate(at path: String) throws(AuditKeyRefused) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<AuditKey.minimumBytes).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let text = ContentHash.hex(bytes) + "\n"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw AuditKeyRefused(path: path, reason: errno == EEXIST
                ? "exists already; parkd never replaces an audit key (entries sealed with it could no longer be checked)"
                : "cannot be created: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let written = Array(text.utf8).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == text.utf8.count, fsync(descriptor) == 0 else {
            throw AuditKeyRefused(path: path, reason: "cannot be written: \(String(cString: strerror(errno)))")
        }
    }

    private static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// The audit key cannot be used, and why.
public struct AuditKeyRefused: Error, CustomStringConvertible {
    let path: String
    let reason: String

    public var description: String { "audit key \(path): \(reason)" }
}
