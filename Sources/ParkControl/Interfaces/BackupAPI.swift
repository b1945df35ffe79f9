import MemberwiseInit

/// `io.parkd.Backup`: online copies of the park's database.
public enum BackupAPI {
    public static let interface = VarlinkInterface(name: "io.parkd.Backup", methods: [create, list], errors: errors, definition: """
        # Copies of the park's database, made while parkd runs with SQLite's online backup API
        # into `backups/` in the state directory, each checked with `PRAGMA integrity_check`.
        # A copy is a plain SQLite file: `parkd --restore FILE` puts one back while parkd is
        # stopped. The timer action `backup` makes them too, and keeps as many as it is told.
        interface io.parkd.Backup

        # One copy.
        type Backup (
          # Its file name, such as parkd-20260105T020000Z.sqlite.
          file: string,
          # Its full path.
          path: string,
          # Its size in bytes.
          sizeBytes: int,
          # When it was made (RFC 3339).
          createdAt: string
        )

        # Makes a copy now (none is removed), and checks it.
        method Create() -> (
          # The copy.
          backup: Backup,
          # What `PRAGMA integrity_check` said of the copy: ok.
          integrity: string
        )

        # The copies in the backups directory, newest first.
        method List() -> (
          # The backups directory.
          directory: string,
          # The copies.
          backups: []Backup
        )

        # The copy was made but fails `PRAGMA integrity_check`; it is removed.
        error BackupDamaged (
          # What the check said.
          integrity: string
        )

        # No copy could be written: the backups directory cannot be made or written.
        error BackupFailed (
          # The file or directory in the way.
          path: string,
          # The system's words (File exists, No space left on device).
          reason: string
        )

        """)

    public static let create = VarlinkMethod<NoParameters, CreateReply>("io.parkd.Backup.Create", access: .write)
    public static let list = VarlinkMethod<NoParameters, ListReply>("io.parkd.Backup.List", access: .read)

    @MemberwiseInit
    public struct Backup: Codable, Sendable, Equatable {
        public var file: String
        public var path: String
        public var sizeBytes: Int64
        public var createdAt: String
    }

    @MemberwiseInit
    public struct CreateReply: Codable, Sendable, Equatable {
        public var backup: Backup
        public var integrity: String
    }

    @MemberwiseInit
    public struct ListReply: Codable, Sendable, Equatable {
        public var directory: String
        public var backups: [Backup]
    }
}
