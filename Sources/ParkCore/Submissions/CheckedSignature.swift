/// A submission's signature checked against a public key ahead of its decision, so the check
/// (the costliest step of a submission) runs on the intake's worker threads rather than inside
/// the store's single writer. The decision uses it only when it was made with the very key the
/// store holds under the envelope's key id, over the same signature and bytes; otherwise the
/// decision checks the signature itself.
public struct CheckedSignature: Sendable, Equatable {
    public let publicKey: SigningPublicKey
    public let signature: [UInt8]
    public let message: [UInt8]
    /// True when `signature` is `publicKey`'s signature of exactly `message`.
    public let verifies: Bool

    /// Checks `signature` of `message` with `publicKey`, now.
    public init(publicKey: SigningPublicKey, signature: [UInt8], message: [UInt8]) {
        self.publicKey = publicKey
        self.signature = signature
        self.message = message
        verifies = publicKey.verifies(signature: signature, of: message)
    }

    /// Whether `signature` is `publicKey`'s signature of `message`: this check's answer when it
    /// was made for exactly these, a new check otherwise.
    public func answer(publicKey: SigningPublicKey, signature: [UInt8], message: [UInt8]) -> Bool {
        guard publicKey == self.publicKey, signature == self.signature, message == self.message else {
            return publicKey.verifies(signature: signature, of: message)
        }
        return verifies
    }
}
