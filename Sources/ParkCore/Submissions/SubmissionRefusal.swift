/// Why a submission was set aside without being recorded: it cannot be read, or nothing shows
/// that the tenant it names sent it. Its text never quotes the submission's content.
public enum SubmissionRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not a regular file of its own, too large, not JSON, not the file format, or an envelope
    /// without a usable submission id or tenant.
    case unreadable(String)
    /// Unknown key, another tenant's key, a revoked key, or a signature that does not verify.
    case unauthentic(String)
    /// The submission id was used before for other bytes (the digest of the first ones).
    case reused(firstSha256: String)

    public var description: String {
        switch self {
        case .unreadable(let reason): "unreadable: \(reason)"
        case .unauthentic(let reason): "unauthentic: \(reason)"
        case .reused(let first): "submission id reused: it was first received with other bytes (SHA-256 \(first))"
        }
    }

    /// The receipt error of this refusal.
    public var fieldError: SubmissionFieldError {
        switch self {
        case .unreadable(let reason): SubmissionFieldError(path: "$", reason: reason)
        case .unauthentic(let reason): SubmissionFieldError(path: "$.keyId", reason: reason)
        case .reused: SubmissionFieldError(path: "$.submissionId", reason: description)
        }
    }
}
