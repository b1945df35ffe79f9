import MemberwiseInit

extension LeaseAPI {
    public static let errors: [any DeclaredError.Type] = [NoSuchLease.self, LeaseConflict.self]

    @MemberwiseInit
    public struct NoSuchLease: DeclaredError {
        public static let name = "io.parkd.Lease.NoSuchLease"
        public static let kind = FailureKind.notFound
        public var lease: Int64
        public var sentence: String { "no lease has id \(lease)" }
    }

    @MemberwiseInit
    public struct LeaseConflict: DeclaredError {
        public static let name = "io.parkd.Lease.LeaseConflict"
        public static let kind = FailureKind.invalidInput
        public var unit: String
        public var lease: Int64
        public var message: String
        public var sentence: String { message }
    }
}
