import Foundation

/// An exclusive hold on a state directory for the daemon's lifetime: a second parkd on the
/// same directory (another socket, another unit) would write the same database behind the
/// first one's back. `flock` is released by the kernel when the process ends, however it ends,
/// so a stale lock file never blocks a restart. The lock is taken on the directory itself, which
/// cannot be deleted from under a running parkd as a file can, and on `parkd.lock`, which names
/// the holder's pid.
final class StateDirectoryLock: Sendable {
    static let fileName = "parkd.lock"
    private let directoryDescriptor: Int32
    private let descriptor: Int32

    /// Takes the lock, writing this process's pid into the file; refuses when another process
    /// holds it, naming that process.
    init(directory: String) throws(StateDirectoryLocked) {
        let path = (directory as NSString).appendingPathComponent(Self.fileName)
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryDescriptor >= 0 else {
            throw StateDirectoryLocked(path: directory, reason: "cannot open: \(String(cString: strerror(errno)))")
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            close(directoryDescriptor)
            throw StateDirectoryLocked(path: path, reason: "cannot open: \(String(cString: strerror(errno)))")
        }
        for (held, name) in [(directoryDescriptor, directory), (descriptor, path)] where flock(held, LOCK_EX | LOCK_NB) != 0 {
            let failure = errno
            let holder = Self.recordedPID(descriptor)
            close(descriptor)
            close(directoryDescriptor)
            guard failure == EWOULDBLOCK else { throw StateDirectoryLocked(path: name, reason: String(cString: strerror(failure))) }
            throw StateDirectoryLocked(
                path: path,
                reason: "another parkd\(holder.map { " (pid \($0))" } ?? "") is running on \(directory); stop it first or give this one another --state-dir")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        self.directoryDescriptor = directoryDescriptor
        self.descriptor = descriptor
    }

    private static func recordedPID(_ descriptor: Int32) -> Int32? {
        var bytes = [UInt8](repeating: 0, count: 32)
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: bytes[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    deinit {
        close(descriptor)
        close(directoryDescriptor)
    }
}

/// The state directory is held by another process, or its lock file cannot be used.
struct StateDirectoryLocked: Error, CustomStringConvertible {
    let path: String
    let reason: String

    var description: String { "\(path): \(reason)" }
}
