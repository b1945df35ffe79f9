/// A change to an event or its registrations that the event's state does not allow.
public enum EventRefused: Error, Equatable, Sendable, CustomStringConvertible {
    /// The event has ended: what was held stays as it was (its outcome is recorded apart).
    case held(event: Int64, ended: String)
    /// The event was cancelled.
    case cancelled(event: Int64)
    /// Registration is not open: the event's status says why.
    case registrationNotOpen(event: Int64, status: EventStatus, opens: String?, closes: String?)
    /// The tenant would hold more places at the event than each firm may.
    case firmLimit(event: Int64, tenant: Int64, limit: Int, held: Int, asked: Int)

    public var description: String {
        switch self {
        case .held(let event, let ended): "event \(event) was held (it ended \(ended)); a held event cannot change"
        case .cancelled(let event): "event \(event) is cancelled"
        case .registrationNotOpen(let event, let status, let opens, let closes):
            switch status {
            case .planned: "registration for event \(event) opens \(opens ?? "later")"
            case .closed: "registration for event \(event) closed\(closes.map { " \($0)" } ?? " when the event started")"
            case .held: "event \(event) was held; registration is over"
            case .cancelled: "event \(event) is cancelled"
            case .open: "registration for event \(event) is open"
            }
        case .firmLimit(let event, let tenant, let limit, let held, let asked):
            "each firm may take at most \(limit) places at event \(event); tenant \(tenant) holds \(held) and asks for \(asked) more"
        }
    }
}
