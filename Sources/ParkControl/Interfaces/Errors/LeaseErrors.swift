extension LeaseAPI {
    public static let errors: [any DeclaredError.Type] = [NoSuchLease.self, LeaseConflict.self]

    public struct NoSuchLease: DeclaredError {
        public static let name = "io.parkd.Lease.NoSuchLease"
        public static let kind = FailureKind.notFound
        public var lease: Int64
        public init(lease: Int64) { self.lease = lease }
        public var sentence: String { "no lease has id \(lease)" }
    }

    public struct LeaseConflict: DeclaredError {
        public static let name = "io.parkd.Lease.LeaseConflict"
        public static let kind = FailureKind.invalidInput
        public var unit: String
        public var lease: Int64
        public var message: String
        public init(unit: String, lease: Int64, message: String) {
            self.unit = unit
            self.lease = lease
            self.message = message
        }
        public var sentence: String { message }
    }
}
