import MemberwiseInit

extension BlocklistAPI {
    public static let errors: [any DeclaredError.Type] = [AlreadyListed.self, NotListed.self]

    @MemberwiseInit
    public struct AlreadyListed: DeclaredError {
        public static let name = "io.parkd.Blocklist.AlreadyListed"
        public static let kind = FailureKind.invalidInput
        public var creditCode: String
        public var listedOn: String
        public var sentence: String { "\(creditCode) is on the blocklist already, since \(listedOn)" }
    }

    @MemberwiseInit
    public struct NotListed: DeclaredError {
        public static let name = "io.parkd.Blocklist.NotListed"
        public static let kind = FailureKind.notFound
        public var creditCode: String
        public var sentence: String { "\(creditCode) is not on the blocklist" }
    }
}
