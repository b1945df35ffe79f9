/// Whether parkd may write to a trail with the audit key it holds. Once the newest entry is
/// sealed, an entry written without that very key breaks the chain for good, as tampering
/// would (`AuditChainCheck`): parkd holding no key, or another, does not start, unless told the
/// key changed on purpose (a key lost for good), and says so.
public enum AuditKeyChange {
    /// Why parkd must not write, or nil when it may: `newest` is the key id that sealed the
    /// newest entry (nil: unsealed, or no entry), `held` the id of the key parkd holds.
    public static func refusal(newestSealedWith newest: String?, held: String?, changeAccepted: Bool) -> String? {
        guard let newest, newest != held, !changeAccepted else { return nil }
        let holding = held.map { "parkd holds audit key \($0) instead" } ?? "parkd holds no audit key"
        return "the audit trail is sealed with audit key \(newest), and \(holding): every entry it wrote would fail audit verify from then on, as tampering does. "
            + "Put back the key that sealed it (the credential audit-key, or audit.key_file); if that key is lost for good, start once with --audit-key-changed"
    }
}
