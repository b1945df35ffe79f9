extension CalendarSpec {
    /// Parses `expression` as systemd 252 does. A last word that `isTimeZone` accepts is the
    /// expression's time zone (the daemon checks for a zone file); ` UTC`, in any case, is UTC.
    /// A refusal is a `DomainError` on the field `expression` naming the part at fault.
    public static func parse(_ expression: String, isTimeZone: (String) -> Bool) throws(DomainError) -> CalendarSpec {
        var bytes = Array(expression.utf8)
        var spec = CalendarSpec()
        let utcSuffix = Array(" utc".utf8)
        if bytes.count >= utcSuffix.count && bytes.suffix(utcSuffix.count).map(CalendarSpecParser.lowercased) == utcSuffix {
            spec.isUTC = true
            bytes.removeLast(utcSuffix.count)
        } else if let space = bytes.lastIndex(of: UInt8(ascii: " ")) {
            let name = String(decoding: bytes[(space + 1)...], as: UTF8.self)
            if isTimeZone(name) {
                spec.timeZone = name
                bytes.removeSubrange(space...)
            }
        }
        do {
            spec = try CalendarSpecParser.parse(bytes, into: spec)
        } catch {
            // A last word with a slash that is no zone is most likely a zone mistyped.
            if spec.timeZone == nil, let space = bytes.lastIndex(of: UInt8(ascii: " ")), bytes[space...].contains(UInt8(ascii: "/")) {
                let name = String(decoding: bytes[(space + 1)...], as: UTF8.self)
                throw CalendarSpecParser.refusal("'\(name)' is not a time zone (UTC, or a name such as Asia/Shanghai)")
            }
            throw error
        }
        spec.normalize()
        if let problem = spec.problem() { throw CalendarSpecParser.refusal(problem) }
        return spec
    }
}
