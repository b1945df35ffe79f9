import MemberwiseInit

extension BackupAPI {
    public static let errors: [any DeclaredError.Type] = [BackupDamaged.self, BackupFailed.self]

    @MemberwiseInit
    public struct BackupFailed: DeclaredError {
        public static let name = "io.parkd.Backup.BackupFailed"
        public static let kind = FailureKind.storageFailure
        public var path: String
        public var reason: String
        public var sentence: String { "no copy was made: \(path): \(reason)" }
    }

    @MemberwiseInit
    public struct BackupDamaged: DeclaredError {
        public static let name = "io.parkd.Backup.BackupDamaged"
        public static let kind = FailureKind.internalError
        public var integrity: String
        public var sentence: String { "the copy fails PRAGMA integrity_check and was removed: \(integrity)" }
    }
}
