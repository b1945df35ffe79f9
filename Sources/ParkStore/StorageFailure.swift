import Foundation
import GRDB

/// The database could not be written for a reason outside parkd: what an administrator must
/// fix, told apart from parkd's own failures. Nothing was changed.
public enum StorageFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file system holding the database is full (SQLITE_FULL, ENOSPC).
    case diskFull
    /// Another process holds the database's write lock past the busy timeout; the process,
    /// when /proc/locks names it.
    case busy(holder: Int32?)
    /// The database or its file system is read-only.
    case readOnly
    /// The database file cannot be reached any more (deleted, replaced, I/O error).
    case unavailable(_ reason: String)

    public var description: String {
        switch self {
        case .diskFull: "the file system holding the database is full"
        case .busy(let holder): "another process\(holder.map { " (pid \($0))" } ?? "") holds the database's lock"
        case .readOnly: "the database or its file system is read-only"
        case .unavailable(let reason): "the database cannot be reached: \(reason)"
        }
    }

    /// The failure `error` is, when it is one of these; nil for every other error.
    static func classify(_ error: any Error, databasePath: String) -> StorageFailure? {
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_FULL: return .diskFull
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(holder: lockHolder(of: databasePath))
        case .SQLITE_READONLY: return .readOnly
        case .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return .unavailable(error.message ?? "SQLite error \(error.extendedResultCode.rawValue)")
        default: return nil
        }
    }

    /// The first other process holding a lock on the database or its shared-memory file, from
    /// /proc/locks (SQLite's locks are POSIX record locks): one that has it open, reading or
    /// writing.
    public static func lockHolder(of databasePath: String) -> Int32? {
        let inodes = [databasePath, databasePath + "-shm"].compactMap { path -> String? in
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            return "\(hex(deviceMajor(UInt64(info.st_dev)))):\(hex(deviceMinor(UInt64(info.st_dev)))):\(info.st_ino)"
        }
        guard let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return nil }
        for line in locks.split(separator: "\n") {
            // 1: POSIX  ADVISORY  WRITE 4242 08:01:1234567 120 120
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, let pid = Int32(fields[4]), pid != getpid(), inodes.contains(String(fields[5])) else { continue }
            return pid
        }
        return nil
    }

    /// Whether another process holds a lock on the database or its shared-memory file, asked of
    /// the kernel (F_GETLK, for a write lock on the whole file) rather than read from
    /// /proc/locks, whose device numbers need not be those stat gives (btrfs subvolumes,
    /// overlay file systems): a guard, where `lockHolder(of:)` only names a process in a
    /// message. The holder's pid is nil for an open-file-description lock, which has none.
    /// Only for a process with no connection to the database: closing the descriptor it asks
    /// through drops every POSIX lock this process holds on the file.
    public static func otherProcessLocks(_ databasePath: String) -> LockedByAnotherProcess? {
        for path in [databasePath, databasePath + "-shm"] {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            var query = flock()
            query.l_type = Int16(F_WRLCK)
            query.l_whence = Int16(SEEK_SET)
            query.l_start = 0
            query.l_len = 0
            guard fcntl(descriptor, F_GETLK, &query) == 0, query.l_type != Int16(F_UNLCK) else { continue }
            return LockedByAnotherProcess(path: path, pid: query.l_pid > 0 ? query.l_pid : nil)
        }
        return nil
    }

    /// A lock another process holds on a database's file.
    public struct LockedByAnotherProcess: Equatable, Sendable {
        public let path: String
        public let pid: Int32?
    }

    // The kernel's encoding of a device number (glibc's gnu_dev_major and gnu_dev_minor).
    private static func deviceMajor(_ device: UInt64) -> UInt64 { ((device >> 8) & 0xfff) | ((device >> 32) & ~0xfff) }
    private static func deviceMinor(_ device: UInt64) -> UInt64 { (device & 0xff) | ((device >> 12) & ~0xff) }
    /// At least two hex digits, as /proc/locks prints them.
    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return digits.count < 2 ? "0" + digits : digits
    }
}
