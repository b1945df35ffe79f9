import MemberwiseInit

extension CalendarAPI {
    public static let errors: [any DeclaredError.Type] = [YearNotCovered.self]

    @MemberwiseInit
    public struct YearNotCovered: DeclaredError {
        public static let name = "io.parkd.Calendar.YearNotCovered"
        public static let kind = FailureKind.invalidInput
        public var year: Int
        public var sentence: String {
            "the working-day calendar does not cover \(year): parkd has no holiday schedule of \(year), so no day of it can be "
                + "counted; once the State Council has published the \(year) holidays, put \(year).yaml in parkd's calendar "
                + "directory (calendar.directory, or parkd --calendar-dir) and reload parkd"
        }
    }
}
