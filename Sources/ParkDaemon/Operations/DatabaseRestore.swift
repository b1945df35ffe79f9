import Foundation
import ParkControl
import ParkCore
import ParkStore

/// `parkd --restore FILE`: puts a copy of the park's database (a backup) in place of the state
/// directory's database, while no parkd runs on that directory. The database it replaces is
/// kept beside it, renamed, never deleted.
public enum DatabaseRestore {
    /// What a restore did, for the administrator.
    public struct Restored: Sendable {
        public let database: String
        /// Where the replaced database now is; nil when there was none.
        public let keptAside: String?
        /// The schema versions of the copy that the next start will add.
        public let pendingMigrations: [String]
        /// Why the restore's note is not sealed although parkd has an audit key; nil when it is,
        /// or there is no key.
        public let warning: String?
        /// The changes the replaced database recorded after the copy's newest, left out (with
        /// `discardingLaterChanges`); nil when there were none.
        public let discarded: LaterChanges?
        /// Why the replaced database could not be read to say what it held after the copy.
        public let replacedUnread: String?
    }

    /// Restores `file` into `stateDirectory`. Refuses while a parkd holds the directory's lock,
    /// and a file that is no sound parkd database or was written by a newer parkd; and, unless
    /// `discardingLaterChanges`, a copy older than the database in place, whose trail records
    /// changes after the copy's newest: restored, those would be undone without a word (a
    /// payment batch the bank has paid, made again and paid twice). The note the next start
    /// records is sealed with the key parkd seals its trail with (its credential, or
    /// `auditKeyFile`), so that the start takes it at its word.
    public static func restore(
        file: String, stateDirectory: String, auditKeyFile: String, discardingLaterChanges: Bool = false, at instant: Date
    ) throws -> Restored {
        var warning: String?
        var auditKey: AuditKey?
        do {
            auditKey = try AuditKeyFile.load(keyFile: auditKeyFile)?.0
            if auditKey == nil {
                warning = "no audit key at \(auditKeyFile): the note of this restore is not sealed, and a parkd that holds a key records it "
                    + "as a claim, which no anchor is checked against (give the --config the service runs with)"
            }
        } catch {
            warning = "\(error); the restore is recorded as a claim, which no anchor is checked against"
        }
        guard FileManager.default.fileExists(atPath: stateDirectory) else {
            throw RestoreRefused("\(stateDirectory): no such state directory")
        }
        let lock: StateDirectoryLock
        do {
            lock = try StateDirectoryLock(directory: stateDirectory)
        } catch {
            throw RestoreRefused("\(error); a restore runs only while parkd is stopped")
        }
        return try withExtendedLifetime(lock) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw RestoreRefused("\(file): no such file")
            }
            // A copy taken from a live database in WAL mode holds part of its data in the log (an
            // empty log, as a database kept aside by an earlier restore has, holds none).
            let log = (try? FileManager.default.attributesOfItem(atPath: file + "-wal"))?[.size] as? Int
            guard log == nil || log == 0 else {
                throw RestoreRefused("""
                    \(file)-wal holds changes \(file) does not (a live database's log, or that of a database kept aside after a crash): \
                    restore a copy from backups/, or, parkd stopped, move the log into the file first \
                    (sqlite3 \(file) 'PRAGMA wal_checkpoint(TRUNCATE)') and restore it then
                    """)
            }
            // Absolute: the note names the database kept aside for a parkd started elsewhere.
            let database = URL(fileURLWithPath: stateDirectory).standardizedFileURL.appendingPathComponent(Daemon.databaseFileName).path
            let manager = FileManager.default
            // Copied next to its place first, checked there, then renamed over it: the database is
            // never half written, and the file restored is only read (opened by SQLite, even read
            // only, a copy in WAL mode would get a -wal and -shm beside it, or could not be read
            // from a read-only place at all).
            let incoming = database + incomingSuffix
            func removeIncoming() { _ = removeInterrupted(database: database) }
            removeIncoming()
            do {
                try manager.copyItem(atPath: file, toPath: incoming)
                _ = chmod(incoming, 0o640)
            } catch {
                // A copy cut short (no room left) leaves nothing behind to fill the disk.
                removeIncoming()
                throw RestoreRefused("\(file): cannot copy into \(stateDirectory): \(error.localizedDescription)")
            }
            let versions: [String]
            do {
                let integrity: String
                do {
                    integrity = try ParkDatabase.integrityCheck(path: incoming)
                    versions = try ParkDatabase.schemaVersions(path: incoming)
                } catch {
                    throw RestoreRefused("\(file): not a database parkd can read: \(error)")
                }
                guard integrity == "ok" else { throw RestoreRefused("\(file): fails PRAGMA integrity_check: \(integrity)") }
                guard !versions.isEmpty else { throw RestoreRefused("\(file): not a parkd database (it holds no schema version)") }
                let known = ParkDatabase.knownSchemaVersions
                let unknown = versions.filter { !known.contains($0) }
                guard unknown.isEmpty else {
                    throw RestoreRefused("\(file): written by a newer parkd (schema \(unknown.joined(separator: ", "))); restore it with that release")
                }
            } catch {
                removeIncoming()
                throw error
            }
            // What the check left beside the copy holds nothing: the copy had no log.
            for suffix in ["-wal", "-shm"] { try? manager.removeItem(atPath: incoming + suffix) }
            let restoredHead = try? ParkDatabase.auditHead(path: incoming)
            // A restore made before parkd recorded the previous one restores over it: the park
            // that one replaced is what this copy is compared with, and what its note names.
            let pending = try pendingRestore(in: stateDirectory, database: database, key: auditKey)
            let park = pending.map(\.keptAside) ?? database
            var discarded: LaterChanges?
            var replacedUnread: String?
            if let park, manager.fileExists(atPath: park) {
                do {
                    for path in Set([database, park]) {
                        if let holder = StorageFailure.otherProcessLocks(path) {
                            throw RestoreRefused("\(path): another process\(holder.pid.map { " (pid \($0))" } ?? "") holds the database; a restore replaces it only when nothing has it open")
                        }
                    }
                    let shared = try ParkDatabase.sharedTrailHead(path: park, other: incoming)
                    discarded = try ParkDatabase.changes(path: park, after: shared, besides: notChanges)
                    if let later = discarded, !discardingLaterChanges {
                        let copy = shared == (restoredHead?.id ?? 0)
                            ? "\(file) is older than \(park), which records \(later.summary)"
                            : "\(file) is not \(park) as it was: their audit trails part after entry \(shared) (the copy's newest is "
                                + "entry \(restoredHead?.id ?? 0)); since then \(park) records \(later.summary)"
                        throw RestoreRefused("""
                            \(copy). Restored, the copy undoes them\
                            \(later.payments > 0 ? " (payments among them: a batch the bank has paid could be made and paid again)" : ""). \
                            Restore a newer copy, or give --discard-newer to restore this one anyway (the database in place is kept aside)
                            """)
                    }
                } catch let refused as RestoreRefused {
                    removeIncoming()
                    throw refused
                } catch StorageFailure.busy(let holder) {
                    // Locked between the look at /proc/locks and the read.
                    removeIncoming()
                    throw RestoreRefused("\(park): another process\(holder.map { " (pid \($0))" } ?? "") holds the database; a restore replaces it only when nothing has it open")
                } catch {
                    // A damaged database, the reason to restore: what it held after the copy is not known.
                    replacedUnread = "\(park) cannot be read (\(error)): what it recorded after the copy is not known"
                }
            }
            if !manager.fileExists(atPath: database) {
                // A log left without its database (moved away after kill -9) would be read into the copy.
                try keepStrayLogAside(of: database, at: instant)
            }
            // Restored by root for a parkd that runs as its own user: the database is that
            // user's, as the state directory is.
            var directory = stat()
            if getuid() == 0, stat(stateDirectory, &directory) == 0 {
                _ = chown(incoming, directory.st_uid, directory.st_gid)
            }
            // Reading the copy (its trail, above) may have left an empty log and shared memory
            // beside it: they hold nothing, and would stay behind under the copy's name.
            for suffix in ["-wal", "-shm"] { try? manager.removeItem(atPath: incoming + suffix) }
            // On the disk before it takes the database's name: a power cut after the rename
            // must not leave a database half written.
            try syncFile(incoming)
            var keptAside: String?
            if manager.fileExists(atPath: database) {
                // A second restore in the same second keeps its database aside as `….2`.
                let stamped = database + ".replaced-" + stamp(instant)
                var aside = stamped
                var number = 1
                while manager.fileExists(atPath: aside) {
                    number += 1
                    aside = stamped + ".\(number)"
                }
                // The database keeps its name until the copy takes it, so there is always one:
                // kept aside by a second name first; its log and shared memory go with it, so
                // the pair stays whole (and the log is never read with the copy).
                guard link(database, aside) == 0 else {
                    unlink(incoming)
                    throw RestoreRefused("cannot keep \(database) aside as \(aside): \(String(cString: strerror(errno)))")
                }
                for suffix in ["-wal", "-shm"] where manager.fileExists(atPath: database + suffix) {
                    try manager.moveItem(atPath: database + suffix, toPath: aside + suffix)
                }
                keptAside = aside
            }
            // What the next start records in the audit trail: written before the copy takes
            // the database's name, so a restore done is never one the trail does not tell of.
            let note = RestoreNote(
                file: URL(fileURLWithPath: file).standardizedFileURL.path,
                restoredAt: Instant.rfc3339(millisecondsSinceEpoch: Int64(instant.timeIntervalSince1970 * 1000)),
                uid: Int64(getuid()), user: Caller.userName(uid: getuid()) ?? "uid \(getuid())", pid: Int64(getpid()),
                keptAside: pending.map(\.keptAside) ?? keptAside, restoredHead: restoredHead,
                replacedHead: pending.map(\.replacedHead) ?? keptAside.flatMap { try? ParkDatabase.auditHead(path: $0) },
                discarded: discarded?.summary
            ).sealed(with: auditKey)
            // Not restored: the database keeps its log, the second name goes, and so does the note.
            func undo() {
                if let aside = keptAside {
                    for suffix in ["-wal", "-shm"] where manager.fileExists(atPath: aside + suffix) {
                        try? manager.moveItem(atPath: aside + suffix, toPath: database + suffix)
                    }
                    unlink(aside)
                }
                unlink(incoming)
                // The earlier restore's note, when this one was to restore over it, stays.
                if let pending { try? pending.write(into: stateDirectory) } else { unlink(stateDirectory + "/" + RestoreNote.fileName) }
            }
            do {
                try note.write(into: stateDirectory)
                try syncFile(stateDirectory)
            } catch {
                undo()
                throw error
            }
            guard rename(incoming, database) == 0 else {
                let reason = String(cString: strerror(errno))
                undo()
                throw RestoreRefused("cannot put the copy in place of \(database): \(reason)")
            }
            try syncFile(stateDirectory)
            return Restored(
                database: database, keptAside: keptAside, pendingMigrations: ParkDatabase.knownSchemaVersions.filter { !versions.contains($0) },
                warning: warning, discarded: discarded, replacedUnread: replacedUnread)
        }
    }
}

extension DatabaseRestore {
    /// The audited methods that leave the park's data as it was: a copy undoes nothing of them.
    /// So are parkd's own records: a policy load, a schema upgrade, the trail's seal and key.
    static let notChanges = [
        BackupAPI.create.name, TimerAPI.run.name, ServiceAPI.setLogLevel.name, ReloadService.method, PolicyRegistry.loadMethod,
        Daemon.upgradeMethod, ParkDatabase.sealMethod, ParkDatabase.keyChangedMethod,
    ]

    /// The note of an earlier restore that is done (the database in place is its copy, as it
    /// put it) and waits for a start to record it; nil when there is none. It is taken at its
    /// word only when it is sealed with the service's audit key (when there is one) and the
    /// database it kept aside is still there as it left it: else the restore is refused, saying
    /// how to go on, rather than compared with a database the note may name wrongly.
    private static func pendingRestore(in stateDirectory: String, database: String, key: AuditKey?) throws -> RestoreNote? {
        let path = stateDirectory + "/" + RestoreNote.fileName
        guard let data = FileManager.default.contents(atPath: path),
              let note = try? JSONDecoder().decode(RestoreNote.self, from: data),
              let head = try? ParkDatabase.auditHead(path: database), head == note.restoredHead else { return nil }
        let sealed = key.map { note.keyId == $0.id && note.seal == $0.sealNote(note.sealedText) } ?? true
        let keptAsIs = note.keptAside.map { kept in
            URL(fileURLWithPath: kept).deletingLastPathComponent().standardizedFileURL.path
                == URL(fileURLWithPath: stateDirectory).standardizedFileURL.path
                && (try? ParkDatabase.auditHead(path: kept)) == note.replacedHead
        } ?? true
        guard sealed, keptAsIs else {
            throw RestoreRefused("""
                the restore of \(note.file) at \(note.restoredAt) is not recorded yet (\(path)), and its note cannot be taken at \
                its word (\(sealed ? "the database it names as kept aside, \(note.keptAside ?? "-"), is gone or changed" : "it is not sealed with the audit key")): \
                start parkd once so that it is recorded, then restore again
                """)
        }
        return note
    }

    /// Where the copy is put and checked, beside the database, before it is renamed over it.
    private static let incomingSuffix = ".restoring"

    /// Removes the copy a restore put beside `database` and had not renamed over it yet (a
    /// restore killed while it checked the copy; only while no parkd and no restore holds the
    /// state directory); the paths removed.
    static func removeInterrupted(database: String) -> [String] {
        ["", "-wal", "-shm"].map { database + incomingSuffix + $0 }.filter { (try? FileManager.default.removeItem(atPath: $0)) != nil }
    }

    /// Moves a log and shared memory that have no database beside them out of its way, named as
    /// a database kept aside is.
    private static func keepStrayLogAside(of database: String, at instant: Date) throws {
        let manager = FileManager.default
        for suffix in ["-wal", "-shm"] where manager.fileExists(atPath: database + suffix) {
            let aside = database + ".stray-" + stamp(instant) + suffix
            do {
                try manager.moveItem(atPath: database + suffix, toPath: aside)
            } catch {
                throw RestoreRefused("cannot move \(database)\(suffix), which has no database beside it, out of the way: \(error.localizedDescription)")
            }
        }
    }

    /// `20261206T031600Z`: the second a restore names what it keeps aside by.
    static func stamp(_ instant: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: instant)
    }

    /// Flushes a file, or a directory's entries, to the disk.
    private static func syncFile(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0, fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            if descriptor >= 0 { close(descriptor) }
            throw RestoreRefused("cannot write \(path) to the disk: \(reason)")
        }
        close(descriptor)
    }
}

/// A restore that was not done, and why.
public struct RestoreRefused: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
