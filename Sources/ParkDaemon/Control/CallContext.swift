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
    /// For a sealed method (a reviewer's sheet), the parameters the audit trail records as sent;
    /// every other is replaced by `sealed`. Nil when the trail records them all.
    private let openParameters: Set<String>?
    private let commitment = Mutex<String?>(nil)

    init(caller: Caller, method: String, message: Data, plainParameters: JSONTree? = nil, state: DaemonState, openParameters: Set<String>? = nil) {
        self.caller = caller
        self.method = method
        self.message = message
        self.plainParameters = plainParameters
        self.state = state
        self.openParameters = openParameters
    }

    /// The parameters as sent, in canonical JSON; sealed ones are left out, and `sealed` holds
    /// the commitment the handler gave (or `withheld`, for a call refused before it did).
    var parametersText: String { parametersText(sealedAs: commitment.withLock { $0 } ?? "withheld") }

    /// The parameters as sent, in canonical JSON, with `sealed` as given for a sealed method.
    private func parametersText(sealedAs sealed: String) -> String {
        let parameters: JSONValue
        if let plain = plainParameters?.jsonValue {
            parameters = plain
        } else if let request = try? JSONDecoder().decode(VarlinkRequest.self, from: message) {
            parameters = request.parameters ?? .object([:])
        } else {
            // Parameters no JSON value holds (a number past any double, a lone surrogate): the
            // trail records the message as sent, not as if nothing had been (a sealed method's
            // not at all, as it may quote the sheet).
            guard openParameters == nil else { return JSONValue.object(["sealed": .string(sealed)]).canonicalText }
            return String(decoding: message, as: UTF8.self)
        }
        guard let openParameters else { return parameters.canonicalText }
        var members: [String: JSONValue] = [:]
        if case .object(let sent) = parameters { members = sent.filter { openParameters.contains($0.key) } }
        members["sealed"] = .string(sealed)
        return JSONValue.object(members).canonicalText
    }

    /// The audit context for the one change this call makes; the store records the entry. A
    /// call refused before the store wrote one (a timer that does not exist, an envelope that
    /// cannot be read) is recorded by the dispatcher, as any refused call.
    func change() -> ChangeContext {
        let call = auditedCall
        // A sealed call refused records no commitment: no sheet was stored for it to open.
        var refused = call
        if openParameters != nil { refused.parameters = parametersText(sealedAs: "withheld") }
        let bytes = state.config.limits.refusedParametersBytes
        return ChangeContext(
            call: call, refusedCall: { [refused] in RefusedCallRecord.bounded(refused, to: bytes) }, at: state.instant(),
            outcome: { [openParameters] in
                RefusedCallRecord.bounded(Self.auditedOutcome(ControlErrors.varlinkError(for: $0), sealed: openParameters != nil), to: bytes)
            },
            recorded: { self.auditTaken.store(true, ordering: .relaxed) }, parkZone: state.parkZone)
    }

    /// As `change()`, for a call whose sealed parameters the audit trail records as `commitment`.
    func change(sealing commitment: String) -> ChangeContext {
        self.commitment.withLock { $0 = commitment }
        return change()
    }

    /// How the audit trail names the error that refused this call: by its description, or for
    /// a sealed method by its name alone, since its reason may quote the sheet (`'…' is not a
    /// veto item`) and the trail is read before the session closes.
    func auditedOutcome(_ error: VarlinkError) -> String {
        Self.auditedOutcome(error, sealed: openParameters != nil)
    }

    private static func auditedOutcome(_ error: VarlinkError, sealed: Bool) -> String {
        sealed ? error.name : error.description
    }

    /// True once the trail holds an entry for this call (the store wrote it, whatever the
    /// change's outcome).
    var isAudited: Bool { auditTaken.load(ordering: .relaxed) }

    var auditedCall: AuditedCall {
        AuditedCall(
            uid: Int64(caller.uid), user: caller.userName, pid: Int64(caller.pid), method: method,
            parameters: parametersText)
    }
}
