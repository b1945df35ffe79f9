import Foundation
import ParkControl
import ParkStore
import Synchronization

/// What a handler knows of the call it serves.
public final class CallContext: Sendable {
    public let caller: Caller
    /// Fully qualified method name.
    public let method: String
    /// The whole message as received; its parameters are read again only for the audit trail,
    /// unless the message was read as a `JSONTree` (`plainParameters`).
    private let message: Data
    /// The parameters object of a message read as a `JSONTree`, kept for the audit trail.
    private let plainParameters: JSONTree?
    let state: DaemonState
    private let auditTaken = Atomic<Bool>(false)
    /// Parameters the audit trail never records (a reviewer's scores): replaced by `sealed`.
    private let sealedParameters: Set<String>
    private let commitment = Mutex<String?>(nil)

    init(caller: Caller, method: String, message: Data, plainParameters: JSONTree? = nil, state: DaemonState, sealedParameters: Set<String> = []) {
        self.caller = caller
        self.method = method
        self.message = message
        self.plainParameters = plainParameters
        self.state = state
        self.sealedParameters = sealedParameters
    }

    /// The parameters as sent, in canonical JSON; sealed ones are left out, and `sealed` holds
    /// the commitment the handler gave (or `withheld`, for a call refused before it did).
    var parametersText: String {
        let parameters = plainParameters?.jsonValue ?? (try? JSONDecoder().decode(VarlinkRequest.self, from: message).parameters) ?? .object([:])
        guard !sealedParameters.isEmpty else { return parameters.canonicalText }
        var members: [String: JSONValue] = [:]
        if case .object(let sent) = parameters { members = sent.filter { !sealedParameters.contains($0.key) } }
        members["sealed"] = .string(commitment.withLock { $0 } ?? "withheld")
        return JSONValue.object(members).canonicalText
    }

    /// The audit context for the one change this call makes; the store records the entry.
    func change() -> ChangeContext {
        auditTaken.store(true, ordering: .relaxed)
        let call = auditedCall
        return ChangeContext(
            call: call, refusedCall: RefusedCallRecord.bounded(call, to: state.config.limits.refusedParametersBytes), at: state.instant(),
            outcome: { ControlErrors.varlinkError(for: $0).description })
    }

    /// As `change()`, for a call whose sealed parameters the audit trail records as `commitment`.
    func change(sealing commitment: String) -> ChangeContext {
        self.commitment.withLock { $0 = commitment }
        return change()
    }

    /// True once a change was handed to the store, which then audits it whatever its outcome.
    var isAudited: Bool { auditTaken.load(ordering: .relaxed) }

    var auditedCall: AuditedCall {
        AuditedCall(
            uid: Int64(caller.uid), user: caller.userName, pid: Int64(caller.pid), method: method,
            parameters: parametersText)
    }
}
