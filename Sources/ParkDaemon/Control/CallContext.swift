import Foundation
import ParkControl
import ParkStore
import Synchronization

/// What a handler knows of the call it serves.
public final class CallContext: Sendable {
    public let caller: Caller
    /// Fully qualified method name.
    public let method: String
    /// The whole message as received; its parameters are read again only for the audit trail.
    private let message: Data
    let state: DaemonState
    private let auditTaken = Atomic<Bool>(false)

    init(caller: Caller, method: String, message: Data, state: DaemonState) {
        self.caller = caller
        self.method = method
        self.message = message
        self.state = state
    }

    /// The parameters as sent, in canonical JSON.
    var parametersText: String {
        let parameters = try? JSONDecoder().decode(VarlinkRequest.self, from: message).parameters
        return (parameters ?? .object([:])).canonicalText
    }

    /// The audit context for the one change this call makes; the store records the entry.
    func change() -> ChangeContext {
        auditTaken.store(true, ordering: .relaxed)
        return ChangeContext(call: auditedCall, at: state.instant(), outcome: { ControlErrors.varlinkError(for: $0).description })
    }

    /// True once a change was handed to the store, which then audits it whatever its outcome.
    var isAudited: Bool { auditTaken.load(ordering: .relaxed) }

    var auditedCall: AuditedCall {
        AuditedCall(
            uid: Int64(caller.uid), user: caller.userName, pid: Int64(caller.pid), method: method,
            parameters: parametersText)
    }
}
