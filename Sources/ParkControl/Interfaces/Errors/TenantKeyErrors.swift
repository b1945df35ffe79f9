import MemberwiseInit

extension TenantKeyAPI {
    public static let errors: [any DeclaredError.Type] = [NoSuchKey.self, KeyInUse.self]

    @MemberwiseInit
    public struct NoSuchKey: DeclaredError {
        public static let name = "io.parkd.TenantKey.NoSuchKey"
        public static let kind = FailureKind.notFound
        public var keyId: String
        public var sentence: String { "no tenant key has id '\(keyId)'" }
    }

    @MemberwiseInit
    public struct KeyInUse: DeclaredError {
        public static let name = "io.parkd.TenantKey.KeyInUse"
        public static let kind = FailureKind.invalidInput
        public var keyId: String
        public var tenant: Int64
        public var sentence: String { "key \(keyId) is already recorded for tenant \(tenant)" }
    }
}
