import Foundation
import ParkControl
import ParkCore
import ParkStore

/// Takes tenants' submissions, from the spool or from staff, through one pipeline: read,
/// authenticate, decide once by (tenant, submission id), commit the effect with the
/// submission's record and receipt, then write the receipt, signed with the park's key, to the
/// tenant's outbox.
struct TenantSubmissions: Sendable {
    /// The method the audit trail records for each file the spool takes (the uploader's uid
    /// and user as the caller): no admin call has it.
    static let intakeMethod = "io.parkd.Submission.Intake"

    let database: ParkDatabase
    let state: DaemonState
    let receiptKey: ReceiptKey
    let spool: Spool
    /// Tenants' public keys by key id, as the store holds them: a key id is a digest of its key,
    /// so an entry never goes stale (revocation is checked in the decision, in the writer).
    private let publicKeys = PublicKeyCache()

    /// What to do with a spool file once it is decided.
    struct Decided: Sendable {
        /// The receipt to write first: the tenant whose outbox takes it, and the file's name and bytes.
        var receipt: (creditCode: String, name: String, bytes: [UInt8])?
        /// Set aside with this reason (after the receipt), or archived when nil.
        var quarantine: String?
        /// accepted, rejected or refused; nil for an unreadable file.
        var status: SubmissionReceipt.Status?
        /// Hex SHA-256 of the file's bytes: the prefix of its name in archive/ and quarantine/,
        /// so two files of the same name never replace each other there.
        var fileDigest: String?
    }

    /// Decides a file read from `incoming/new`; throws only for failures of the store, when the
    /// file stays where it is to be taken again.
    func decide(_ file: SpoolEntry.File, uploader: String) async throws -> Decided {
        let signed: SubmissionFile
        switch SubmissionFile.parse(file.bytes) {
        case .success(let parsed): signed = parsed
        case .failure(let refusal): return Decided(receipt: nil, quarantine: refusal.description, status: nil, fileDigest: nil)
        }
        let envelope: SubmissionEnvelope
        switch SubmissionEnvelope.parse(signed.envelopeBytes) {
        case .success(let parsed): envelope = parsed
        case .failure(let refusal): return Decided(receipt: nil, quarantine: refusal.description, status: nil, fileDigest: nil)
        }
        let call = AuditedCall(
            uid: Int64(file.owner), user: uploader, pid: Int64(getpid()), method: Self.intakeMethod,
            parameters: ParkControl.JSONValue.object([
                "file": .string(file.name), "submissionId": .string(envelope.submissionId), "tenant": .string(envelope.tenant.value),
                "type": .string(envelope.type), "envelopeSha256": .string(SubmissionIntake.sha256(signed.envelopeBytes)),
            ]).canonicalText)
        // The signature is checked here, on the intake's worker thread, not in the store's writer.
        var checked: CheckedSignature?
        if let keyId = envelope.keyId, let key = try await publicKey(keyId) {
            checked = CheckedSignature(publicKey: key, signature: signed.signature, message: signed.envelopeBytes)
        }
        let received = ReceivedSubmission(
            envelope: envelope, envelopeBytes: signed.envelopeBytes, signature: signed.signature, checkedSignature: checked)
        do {
            let taken = try await take(received, context: context(call))
            return Decided(
                receipt: (envelope.tenant.value, SubmissionReceipt.fileName(submissionId: envelope.submissionId), try signedReceipt(taken.receipt)),
                quarantine: nil, status: taken.status, fileDigest: nil)
        } catch let refused as SubmissionRefused {
            // A refusal is answered in the outbox of a firm of the park only: a file naming any
            // other credit code makes no directory for it.
            return Decided(
                receipt: refused.tenantOnFile
                    ? (
                        envelope.tenant.value,
                        SubmissionReceipt.fileName(submissionId: envelope.submissionId, refusedSha256: refused.envelopeSha256),
                        try signedReceipt(refused.receipt)
                    ) : nil,
                quarantine: refused.refusal.description, status: .refused, fileDigest: nil)
        }
    }

    /// Takes a staff member's entry of a tenant's paper submission (the envelope's text), and
    /// writes its receipt to the tenant's outbox at once, durably.
    func enter(envelopeText: String, context: ChangeContext) async throws -> (taken: TakenSubmission, receiptFile: String) {
        let bytes = Array(envelopeText.utf8)
        let envelope: SubmissionEnvelope
        switch SubmissionEnvelope.parse(bytes) {
        case .success(let parsed): envelope = parsed
        case .failure(let refusal): throw DomainError.invalid("envelope", refusal.description)
        }
        let received = ReceivedSubmission(envelope: envelope, envelopeBytes: bytes, signature: nil)
        let taken: TakenSubmission
        let name: String
        do {
            taken = try await take(received, context: context)
            name = SubmissionReceipt.fileName(submissionId: envelope.submissionId)
        } catch let refused as SubmissionRefused {
            taken = TakenSubmission(receipt: refused.receipt, status: .refused, replayed: false)
            name = SubmissionReceipt.fileName(submissionId: envelope.submissionId, refusedSha256: refused.envelopeSha256)
        }
        let directory = spool.outbox(envelope.tenant.value)
        try spool.makeOutbox(envelope.tenant.value)
        try DurableFile.write(try signedReceipt(taken.receipt), to: directory, name: name)
        try DurableFile.sync(directory: directory)
        return (taken, directory + "/" + name)
    }

    /// Writes a recorded submission's receipt again, from the database; the file's path.
    func rewriteReceipt(of stored: StoredSubmission) throws -> String {
        let directory = spool.outbox(stored.creditCode)
        let name = SubmissionReceipt.fileName(submissionId: stored.submissionId)
        try spool.makeOutbox(stored.creditCode)
        try DurableFile.write(try signedReceipt(stored.receipt), to: directory, name: name)
        try DurableFile.sync(directory: directory)
        return directory + "/" + name
    }

    /// Moves a file set aside back into `incoming/new`, removing its reason; its new path.
    func requeue(_ name: String) throws -> String {
        let source = spool.quarantine + "/" + name
        var info = stat()
        guard !name.isEmpty, !name.hasPrefix("."), !name.contains("/"), !name.hasSuffix(".reason"), lstat(source, &info) == 0 else {
            throw SubmissionAPI.NoSuchQuarantinedFile(file: name)
        }
        let target = spool.new + "/" + name
        try DurableFile.move(source, to: target)
        unlink(source + ".reason")
        try DurableFile.sync(directory: spool.new)
        try DurableFile.sync(directory: spool.quarantine)
        return target
    }

    /// The public key recorded under `keyId`, from the cache or the store; nil when none is.
    private func publicKey(_ keyId: String) async throws -> SigningPublicKey? {
        if let known = publicKeys.key(keyId) { return known }
        let found = try await database.publicKey(keyId: keyId)
        if let found { publicKeys.remember(found, as: keyId) }
        return found
    }

    private func take(_ received: ReceivedSubmission, context: ChangeContext) async throws -> TakenSubmission {
        try await database.takeSubmission(
            received, parkKeyId: receiptKey.publicKey.keyId, today: state.today(), now: state.epochSeconds,
            prescreen: state.config.prescreen, context: context)
    }

    private func context(_ call: AuditedCall) -> ChangeContext {
        ChangeContext(call: call, at: state.instant(), outcome: { error in
            (error as? SubmissionRefused)?.description ?? ControlErrors.varlinkError(for: error).description
        }, parkZone: state.parkZone)
    }

    private func signedReceipt(_ content: String) throws -> [UInt8] {
        try SubmissionReceipt.fileBytes(content: content, key: receiptKey)
    }
}
