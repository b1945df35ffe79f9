import ParkControl
import ParkStore

/// `io.parkd.Backup`.
enum BackupHandlers {
    static func register(in table: inout MethodTable, backups: Backups, database: ParkDatabase, state: DaemonState) {
        table.add(BackupAPI.interface)

        table.register(BackupAPI.create, runs: .offEventLoop) { _, call in
            let made = try await backups.make(at: state.now())
            try await database.recordOutcome(of: call.change())
            return BackupAPI.CreateReply(backup: made.backup, integrity: made.integrity)
        }

        table.register(BackupAPI.list) { _, _ in
            BackupAPI.ListReply(directory: backups.directory, backups: backups.list())
        }
    }
}
