import MemberwiseInit

/// Who vouches for a submission: a tenant's key (the spool), or a staff member at the admin
/// channel entering a tenant's paper submission (`parkctl submit`).
public enum SubmissionSender: Sendable, Equatable {
    /// Signed: the key the envelope names as the store holds it (nil when it holds none) and
    /// the credit code of the tenant it belongs to; `checked`, the signature already checked
    /// outside the store's writer (used only when made with that key over these bytes).
    case signed(signature: [UInt8], key: TenantKey?, keyHolder: CreditCode?, checked: CheckedSignature? = nil)
    /// Entered by a staff member, whose call is audited.
    case staff(user: String)
}

/// A submission recorded earlier under the same tenant and submission id.
@MemberwiseInit
public struct RecordedSubmission: Sendable, Equatable {
    public let envelopeSha256: String
    /// The receipt's content as first written.
    public let receipt: String
}

/// What to do with a received submission.
public enum SubmissionVerdict: Sendable, Equatable {
    /// Record nothing, set the file aside.
    case refuse(SubmissionRefusal)
    /// The same bytes again: the first receipt, and no change.
    case replay(receipt: String)
    /// Record it as rejected with these errors; nothing else changes.
    case reject([SubmissionFieldError])
    /// Carry it out (and record it as accepted, or as rejected by the operation's refusal).
    case apply(SubmissionRequest)
}

/// The decision about one received submission, given what the store holds. No I/O.
public enum SubmissionIntake {
    /// Authenticity first (an unauthentic file must not learn whether an id was used), then
    /// idempotency by (tenant, submission id), then the envelope and the payload's schema.
    public static func decide(
        _ envelope: SubmissionEnvelope, envelopeBytes: [UInt8], sender: SubmissionSender, previous: RecordedSubmission?
    ) -> SubmissionVerdict {
        if case .signed(let signature, let key, let holder, let checked) = sender {
            if let refusal = authenticity(envelope, envelopeBytes: envelopeBytes, signature: signature, key: key, keyHolder: holder, checked: checked) {
                return .refuse(refusal)
            }
        }
        if let previous {
            return previous.envelopeSha256 == sha256(envelopeBytes) ? .replay(receipt: previous.receipt) : .refuse(.reused(firstSha256: previous.envelopeSha256))
        }
        var problems = envelope.problems
        if let type = envelope.submissionType, case .object = envelope.payload {
            switch type.request(from: envelope.payload) {
            case .success(let request) where problems.isEmpty: return .apply(request)
            case .success: break
            case .failure(let more): problems += more.errors
            }
        }
        return .reject(problems)
    }

    /// Why the signature does not show the envelope's tenant sent these bytes; nil when it does.
    static func authenticity(
        _ envelope: SubmissionEnvelope, envelopeBytes: [UInt8], signature: [UInt8], key: TenantKey?, keyHolder: CreditCode?,
        checked: CheckedSignature? = nil
    ) -> SubmissionRefusal? {
        guard let keyId = envelope.keyId else { return .unauthentic("the envelope names no keyId") }
        guard let key, let keyHolder, key.publicKey.keyId == keyId else {
            // A key id is quoted only when it is one: the reason is kept where others may read it.
            return .unauthentic(TenantKey.isKeyId(keyId) ? "no key \(keyId) is on file" : "the envelope's keyId is not a key id (16 hexadecimal digits)")
        }
        guard keyHolder == envelope.tenant else { return .unauthentic("key \(keyId) is not a key of tenant \(envelope.tenant)") }
        if let revokedAt = key.revokedAt { return .unauthentic("key \(keyId) was revoked at \(revokedAt)") }
        let verifies = checked.map { $0.answer(publicKey: key.publicKey, signature: signature, message: envelopeBytes) }
            ?? key.publicKey.verifies(signature: signature, of: envelopeBytes)
        guard verifies else {
            return .unauthentic("the signature is not key \(keyId)'s signature of these envelope bytes")
        }
        return nil
    }

    /// The hex SHA-256 of an envelope's bytes: what idempotency compares and receipts name.
    public static func sha256(_ envelopeBytes: [UInt8]) -> String { ContentHash.sha256(envelopeBytes) }
}
