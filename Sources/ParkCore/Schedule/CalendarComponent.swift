import MemberwiseInit

/// One item of a component of a calendar expression: a value (`5`), a range (`1..5`), a
/// repetition (`0/15`) or a range with a repetition (`8..18/2`). The seconds component counts in
/// microseconds, so `1.5` is 1,500,000.
@MemberwiseInit
public struct CalendarComponent: Comparable, Sendable {
    public var start: Int
    /// The last value of a range; nil for none.
    public var stop: Int? = nil
    /// The step of a repetition; 0 for none.
    public var step: Int = 0

    public static func < (lhs: CalendarComponent, rhs: CalendarComponent) -> Bool {
        (lhs.start, lhs.stop ?? -1, lhs.step) < (rhs.start, rhs.stop ?? -1, rhs.step)
    }

    /// The same set of values in systemd's canonical form: a range ends on a value it reaches,
    /// and a range of one value, or whose step never repeats, is that value alone.
    var normalized: CalendarComponent {
        var item = self
        if let stop = item.stop, stop > item.start, item.step > 0 {
            item.stop = stop - (stop - item.start) % item.step
        }
        if let stop = item.stop, (stop > item.start && item.step > 0 && item.start + item.step > stop) || stop == item.start {
            item.stop = nil
            item.step = 0
        }
        return item
    }

    /// Why the item is out of `bounds`, or nil when it fits; counted back from the month's end
    /// (`~`), a day is at most 28. Values are said as written: in seconds (`microseconds`), not
    /// in the microseconds the seconds component counts in.
    func problem(in bounds: ClosedRange<Int>, fromMonthEnd: Bool, microseconds: Bool = false) -> String? {
        let lowest = bounds.lowerBound
        let highest = fromMonthEnd ? bounds.upperBound - 3 : bounds.upperBound
        func said(_ value: Int) -> String { microseconds ? Self.seconds(value) : String(value) }
        let range = "\(said(lowest))–\(said(highest))"
        if start < lowest || start > highest { return "starts outside \(range)" }
        if step > highest - lowest { return "repeats every \(said(step)), more than the range \(range) holds" }
        if let stop {
            if stop < lowest || stop > highest { return "ends outside \(range)" }
            if stop < start { return "is a range that ends before it starts" }
            if start + step > stop { return "is a range that ends before its first repetition" }
        } else if fromMonthEnd && start - step < lowest {
            return "repeats past the month's end"
        } else if !fromMonthEnd && start + step > highest {
            return "repeats past \(said(highest))"
        }
        return nil
    }

    /// Microseconds as seconds: `59.999999`, `60`, `1.5`.
    private static func seconds(_ microseconds: Int) -> String {
        let fraction = microseconds % 1_000_000
        guard fraction > 0 else { return String(microseconds / 1_000_000) }
        var digits = padded(fraction, 6)
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(microseconds / 1_000_000).\(digits)"
    }

    /// The item as systemd writes it, values `width` digits wide; in the seconds component
    /// (`microseconds`) a fraction follows the whole seconds.
    func text(width: Int, microseconds: Bool) -> String {
        let unit = microseconds ? 1_000_000 : 1
        var text = Self.padded(start / unit, width)
        if start % unit > 0 { text += "." + Self.padded(start % unit, 6) }
        if let stop, stop > 0 { text += ".." + Self.padded(stop / unit, width) }
        if let stop, stop % unit > 0 { text += "." + Self.padded(stop % unit, 6) }
        if step > 0 && !((stop ?? 0) > 0 && step == unit) { text += "/" + String(step / unit) }
        if step % unit > 0 { text += "." + Self.padded(step % unit, 6) }
        return text
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
