import MemberwiseInit

extension TimerAPI {
    public static let errors: [any DeclaredError.Type] = [NoSuchTimer.self]

    @MemberwiseInit
    public struct NoSuchTimer: DeclaredError {
        public static let name = "io.parkd.Timer.NoSuchTimer"
        public static let kind = FailureKind.notFound
        public var name: String
        public var sentence: String {
            "no timer is named '\(name)'; `parkctl timer list` shows the timers of parkd's configuration (timers:)"
        }
    }
}
