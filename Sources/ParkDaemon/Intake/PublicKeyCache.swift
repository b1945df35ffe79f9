import ParkCore
import Synchronization

/// Tenants' public keys by key id, remembered once read from the store. A key id is a digest
/// of its key, so what is remembered never goes stale; a revoked key stays (the decision in
/// the store's writer refuses it), and only keys on file are remembered, so its size is
/// bounded by the keys the park has issued or added.
final class PublicKeyCache: Sendable {
    private let keys = Mutex<[String: SigningPublicKey]>([:])

    func key(_ keyId: String) -> SigningPublicKey? {
        keys.withLock { $0[keyId] }
    }

    func remember(_ key: SigningPublicKey, as keyId: String) {
        keys.withLock { $0[keyId] = key }
    }
}
