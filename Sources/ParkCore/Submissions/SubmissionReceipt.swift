/// What the park answers a submission with, signed with its receipt key. The content is
/// recorded with the submission in the same transaction as its effect, so a receipt written
/// again after a crash is the same bytes.
///
/// Content (one JSON object, compact, members in this order):
/// `{"format":"parkd-receipt-1","park":<receipt key id>,"tenant":…,"submissionId":…,"type":…,
///   "envelopeSha256":…,"channel":"spool"|"staff","decidedAt":…,"status":"accepted"|"rejected",
///   "result":{…}}` or `…,"status":"rejected","errors":[{"path":…,"reason":…}]}`; a refused
/// submission (unauthentic, id reused) has `"status":"refused"` and is not recorded.
public struct SubmissionReceipt: Sendable, Equatable {
    public enum Status: String, Sendable { case accepted, rejected, refused }

    public let text: String
    public let status: Status

    public init(
        parkKeyId: String, tenant: CreditCode, submissionId: String, type: String, envelopeSha256: String, channel: String,
        decidedAt: String, outcome: Result<SubmissionOutcome, SubmissionReceiptErrors>, refused: Bool = false
    ) {
        var members: [(name: String, value: StrictJSON)] = [
            ("format", .string("parkd-receipt-1")), ("park", .string(parkKeyId)), ("tenant", .string(tenant.value)),
            ("submissionId", .string(submissionId)), ("type", .string(type)), ("envelopeSha256", .string(envelopeSha256)),
            ("channel", .string(channel)), ("decidedAt", .string(decidedAt)),
        ]
        switch outcome {
        case .success(let result):
            status = .accepted
            members += [("status", .string("accepted")), ("result", result.json)]
        case .failure(let errors):
            status = refused ? .refused : .rejected
            members += [("status", .string(status.rawValue)), ("errors", .array(errors.errors.map(\.json)))]
        }
        text = StrictJSON.object(members).encoded
    }

    /// The receipt file: `{"receipt": <base64 of the content>, "keyId": <park key id>,
    /// "signature": <base64 of the Ed25519 signature of the content's bytes>}` and a line end.
    public static func fileBytes(content: String, key: ReceiptKey) throws -> [UInt8] {
        let bytes = Array(content.utf8)
        let signature = try key.sign(bytes)
        return Array(StrictJSON.object([
            ("receipt", .string(Base64Text.encode(bytes))), ("keyId", .string(key.publicKey.keyId)),
            ("signature", .string(Base64Text.encode(signature))),
        ]).encoded.utf8) + [0x0A]
    }

    /// The file name of a receipt in the tenant's outbox: `<submission id>.json` for what was
    /// recorded; a refused submission's never replaces it (`<id>.refused-<12 hex>.json`).
    public static func fileName(submissionId: String, refusedSha256: String? = nil) -> String {
        guard let refusedSha256 else { return submissionId + ".json" }
        return submissionId + ".refused-" + refusedSha256.prefix(12) + ".json"
    }
}

/// The errors a rejection lists (an `Error` so a receipt's outcome can be a `Result`).
public struct SubmissionReceiptErrors: Error, Sendable, Equatable {
    public let errors: [SubmissionFieldError]
    public init(_ errors: [SubmissionFieldError]) { self.errors = errors }

    /// The first three errors and how many more, within 1,000 characters: what the audit trail
    /// keeps of a rejection (the receipt holds them all).
    public var summary: String {
        var text = errors.prefix(3).map(\.description).joined(separator: "; ")
        if errors.count > 3 { text += "; and \(errors.count - 3) more" }
        return text.count > 1_000 ? text.prefix(999) + "…" : text
    }
}
