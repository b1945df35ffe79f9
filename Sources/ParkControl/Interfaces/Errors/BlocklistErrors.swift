extension BlocklistAPI {
    public static let errors: [any DeclaredError.Type] = [AlreadyListed.self, NotListed.self]

    public struct AlreadyListed: DeclaredError {
        public static let name = "io.parkd.Blocklist.AlreadyListed"
        public static let kind = FailureKind.invalidInput
        public var creditCode: String
        public var listedOn: String
        public init(creditCode: String, listedOn: String) {
            self.creditCode = creditCode
            self.listedOn = listedOn
        }
        public var sentence: String { "\(creditCode) is on the blocklist already, since \(listedOn)" }
    }

    public struct NotListed: DeclaredError {
        public static let name = "io.parkd.Blocklist.NotListed"
        public static let kind = FailureKind.notFound
        public var creditCode: String
        public init(creditCode: String) { self.creditCode = creditCode }
        public var sentence: String { "\(creditCode) is not on the blocklist" }
    }
}
