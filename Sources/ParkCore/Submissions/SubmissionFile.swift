import MemberwiseInit

/// A file a tenant drops in the spool: one JSON object holding the envelope's exact bytes and
/// the Ed25519 signature of those bytes, both in base64:
///
///     {"envelope": "<base64 of the envelope's bytes>", "signature": "<base64 of 64 bytes>"}
///
/// Carrying the envelope as bytes means nothing is re-serialised before the signature is
/// checked: what was signed is exactly what is read.
@MemberwiseInit
public struct SubmissionFile: Sendable, Equatable {
    /// The envelope's exact bytes, as signed.
    public let envelopeBytes: [UInt8]
    /// The Ed25519 signature (64 bytes).
    public let signature: [UInt8]

    /// The file's bytes for `envelopeBytes` signed by `sign` (the reference client's format).
    public var bytes: [UInt8] {
        Array(StrictJSON.object([
            ("envelope", .string(Base64Text.encode(envelopeBytes))), ("signature", .string(Base64Text.encode(signature))),
        ]).encoded.utf8) + [0x0A]
    }

    /// Reads a dropped file. The reason of a refusal quotes none of the file's content: it is
    /// written next to the file in quarantine, where others than the sender may read it.
    public static func parse(_ bytes: [UInt8]) -> Result<SubmissionFile, SubmissionRefusal> {
        let value: StrictJSON
        do {
            value = try StrictJSONParser.parse(bytes)
        } catch {
            return .failure(.unreadable(error.description))
        }
        guard case .object(let members) = value else { return .failure(.unreadable("the file is not a JSON object")) }
        if let extra = members.first(where: { $0.name != "envelope" && $0.name != "signature" }) {
            return .failure(.unreadable("unknown member of \(extra.name.count) characters; a file holds envelope and signature only"))
        }
        guard case .string(let envelope) = value["envelope"] else {
            return .failure(.unreadable("envelope is missing or not a string"))
        }
        guard case .string(let signature) = value["signature"] else {
            return .failure(.unreadable("signature is missing or not a string"))
        }
        guard let envelopeBytes = Base64Text.decode(envelope), !envelopeBytes.isEmpty else {
            return .failure(.unreadable("envelope is not base64"))
        }
        guard let signatureBytes = Base64Text.decode(signature), signatureBytes.count == 64 else {
            return .failure(.unauthentic("signature is not base64 of a 64-byte Ed25519 signature"))
        }
        return .success(SubmissionFile(envelopeBytes: envelopeBytes, signature: signatureBytes))
    }
}
