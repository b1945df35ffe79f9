import Foundation

/// What kind of failure an error is: a client turns it into its exit status.
public enum FailureKind: String, Sendable {
    /// A field failed a rule, a request was refused (sysexits' EX_DATAERR).
    case invalidInput
    /// What was named does not exist (EX_NOINPUT).
    case notFound
    /// The caller's role does not allow it (EX_NOPERM).
    case permissionDenied
    /// parkd failed (EX_SOFTWARE).
    case internalError
    /// The peer said something that is not the protocol (EX_PROTOCOL).
    case protocolError
    /// Refused for now; the same request may succeed later (EX_TEMPFAIL): the caller holds
    /// every connection it may, the database is locked by another process.
    case temporaryFailure
    /// The database cannot be written: the disk is full, the file system read-only, the
    /// database file gone (EX_IOERR).
    case storageFailure
}

/// An error an interface declares once, next to its definition: its Varlink name, its
/// parameters (the type's Codable properties, which the definition's `error` lists), the
/// sentence a client shows, and the kind of failure. The daemon throws these; parkctl reads
/// them back by name, so neither side lists error names by hand.
public protocol DeclaredError: Error, Codable, Sendable, Equatable {
    /// Fully qualified, `interface.ErrorName`.
    static var name: String { get }
    static var kind: FailureKind { get }
    /// What an administrator reads, built from the parameters.
    var sentence: String { get }
}

extension DeclaredError {
    /// The error as sent on the wire.
    public var varlinkError: VarlinkError {
        // Encoding strings, integers and arrays of them cannot fail.
        let parameters = (try? JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(self))) ?? .object([:])
        return VarlinkError(name: Self.name, parameters: parameters)
    }

    /// The error read back from a reply's parameters; nil when they do not fit its declaration.
    public static func decoded(from parameters: JSONValue) -> Self? {
        guard let data = try? JSONEncoder().encode(parameters) else { return nil }
        return try? JSONDecoder().decode(Self.self, from: data)
    }
}

extension VarlinkError {
    /// The declared error this reply is, read back from its parameters, when `interfaces`
    /// declare one of that name and the parameters fit it.
    public func declared(in interfaces: [VarlinkInterface]) -> (any DeclaredError)? {
        for interface in interfaces {
            guard let type = interface.errors.first(where: { $0.name == name }) else { continue }
            return type.decoded(from: parameters)
        }
        return nil
    }
}
