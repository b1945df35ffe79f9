import MemberwiseInit

extension BackupAPI {
    public static let errors: [any DeclaredError.Type] = [BackupDamaged.self]

    @MemberwiseInit
    public struct BackupDamaged: DeclaredError {
        public static let name = "io.parkd.Backup.BackupDamaged"
        public static let kind = FailureKind.internalError
        public var integrity: String
        public var sentence: String { "the copy fails PRAGMA integrity_check and was removed: \(integrity)" }
    }
}
