extension BackupAPI {
    public static let errors: [any DeclaredError.Type] = [BackupDamaged.self]

    public struct BackupDamaged: DeclaredError {
        public static let name = "io.parkd.Backup.BackupDamaged"
        public static let kind = FailureKind.internalError
        public var integrity: String
        public init(integrity: String) { self.integrity = integrity }
        public var sentence: String { "the copy fails PRAGMA integrity_check and was removed: \(integrity)" }
    }
}
