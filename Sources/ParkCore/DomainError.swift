/// A domain rule refused an input; nothing was changed.
///
/// `field` names the input at fault in the wire's camelCase spelling (`creditCode`, `on`),
/// `reason` says what is wrong in words an administrator can act on.
public struct DomainError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A value is malformed or out of range.
        case invalidField
        /// A status change that the lifecycle does not allow.
        case invalidTransition(from: TenantStatus, to: TenantStatus)
    }

    public let kind: Kind
    public let field: String
    public let reason: String

    public static func invalid(_ field: String, _ reason: String) -> DomainError {
        DomainError(kind: .invalidField, field: field, reason: reason)
    }

    public static func transition(from: TenantStatus, to: TenantStatus, _ reason: String) -> DomainError {
        DomainError(kind: .invalidTransition(from: from, to: to), field: "to", reason: reason)
    }

    public var description: String { "\(field): \(reason)" }
}
