import MemberwiseInit

/// One thing wrong with a submission: where (a JSON path into the envelope, `$.payload.revenue`)
/// and why, in words a tenant can act on.
@MemberwiseInit
public struct SubmissionFieldError: Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String

    /// A domain rule's refusal of a payload field, at `$.payload.<field>`.
    public init(payload error: DomainError) {
        self.init(path: "$.payload." + error.field, reason: error.reason)
    }

    public var description: String { "\(path): \(reason)" }

    var json: StrictJSON { .object([("path", .string(path)), ("reason", .string(reason))]) }
}
