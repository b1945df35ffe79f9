import Foundation
import ParkCore

/// The park's receipt key in the state directory (`receipt-key`): created at first start,
/// readable by parkd's user only, never replaced (receipts already signed name its public key).
enum ReceiptKeyFile {
    static let fileName = "receipt-key"

    /// The key at `directory/receipt-key`, created when there is none; a file that is not a
    /// regular file of parkd's own user, that others may read, or that holds no key is refused.
    static func loadOrCreate(in directory: String) throws(StateDirectoryRefused) -> (key: ReceiptKey, created: Bool) {
        let path = (directory as NSString).appendingPathComponent(fileName)
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            guard errno == ENOENT else {
                throw StateDirectoryRefused(path: path, reason: errno == ELOOP
                    ? "is a symbolic link; the receipt key must be a file of its own"
                    : "cannot be opened: \(String(cString: strerror(errno)))")
            }
            return (try create(at: path, directory: directory), true)
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw StateDirectoryRefused(path: path, reason: "cannot be examined: \(String(cString: strerror(errno)))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw StateDirectoryRefused(path: path, reason: "is not a regular file") }
        guard info.st_uid == geteuid() else {
            throw StateDirectoryRefused(path: path, reason: "belongs to uid \(info.st_uid), not to parkd's user (uid \(geteuid()))")
        }
        guard (info.st_mode & 0o077) == 0 else {
            throw StateDirectoryRefused(
                path: path, reason: "may be read by others (mode 0\(String(info.st_mode & 0o777, radix: 8))); chmod 600 \(path)")
        }
        var bytes = [UInt8](repeating: 0, count: 256)
        let count = read(descriptor, &bytes, bytes.count)
        guard count >= 0 else { throw StateDirectoryRefused(path: path, reason: "cannot be read: \(String(cString: strerror(errno)))") }
        guard count < bytes.count, let key = ReceiptKey(fileText: String(decoding: bytes[0..<count], as: UTF8.self)) else {
            throw StateDirectoryRefused(
                path: path, reason: "does not hold a receipt key (base64 of a 32-byte Ed25519 private key); restore it from a backup")
        }
        return (key, false)
    }

    /// Writes a new key: a temporary file beside it, mode 0600, written and synced, then linked
    /// to its name (never over a key already there) and the directory synced. A parkd killed
    /// before the link leaves a temporary file, never an empty key that the next start refuses.
    private static func create(at path: String, directory: String) throws(StateDirectoryRefused) -> ReceiptKey {
        let key = ReceiptKey.generate()
        // What a parkd killed while it wrote one left: a key never used.
        let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasPrefix("." + fileName + ".") && $0.hasSuffix(DurableFile.temporarySuffix) }
        DurableFile.removeOld(leftovers, in: directory, olderThan: 0)
        do {
            let temporary = try DurableFile.writeTemporary(Array(key.fileText.utf8), to: directory, name: fileName, mode: 0o600, synced: true)
            defer { unlink(temporary) }
            guard link(temporary, path) == 0 else { throw SpoolFailure(path: path, operation: "link", code: errno) }
            try DurableFile.sync(directory: directory)
        } catch {
            throw StateDirectoryRefused(path: path, reason: "cannot be written: \(error)")
        }
        return key
    }
}
