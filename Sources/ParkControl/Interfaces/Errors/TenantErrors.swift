import MemberwiseInit

extension TenantAPI {
    public static let errors: [any DeclaredError.Type] = [NoSuchTenant.self, CreditCodeInUse.self, InvalidTransition.self]

    @MemberwiseInit
    public struct NoSuchTenant: DeclaredError {
        public static let name = "io.parkd.Tenant.NoSuchTenant"
        public static let kind = FailureKind.notFound
        public var tenant: String
        public var sentence: String { "no tenant has id or credit code '\(tenant)'" }
    }

    @MemberwiseInit
    public struct CreditCodeInUse: DeclaredError {
        public static let name = "io.parkd.Tenant.CreditCodeInUse"
        public static let kind = FailureKind.invalidInput
        public var creditCode: String
        public var tenant: Int64
        public var sentence: String { "credit code \(creditCode) already belongs to tenant \(tenant)" }
    }

    @MemberwiseInit
    public struct InvalidTransition: DeclaredError {
        public static let name = "io.parkd.Tenant.InvalidTransition"
        public static let kind = FailureKind.invalidInput
        public var from: String
        public var to: String
        public var allowed: [String]
        public var sentence: String {
            "a tenant that is \(from) cannot become \(to); allowed: \(allowed.isEmpty ? "none" : allowed.joined(separator: ", "))"
        }
    }
}
