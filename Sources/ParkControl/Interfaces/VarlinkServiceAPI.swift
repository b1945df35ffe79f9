import MemberwiseInit

/// `org.varlink.service`: the introspection interface every Varlink service provides.
public enum VarlinkServiceAPI {
    public static let interface = VarlinkInterface(
        name: "org.varlink.service", methods: [getInfo, getInterfaceDescription], errors: errors, definition: """
        # The Varlink Service Interface is provided by every varlink service. It
        # describes the service and the interfaces it implements.
        interface org.varlink.service

        # Get a list of all the interfaces a service provides and information
        # about the implementation.
        method GetInfo() -> (
          # Who makes the service.
          vendor: string,
          # What the service is.
          product: string,
          # Its version.
          version: string,
          # Where to read about it.
          url: string,
          # The names of the interfaces it provides.
          interfaces: []string
        )

        # Get the description of an interface that is implemented by this service.
        method GetInterfaceDescription(
          # The interface's name.
          interface: string
        ) -> (
          # Its definition in the Varlink interface definition language.
          description: string
        )

        # The requested interface was not found.
        error InterfaceNotFound (
          # The interface's name, as requested.
          interface: string
        )

        # The requested method was not found
        error MethodNotFound (
          # The method's name, as requested.
          method: string
        )

        # The interface defines the requested method, but the service does not
        # implement it.
        error MethodNotImplemented (
          # The method's name, as requested.
          method: string
        )

        # One of the passed parameters is invalid.
        error InvalidParameter (
          # The parameter's name.
          parameter: string
        )

        """)

    public static let getInfo = VarlinkMethod<NoParameters, GetInfoReply>("org.varlink.service.GetInfo", access: .everyone)
    public static let getInterfaceDescription = VarlinkMethod<GetInterfaceDescription, GetInterfaceDescriptionReply>(
        "org.varlink.service.GetInterfaceDescription", access: .everyone)

    @MemberwiseInit
    public struct GetInfoReply: Codable, Sendable, Equatable {
        public var vendor: String
        public var product: String
        public var version: String
        public var url: String
        public var interfaces: [String]
    }

    @MemberwiseInit
    public struct GetInterfaceDescription: Codable, Sendable {
        public var interface: String
    }

    @MemberwiseInit
    public struct GetInterfaceDescriptionReply: Codable, Sendable {
        public var description: String
    }
}
