import Foundation
import ParkControl
import ParkCore
import ParkStore
import Synchronization

/// Online copies of the park's database in `backups/` of the state directory: made with
/// SQLite's backup API while parkd serves, checked with `integrity_check`, pruned to a retention.
/// What `parkctl backup` and the timer action `backup` call.
struct Backups: Sendable {
    static let directoryName = "backups"
    let database: ParkDatabase
    let directory: String

    init(database: ParkDatabase, stateDirectory: String) {
        self.database = database
        directory = (stateDirectory as NSString).appendingPathComponent(Self.directoryName)
    }

    /// A copy's file name: `parkd-20260105T020000Z.sqlite`, the UTC second it was made (a later
    /// copy of the same second gets `-2`, `-3`, … from `reserveName`; `BackupCopyName` reads them).
    static func fileName(at instant: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return "parkd-\(formatter.string(from: instant)).sqlite"
    }

    /// Makes a checked copy at `instant` (parkd's clock), for a scheduled job's `run` when one
    /// makes it. A copy that fails its check is removed and refused.
    func make(at instant: Date, run: Int64? = nil) async throws -> (backup: BackupAPI.Backup, integrity: String) {
        try makeDirectory()
        let name = reserveName(at: instant)
        defer { Self.namesInUse.withLock { _ = $0.remove(path(name)) } }
        // Written under a name no listing shows, and renamed once checked: a copy in backups/
        // is always a whole, sound one.
        let partial = path(Self.partialPrefix + name)
        try? FileManager.default.removeItem(atPath: partial)
        let integrity: String
        do {
            integrity = try await database.backup(
                to: partial, madeByRun: run, at: Instant.rfc3339(millisecondsSinceEpoch: Int64(instant.timeIntervalSince1970 * 1000)))
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw failure(error, writing: path(name))
        }
        guard integrity == "ok" else {
            try? FileManager.default.removeItem(atPath: partial)
            throw BackupAPI.BackupDamaged(integrity: integrity)
        }
        guard rename(partial, path(name)) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: partial)
            throw BackupAPI.BackupFailed(path: path(name), reason: reason)
        }
        return (describe(name, createdAt: instant), integrity)
    }

    /// A copy that could not be written, said of the backups' directory and its file system,
    /// which need not be the database's (a disk of its own mounted there): a full one, a
    /// read-only one, or SQLite's reason.
    private func failure(_ error: any Error, writing path: String) -> any Error {
        var fileSystem = statvfs()
        if statvfs(directory, &fileSystem) == 0, (fileSystem.f_flag & UInt(ST_RDONLY)) != 0 {
            return BackupAPI.BackupFailed(path: path, reason: "\(directory) is on a read-only file system")
        }
        switch error {
        case StorageFailure.diskFull: return BackupAPI.BackupFailed(path: path, reason: "no space left on the file system of \(directory)")
        case StorageFailure.readOnly: return BackupAPI.BackupFailed(path: path, reason: "\(directory) is on a read-only file system")
        case StoreError.unusable(_, let reason): return BackupAPI.BackupFailed(path: path, reason: reason)
        default: return error
        }
    }

    /// The copies, newest first.
    func list() -> [BackupAPI.Backup] {
        copies().sorted(by: >).map { describe($0.name, createdAt: Date(timeIntervalSince1970: TimeInterval($0.secondsSinceEpoch))) }
    }

    private func copies() -> [BackupCopyName] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).compactMap(BackupCopyName.init)
    }

    /// Removes the copies beyond the retention, never `justMade`; the names removed.
    func prune(keepDaily: Int, keepMonthly: Int, justMade: String) throws -> [String] {
        let removable = BackupRetention.removable(copies(), keepDaily: keepDaily, keepMonthly: keepMonthly, justMade: justMade)
        for name in removable { try FileManager.default.removeItem(atPath: path(name)) }
        return removable
    }

    private func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    /// `backups/` (0750) when missing; refused in the system's words when it cannot be, or
    /// when something else has its name.
    private func makeDirectory() throws {
        if mkdir(directory, 0o750) != 0, errno != EEXIST {
            throw BackupAPI.BackupFailed(path: directory, reason: String(cString: strerror(errno)))
        }
        var info = stat()
        guard stat(directory, &info) == 0 else { throw BackupAPI.BackupFailed(path: directory, reason: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw BackupAPI.BackupFailed(path: directory, reason: "is not a directory; move what has its name away")
        }
    }

    /// The paths of the copies being made: two made in the same second (a timer's and an
    /// administrator's) get names, and partial files, of their own.
    private static let namesInUse = Mutex<Set<String>>([])
    /// What a copy's name is written under until it is checked; no listing shows it.
    private static let partialPrefix = ".partial-"

    /// A name no copy has nor is being written under, taken until the copy is made. Partial
    /// files no copy is being written to (a parkd killed while it made one) are removed.
    private func reserveName(at instant: Date) -> String {
        Self.namesInUse.withLock { inUse in
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where entry.hasPrefix(Self.partialPrefix) {
                // A copy being written has its journal, or for a moment its log and shared
                // memory, beside it: none of them goes while its copy's name is taken.
                var copy = String(entry.dropFirst(Self.partialPrefix.count))
                for companion in ["-journal", "-wal", "-shm"] where copy.hasSuffix(companion) { copy = String(copy.dropLast(companion.count)) }
                if !inUse.contains(path(copy)) { try? FileManager.default.removeItem(atPath: path(entry)) }
            }
            var name = Self.fileName(at: instant)
            var suffix = 2
            while inUse.contains(path(name)) || FileManager.default.fileExists(atPath: path(name)) {
                name = Self.fileName(at: instant).replacingOccurrences(of: ".sqlite", with: "-\(suffix).sqlite")
                suffix += 1
            }
            inUse.insert(path(name))
            return name
        }
    }

    private func describe(_ name: String, createdAt: Date) -> BackupAPI.Backup {
        let size = (try? FileManager.default.attributesOfItem(atPath: path(name)))?[.size] as? Int ?? 0
        return BackupAPI.Backup(
            file: name, path: path(name), sizeBytes: Int64(size),
            createdAt: Instant.rfc3339(millisecondsSinceEpoch: Int64(createdAt.timeIntervalSince1970 * 1000)))
    }
}
