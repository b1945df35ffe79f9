import Foundation
import Logging
import ParkControl
import ParkCore
import ParkStore

/// Turns one received message into its reply: decode (header and parameters in one pass),
/// authorise, run, encode.
///
/// Nothing a client sends can make it throw: every failure becomes an error reply, and a
/// message that is not Varlink also closes the connection.
public struct Dispatcher: Sendable {
    let table: MethodTable
    let state: DaemonState
    let database: ParkDatabase
    let logger: Logger

    /// What to send back, and whether to hang up afterwards.
    struct Outcome {
        var reply: Data?
        var closeConnection = false
    }

    /// Messages longer than this are read and answered on a worker thread: decoding, checking
    /// and auditing one near the 1 MiB limit takes long enough to hold up every connection that
    /// shares the event loop.
    static let largeMessageBytes = 64 << 10

    func handle(_ bytes: some Collection<UInt8>, from caller: Caller) async -> Outcome {
        guard bytes.count > Self.largeMessageBytes else { return await handleHere(bytes, from: caller) }
        let message = Data(bytes)
        return await Task(executorPreference: table.workers) { await handleHere(message, from: caller) }.value
    }

    private func handleHere(_ bytes: some Collection<UInt8>, from caller: Caller) async -> Outcome {
        let message = bytes.withContiguousStorageIfAvailable { Data(buffer: $0) } ?? Data(bytes)
        guard message.withUnsafeBytes(Dispatcher.isValidUTF8) else {
            return refuse("message is not valid UTF-8", caller: caller)
        }
        let received: ReceivedCall
        if let plain = plainCall(message) {
            received = plain
        } else {
            if let syntax = Dispatcher.syntaxError(in: message) {
                return refuse("message is not a Varlink call: invalid JSON at byte \(syntax.offset): \(syntax.reason)", caller: caller)
            }
            do {
                let decoder = JSONDecoder()
                decoder.userInfo[MethodTable.userInfoKey] = table
                received = try decoder.decode(ReceivedCall.self, from: message)
            } catch {
                if let offset = Dispatcher.nestedTooDeep(message) {
                    return refuse("message is not a Varlink call: nested more than \(Dispatcher.deepestNesting) levels deep at byte \(offset), deeper than parkd reads", caller: caller)
                }
                return refuse("message is not a Varlink call: \(Dispatcher.summary(of: error))", caller: caller)
            }
        }
        let call = received.header
        let oneway = call.oneway == true
        guard let name = call.qualifiedName else {
            return reply(.methodNotFound(call.method), oneway: oneway)
        }
        guard let (entry, decodedCall) = received.method else {
            let error: VarlinkError = table.interface(named: name.interface) == nil
                ? .interfaceNotFound(name.interface) : .methodNotFound(call.method)
            return reply(error, oneway: oneway)
        }
        // No method of parkd's upgrades the connection to another protocol.
        if call.upgrade == true {
            return reply(.methodNotImplemented(call.method), oneway: oneway)
        }
        var decoded = decodedCall
        if case .success = decoded, let name = Dispatcher.parameterHoldingNUL(in: message) {
            decoded = .failure(VarlinkError.invalidParameter(name))
        }
        let context = CallContext(
            caller: caller, method: call.method, message: message, plainParameters: received.plainParameters, state: state,
            openParameters: entry.openParameters)
        guard permits(entry.access, caller) else {
            let error = ServiceAPI.PermissionDenied(method: call.method, uid: Int64(caller.uid)).varlinkError
            // A caller without a role is logged and audited within its budget of refusals, so
            // that it cannot flood the journal or the trail; the next line logged, and the next
            // entry the trail records, say how many were left out.
            var omittedFromLog = 0, omittedFromTrail = 0
            if state.access.role(of: caller) == .none {
                switch state.budgets.refusedCall(uid: caller.uid, limits: state.config.limits, audited: entry.access.isAudited) {
                case .omit: return reply(error, oneway: oneway)
                case .record(let fromLog, let fromTrail): (omittedFromLog, omittedFromTrail) = (fromLog, fromTrail)
                }
            }
            logger.notice("request refused", metadata: NotableEvent.requestRefused.metadata([
                "method": "\(call.method)", "uid": "\(caller.uid)", "callerPid": "\(caller.pid)",
            ].merging(omittedFromLog > 0 ? ["refusedBefore": "\(omittedFromLog)"] : [:]) { first, _ in first }))
            await auditRefusal(entry, context, error, omittedBefore: omittedFromTrail)
            return reply(error, oneway: oneway)
        }
        do {
            let result = try await decoded.get()(context)
            return Outcome(reply: oneway ? nil : result)
        } catch {
            let varlinkError = ControlErrors.varlinkError(for: error)
            if let storage = error as? StorageFailure {
                // The caller is told; so is whoever reads the journal, who can free the space.
                logger.error("request refused: storage", metadata: NotableEvent.storageRefused.metadata([
                    "method": "\(call.method)", "uid": "\(caller.uid)", "reason": "\(storage)",
                ]))
                // The lock another process holds would keep the trail's entry waiting as long
                // again (and refuse it too): the journal's line is its record.
                if case .busy = storage { return reply(varlinkError, oneway: oneway) }
            } else if varlinkError.name == ServiceAPI.InternalError.name {
                logger.error("request failed", metadata: NotableEvent.requestFailed.metadata([
                    "method": "\(call.method)", "uid": "\(caller.uid)", "error": "\(error)",
                ]))
            }
            await auditRefusal(entry, context, varlinkError)
            return reply(varlinkError, oneway: oneway)
        }
    }

    /// The call read through `JSONTree`, when the message is plain enough for it and its
    /// parameters decode without error; otherwise nil, and `JSONDecoder` reads it (and names
    /// what is wrong). Both read a plain message the same way; this one costs a fraction.
    private func plainCall(_ message: Data) -> ReceivedCall? {
        guard let tree = message.withUnsafeBytes({ JSONTree(parsing: $0) }), let header = VarlinkCallHeader(plain: tree) else { return nil }
        var received = ReceivedCall(header: header, table: table, decoder: JSONTreeDecoder(tree))
        if case .failure? = received.method?.decoded { return nil }
        received.plainParameters = tree.member("parameters").flatMap { if case .object = $0 { $0 } else { nil } } ?? .object([])
        return received
    }

    /// Whether the message is valid UTF-8, without copying it when it is ASCII, as most are.
    private static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if bytes.allSatisfy({ $0 < 0x80 }) { return true }
        return bytes.withMemoryRebound(to: UInt8.self) { String(validating: $0, as: UTF8.self) } != nil
    }

    private func permits(_ access: MethodAccess, _ caller: Caller) -> Bool {
        let policy = state.access
        switch (access, policy.role(of: caller)) {
        case (.everyone, _), (_, .admin), (.read, .auditor), (.reviewerOrRead, .auditor): return true
        case (.reviewer, _), (.reviewerChange, _), (.reviewerOrRead, _): return policy.isReviewer(caller)
        default: return false
        }
    }

    /// A state-changing call that failed before reaching the store is still recorded, bounded:
    /// its parameters cut to `limits.refused_parameters_bytes` (with their length and SHA-256),
    /// and with the count of refusals left out before it (a caller without a role).
    private func auditRefusal(_ entry: MethodTable.Entry, _ context: CallContext, _ error: VarlinkError, omittedBefore omitted: Int = 0) async {
        guard entry.access.isAudited, !context.isAudited else { return }
        let limits = state.config.limits
        var outcome = RefusedCallRecord.bounded(context.auditedOutcome(error), to: limits.refusedParametersBytes)
        if omitted > 0 {
            outcome += " (\(omitted) refused calls or messages of this uid before this one were left out of the log and the trail: limits.refused_calls_audited_per_minute)"
        }
        do {
            try await database.recordCall(
                RefusedCallRecord.bounded(context.auditedCall, to: limits.refusedParametersBytes), at: state.instant(), outcome: outcome)
        } catch {
            logger.error("audit entry not written", metadata: ["method": "\(context.method)", "error": "\(error)"])
        }
    }

    private func reply(_ error: VarlinkError, oneway: Bool) -> Outcome {
        guard !oneway else { return Outcome(reply: nil) }
        return Outcome(reply: Dispatcher.encoded(error))
    }

    /// Answers a message that is not Varlink, then hangs up: the stream can no longer be trusted.
    /// A caller without a role is logged within its budget of refusals, as its refused calls
    /// are, so that malformed messages cannot flood the journal either; the next line logged
    /// says how many were left out.
    func refuse(_ reason: String, caller: Caller) -> Outcome {
        let outcome = Outcome(reply: Dispatcher.encoded(ServiceAPI.InvalidMessage(reason: reason).varlinkError), closeConnection: true)
        var omitted = 0
        if state.access.role(of: caller) == .none {
            switch state.budgets.refusedCall(uid: caller.uid, limits: state.config.limits, audited: false) {
            case .omit: return outcome
            case .record(let fromLog, _): omitted = fromLog
            }
        }
        logger.warning("protocol error", metadata: NotableEvent.protocolError.metadata([
            "reason": "\(reason)", "uid": "\(caller.uid)", "callerPid": "\(caller.pid)",
        ].merging(omitted > 0 ? ["refusedBefore": "\(omitted)"] : [:]) { first, _ in first }))
        return outcome
    }

    /// An error reply's message (without its closing NUL).
    static func encoded(_ error: VarlinkError) -> Data {
        // Encoding JSONValue cannot fail: it holds only finite numbers and valid strings.
        (try? VarlinkCoding.encode(VarlinkReply(parameters: error.parameters, error: error.name)))
            ?? Data(#"{"error":"io.parkd.Service.InternalError"}"#.utf8)
    }

    /// The parameter, first by name, that holds the character U+0000 (in a string or a member
    /// name, at any depth), if any does.
    ///
    /// SQLite text ends at a NUL on its way through GRDB, so such a value would be stored cut
    /// short, and an audit entry quoting it would no longer match its hash. No field of parkd's
    /// has a use for it, so the call is refused, naming the parameter. The message is scanned
    /// for the escape `\u0000` first (a raw NUL ends a Varlink message), so a call without one
    /// costs a scan of its bytes only.
    static func parameterHoldingNUL(in message: Data) -> String? {
        guard mayEscapeNUL(message),
              let call = try? JSONDecoder().decode(CallParameters.self, from: message),
              case .object(let members)? = call.parameters else {
            return nil
        }
        return members.keys.sorted().first { name in
            name.unicodeScalars.contains("\0") || members[name]?.holdsNUL == true
        }
    }

    /// Where and why the message is not JSON as RFC 8259 writes it, if it is not (within the
    /// strict parser's depth): a member named twice, a trailing comma, a number with a leading
    /// zero or without digits after its point. `JSONDecoder` would read some of these without a
    /// word (keeping one of two values, dropping a comma), and a proxy or a log reading the
    /// message in another language may read them otherwise: the message is refused instead. A
    /// plain message never gets here (its parser refuses them itself). What is wrong inside a
    /// string (a lone surrogate, a control character) is left to `JSONDecoder`, whose error
    /// names the parameter; so is nesting deeper than the strict parser reads.
    static func syntaxError(in message: Data) -> StrictJSONParser.SyntaxError? {
        guard case .failure(let syntax) = Result(catching: { () throws(StrictJSONParser.SyntaxError) in try StrictJSONParser.parse(Array(message)) }),
              !syntax.isInsideStringOrTooDeep else { return nil }
        return syntax
    }

    /// Whether the JSON text holds `\u0000` where the backslash starts an escape (is not itself escaped).
    private static func mayEscapeNUL(_ message: Data) -> Bool {
        let escape = Array(#"\u0000"#.utf8)
        return message.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var backslashes = 0
            for index in bytes.indices {
                if bytes[index] == UInt8(ascii: "\\") {
                    backslashes += 1
                    continue
                }
                defer { backslashes = 0 }
                // An odd run of backslashes ends in one that starts an escape.
                guard backslashes % 2 == 1, index + 4 < bytes.count, bytes[index] == UInt8(ascii: "u") else { continue }
                if bytes[index..<index + 5].elementsEqual(escape.dropFirst()) { return true }
            }
            return false
        }
    }

    /// The most levels of arrays and objects Foundation's `JSONDecoder` reads.
    static let deepestNesting = 512

    /// Where the message's arrays and objects first nest deeper than `deepestNesting` (outside
    /// strings), if they do: Foundation says only "not valid JSON" of such a message.
    static func nestedTooDeep(_ message: Data) -> Int? {
        message.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int? in
            var depth = 0
            var inString = false
            var escaped = false
            for (offset, byte) in bytes.enumerated() {
                if inString {
                    if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    if depth > deepestNesting { return offset }
                case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
                default: break
                }
            }
            return nil
        }
    }

    private static func summary(of error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty,
             DecodingError.valueNotFound(_, let context) where context.codingPath.isEmpty:
            "the message is not a JSON object"
        case DecodingError.typeMismatch(_, let context): "\(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type"
        case DecodingError.valueNotFound(_, let context): "\(context.codingPath.map(\.stringValue).joined(separator: ".")) must not be null"
        // Text the strict parser refuses never gets here (`syntaxError(in:)` says where and
        // why); what Foundation alone refuses is nested deeper than the strict parser reads.
        default: "invalid JSON"
        }
    }
}

/// A message decoded in one pass: its header and, for a method parkd serves, its parameters
/// (or why they are not acceptable, which is answered only once the caller is authorised).
private struct ReceivedCall: Decodable {
    let header: VarlinkCallHeader
    /// The method's entry and the call decoded for it; nil when parkd does not serve the method.
    let method: (entry: MethodTable.Entry, decoded: Result<MethodTable.DecodedCall, any Error>)?
    /// The parameters object (`{}` when none were sent) of a message read as a `JSONTree`.
    var plainParameters: JSONTree?

    init(from decoder: any Decoder) throws {
        let header = try VarlinkCallHeader(from: decoder)
        self.init(header: header, table: decoder.userInfo[MethodTable.userInfoKey] as? MethodTable, decoder: decoder)
    }

    /// The call with `header`, its parameters decoded by `decoder` (which decodes the whole message).
    init(header: VarlinkCallHeader, table: MethodTable?, decoder: any Decoder) {
        self.header = header
        guard let entry = table?.entries[header.method] else {
            method = nil
            return
        }
        method = (entry, Result { try entry.decode(header, decoder) })
    }
}

private extension VarlinkCallHeader {
    /// The header of a message read as a `JSONTree`, as `init(from:)` reads it; nil where that
    /// would throw (the message is then left to `JSONDecoder`, whose error is the reply).
    init?(plain message: JSONTree) {
        guard case .object = message, case .string(let method)? = message.member("method") else { return nil }
        func flag(_ name: String) -> Bool?? {
            switch message.member(name) {
            case nil, .null?: .some(nil)
            case .bool(let value)?: .some(value)
            default: nil
            }
        }
        guard let more = flag("more"), let oneway = flag("oneway"), let upgrade = flag("upgrade") else { return nil }
        let parameters: ParametersShape = switch message.member("parameters") {
        case nil, .null?: .absent
        case .object(let members)?: .object(members.map(\.name))
        default: .invalid
        }
        self.init(method: method, more: more, oneway: oneway, upgrade: upgrade, parameters: parameters)
    }
}

/// A call's parameters as plain JSON, read only to find one holding U+0000.
private struct CallParameters: Decodable {
    let parameters: JSONValue?
}

private extension JSONValue {
    var holdsNUL: Bool {
        switch self {
        case .string(let text): text.unicodeScalars.contains("\0")
        case .array(let elements): elements.contains { $0.holdsNUL }
        case .object(let members): members.contains { $0.key.unicodeScalars.contains("\0") || $0.value.holdsNUL }
        case .null, .bool, .integer, .number: false
        }
    }
}
