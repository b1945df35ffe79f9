import MemberwiseInit

extension ServiceAPI {
    public static let errors: [any DeclaredError.Type] = [
        PermissionDenied.self, InvalidField.self, InvalidMessage.self, InternalError.self, TooManyConnections.self,
        DiskFull.self, DatabaseBusy.self, DatabaseReadOnly.self, DatabaseUnavailable.self, ComputeTimeExceeded.self,
    ]

    @MemberwiseInit
    public struct PermissionDenied: DeclaredError {
        public static let name = "io.parkd.Service.PermissionDenied"
        public static let kind = FailureKind.permissionDenied
        public var method: String
        public var uid: Int64
        public var sentence: String { "permission denied: uid \(uid) may not call \(method)" }
    }

    /// parkctl names the field by the option its command gives it with (see `CommandFailure`).
    @MemberwiseInit
    public struct InvalidField: DeclaredError {
        public static let name = "io.parkd.Service.InvalidField"
        public static let kind = FailureKind.invalidInput
        public var field: String
        public var reason: String
        public var sentence: String { "invalid \(field): \(reason)" }
    }

    @MemberwiseInit
    public struct InvalidMessage: DeclaredError {
        public static let name = "io.parkd.Service.InvalidMessage"
        public static let kind = FailureKind.protocolError
        public var reason: String
        public var sentence: String { "parkd could not read the request: \(reason)" }
    }

    public struct InternalError: DeclaredError {
        public static let name = "io.parkd.Service.InternalError"
        public static let kind = FailureKind.internalError
        public init() {}
        public var sentence: String { "parkd failed to carry out the request; see its journal" }
    }

    @MemberwiseInit
    public struct TooManyConnections: DeclaredError {
        public static let name = "io.parkd.Service.TooManyConnections"
        public static let kind = FailureKind.temporaryFailure
        public var uid: Int64
        /// The limit the connection would have passed: `limits.connections_per_user`, or the
        /// connections open to callers other than admins.
        public var limit: Int
        public var reason: String
        public var sentence: String { "parkd refused the connection of uid \(uid): \(reason); close some and try again" }
    }

    public struct DiskFull: DeclaredError {
        public static let name = "io.parkd.Service.DiskFull"
        public static let kind = FailureKind.storageFailure
        public init() {}
        public var sentence: String { "the disk holding parkd's database is full; nothing was changed: free space on it and try again" }
    }

    @MemberwiseInit
    public struct DatabaseBusy: DeclaredError {
        public static let name = "io.parkd.Service.DatabaseBusy"
        public static let kind = FailureKind.temporaryFailure
        /// The process holding the database's lock, when parkd can tell.
        public var holderPid: Int64?
        public var sentence: String {
            let holder = holderPid.map { "another process (pid \($0))" } ?? "another process"
            return "parkd's database is locked by \(holder) past database.busy_timeout_seconds; nothing was changed: try again once it lets go"
        }
    }

    public struct DatabaseReadOnly: DeclaredError {
        public static let name = "io.parkd.Service.DatabaseReadOnly"
        public static let kind = FailureKind.storageFailure
        public init() {}
        public var sentence: String {
            "parkd's database cannot be written (a read-only file system or file); nothing was changed"
        }
    }

    @MemberwiseInit
    public struct DatabaseUnavailable: DeclaredError {
        public static let name = "io.parkd.Service.DatabaseUnavailable"
        public static let kind = FailureKind.storageFailure
        public var reason: String
        public var sentence: String { "parkd cannot use its database: \(reason); see its journal" }
    }

    @MemberwiseInit
    public struct ComputeTimeExceeded: DeclaredError {
        public static let name = "io.parkd.Service.ComputeTimeExceeded"
        public static let kind = FailureKind.temporaryFailure
        public var method: String
        public var seconds: Int
        public var sentence: String {
            "\(method) took longer than limits.compute_seconds (\(seconds) s) and was stopped; give it less to do (fewer cases, a shorter period)"
        }
    }
}
