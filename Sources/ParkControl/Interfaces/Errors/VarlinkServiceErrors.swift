import MemberwiseInit

extension VarlinkServiceAPI {
    public static let errors: [any DeclaredError.Type] = [
        InterfaceNotFound.self, MethodNotFound.self, MethodNotImplemented.self, InvalidParameter.self,
    ]

    @MemberwiseInit
    public struct InterfaceNotFound: DeclaredError {
        public static let name = "org.varlink.service.InterfaceNotFound"
        public static let kind = FailureKind.notFound
        public var interface: String
        public var sentence: String { "parkd does not know \(Self.name) (interface=\(interface)); is it older than parkctl?" }
    }

    @MemberwiseInit
    public struct MethodNotFound: DeclaredError {
        public static let name = "org.varlink.service.MethodNotFound"
        public static let kind = FailureKind.notFound
        public var method: String
        public var sentence: String { "parkd does not know \(Self.name) (method=\(method)); is it older than parkctl?" }
    }

    @MemberwiseInit
    public struct MethodNotImplemented: DeclaredError {
        public static let name = "org.varlink.service.MethodNotImplemented"
        public static let kind = FailureKind.protocolError
        public var method: String
        public var sentence: String { "\(Self.name) (method=\(method))" }
    }

    @MemberwiseInit
    public struct InvalidParameter: DeclaredError {
        public static let name = "org.varlink.service.InvalidParameter"
        public static let kind = FailureKind.invalidInput
        public var parameter: String
        public var sentence: String { "invalid parameter \(parameter)" }
    }
}
