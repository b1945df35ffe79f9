extension TimeZoneRules {
    /// `instant` (microseconds since the epoch) as systemd prints a timestamp:
    /// `Wed 2023-11-15 10:00:00 CET`, the fraction of the second left out.
    public func timestamp(_ instant: Int64) -> String {
        let second = instant >= 0 ? instant / 1_000_000 : (instant - 999_999) / 1_000_000
        let type = localTimeType(at: second)
        let time = BrokenDownTime(localSeconds: second + type.utcOffset, isDaylightSaving: type.isDaylightSaving)
        let pad = { (value: Int) in CalendarComponent.padded(value, 2) }
        return CalendarSpec.weekdayNames[time.weekdayIndex] + " " + CalendarComponent.padded(time.year, 4) + "-" + pad(time.month + 1) + "-"
            + pad(time.day) + " " + pad(time.hour) + ":" + pad(time.minute) + ":" + pad(time.second) + " " + type.abbreviation
    }
}
