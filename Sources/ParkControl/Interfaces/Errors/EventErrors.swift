import MemberwiseInit

extension EventAPI {
    public static let errors: [any DeclaredError.Type] = [
        NoSuchEvent.self, NoSuchRegistration.self, EventHeld.self, EventCancelled.self, RegistrationNotOpen.self, FirmLimitReached.self,
    ]

    @MemberwiseInit
    public struct NoSuchEvent: DeclaredError {
        public static let name = "io.parkd.Event.NoSuchEvent"
        public static let kind = FailureKind.notFound
        public var event: Int64
        public var sentence: String { "no event has id \(event)" }
    }

    @MemberwiseInit
    public struct NoSuchRegistration: DeclaredError {
        public static let name = "io.parkd.Event.NoSuchRegistration"
        public static let kind = FailureKind.notFound
        public var registration: Int64
        public var sentence: String { "no event registration has id \(registration)" }
    }

    @MemberwiseInit
    public struct EventHeld: DeclaredError {
        public static let name = "io.parkd.Event.EventHeld"
        public static let kind = FailureKind.invalidInput
        public var event: Int64
        public var ended: String
        public var sentence: String { "event \(event) was held (it ended \(ended)); a held event cannot change" }
    }

    @MemberwiseInit
    public struct EventCancelled: DeclaredError {
        public static let name = "io.parkd.Event.EventCancelled"
        public static let kind = FailureKind.invalidInput
        public var event: Int64
        public var sentence: String { "event \(event) is cancelled" }
    }

    @MemberwiseInit
    public struct RegistrationNotOpen: DeclaredError {
        public static let name = "io.parkd.Event.RegistrationNotOpen"
        public static let kind = FailureKind.invalidInput
        public var event: Int64
        public var status: String
        public var opens: String?
        public var closes: String?
        public var sentence: String {
            switch status {
            case "planned": "registration for event \(event) opens \(opens ?? "later")"
            case "closed": "registration for event \(event) closed \(closes ?? "when the event started")"
            case "held": "event \(event) was held; registration is over"
            default: "event \(event) is \(status); registration is not open"
            }
        }
    }

    @MemberwiseInit
    public struct FirmLimitReached: DeclaredError {
        public static let name = "io.parkd.Event.FirmLimitReached"
        public static let kind = FailureKind.invalidInput
        public var event: Int64
        public var tenant: Int64
        public var limit: Int
        public var held: Int
        public var asked: Int
        public var sentence: String {
            "each firm may take at most \(limit) places at event \(event); tenant \(tenant) holds \(held) and asks for \(asked) more"
        }
    }
}
